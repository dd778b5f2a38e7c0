// CustomerService: customer companies.

#include "core/macros.h"
#include "core/time.h"
#include "goatflow/customers.h"
#include "service/checks.h"
#include "service/directory_repo.h"

namespace goatflow {
namespace {

constexpr std::string_view kCompanyColumns = R"sql(
  SELECT customer_id, name, street, zip, city, country, url, comments, valid_id, create_time,
         change_time FROM customer_company)sql";

CustomerCompany ReadCompany(const store::Stmt& s) {
  CustomerCompany c;
  c.customer_id = s.Text(0);
  c.name = s.Text(1);
  c.street = s.OptText(2);
  c.zip = s.OptText(3);
  c.city = s.OptText(4);
  c.country = s.OptText(5);
  c.url = s.OptText(6);
  c.comments = s.OptText(7);
  c.valid_id = static_cast<int>(s.Int(8));
  c.created_at = service::ParseStoredTime(s.Text(9));
  c.updated_at = service::ParseStoredTime(s.Text(10));
  return c;
}

Result<CustomerCompany> LoadCompany(store::Db& db, std::string_view customer_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kCompanyColumns) +
                                                  " WHERE customer_id = ? COLLATE NOCASE"));
  stmt.Bind(1, customer_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return service::NotFound("Customer company not found");
  return ReadCompany(stmt);
}

Error Taken(std::string field, std::string message) {
  return Error(ErrorCode::kAlreadyExists, std::move(message),
               {{"field", std::move(field)}, {"reason", "duplicate"}})
      .WithWireCode("core:conflict");
}

Status CheckNameFree(store::Db& db, const std::string& name, std::string_view except_id) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare(
          "SELECT 1 FROM customer_company WHERE lower(name) = lower(?) AND customer_id <> ?"));
  stmt.BindAll(name, except_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool taken, stmt.Step());
  if (taken) return Taken("name", "Company name already exists");
  return OkStatus();
}

// Applies the given optional fields onto `company` (empty clears).
Status ApplyFields(const CompanyFields& fields, CustomerCompany& company) {
  struct F {
    const std::optional<std::string>& in;
    std::optional<std::string>& out;
    std::string_view name;
    std::size_t max;
  };
  for (const F& f :
       {F{fields.street, company.street, "street", 200}, F{fields.zip, company.zip, "zip", 200},
        F{fields.city, company.city, "city", 200},
        F{fields.country, company.country, "country", 200}, F{fields.url, company.url, "url", 200},
        F{fields.comments, company.comments, "comments", 250}}) {
    if (!f.in) continue;
    GOATFLOW_ASSIGN_OR_RETURN(f.out, service::CleanOptionalText(f.in, f.name, f.max));
  }
  return OkStatus();
}

service::AuditEntry CompanyAudit(std::string action, const CustomerCompany& c) {
  service::AuditEntry entry;
  entry.action = std::move(action);
  entry.target_type = "customer_company";
  entry.target_id = c.customer_id;
  entry.target_identifier = c.name;
  return entry;
}

Status StoreCompany(store::Db& db, const CustomerCompany& c, std::int64_t actor,
                    const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    UPDATE customer_company SET name = ?, street = ?, zip = ?, city = ?, country = ?, url = ?,
           comments = ?, valid_id = ?, change_time = ?, change_by = ? WHERE customer_id = ?)sql"));
  stmt.BindAll(c.name, c.street, c.zip, c.city, c.country, c.url, c.comments, c.valid_id, now,
               actor, c.customer_id);
  return stmt.Run();
}

}  // namespace

Result<CustomerCompany> CustomerService::CreateCompany(const RequestContext& ctx,
                                                       const CreateCompanyRequest& request) {
  return service::AdminWrite<CustomerCompany>(
      impl_, ctx, "customer_company.create",
      [&](store::Db& db, const service::Caller& caller) -> Result<CustomerCompany> {
        CustomerCompany c;
        GOATFLOW_ASSIGN_OR_RETURN(c.customer_id,
                                  service::CleanName(request.customer_id, "customer_id", 150));
        if (c.customer_id.find_first_of(" \t") != std::string::npos) {
          return service::ValidationError("customer_id", "invalid_chars",
                                          "customer_id must not contain spaces");
        }
        GOATFLOW_ASSIGN_OR_RETURN(c.name, service::CleanName(request.name, "name", 200));
        GOATFLOW_RETURN_IF_ERROR(ApplyFields(request.fields, c));
        if (LoadCompany(db, c.customer_id).ok()) {
          return Taken("customer_id", "Customer company already exists");
        }
        GOATFLOW_RETURN_IF_ERROR(CheckNameFree(db, c.name, c.customer_id));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
          INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by,
                                        change_time, change_by)
          VALUES (?, ?, 1, ?, ?, ?, ?))sql"));
        insert.BindAll(c.customer_id, c.name, now, caller.id, now, caller.id);
        GOATFLOW_RETURN_IF_ERROR(insert.Run());
        GOATFLOW_RETURN_IF_ERROR(StoreCompany(db, c, caller.id, now));
        GOATFLOW_ASSIGN_OR_RETURN(auto fresh, LoadCompany(db, c.customer_id));
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(
            db, ctx, impl_.clock->Now(), CompanyAudit("customer_company.create", fresh)));
        return fresh;
      });
}

Result<CustomerCompany> CustomerService::GetCompany(const RequestContext& ctx,
                                                    const std::string& customer_id) {
  auto result = service::Read(impl_, [&](store::Db& db) -> Result<CustomerCompany> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdminAccess(caller, ctx));
    return LoadCompany(db, customer_id);
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "customer_company.get", result));
  return result;
}

Result<Page<CustomerCompany>> CustomerService::ListCompanies(const RequestContext& ctx,
                                                             const ListCustomersRequest& request) {
  auto result = service::Read(impl_, [&](store::Db& db) -> Result<Page<CustomerCompany>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdminAccess(caller, ctx));
    PageRequest page = request.page.Normalized();
    std::string where = R"sql(
       WHERE (?1 = 1 OR valid_id = 1)
         AND (?2 = '' OR instr(lower(name), lower(?2)) > 0
              OR instr(lower(customer_id), lower(?2)) > 0))sql";
    GOATFLOW_ASSIGN_OR_RETURN(auto count,
                              db.Prepare("SELECT count(*) FROM customer_company" + where));
    count.BindAll(request.include_invalid ? 1 : 0, request.search);
    GOATFLOW_ASSIGN_OR_RETURN(bool counted, count.Step());
    Page<CustomerCompany> out;
    out.pagination = MakePagination(page, counted ? count.Int(0) : 0);
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                              db.Prepare(std::string(kCompanyColumns) + where +
                                         " ORDER BY name COLLATE NOCASE LIMIT ?3 OFFSET ?4"));
    stmt.BindAll(request.include_invalid ? 1 : 0, request.search, page.limit,
                 page.Offset());
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.items.push_back(ReadCompany(stmt));
    }
    return out;
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "customer_company.list", result));
  return result;
}

Result<CustomerCompany> CustomerService::UpdateCompany(const RequestContext& ctx,
                                                       const std::string& customer_id,
                                                       const UpdateCompanyRequest& request) {
  return service::AdminWrite<CustomerCompany>(
      impl_, ctx, "customer_company.update",
      [&](store::Db& db, const service::Caller& caller) -> Result<CustomerCompany> {
        GOATFLOW_ASSIGN_OR_RETURN(auto c, LoadCompany(db, customer_id));
        std::string old_name = c.name;
        int old_valid = c.valid_id;
        if (request.name) {
          GOATFLOW_ASSIGN_OR_RETURN(c.name, service::CleanName(*request.name, "name", 200));
          GOATFLOW_RETURN_IF_ERROR(CheckNameFree(db, c.name, c.customer_id));
        }
        GOATFLOW_RETURN_IF_ERROR(ApplyFields(request.fields, c));
        if (request.valid_id) {
          GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(*request.valid_id));
          c.valid_id = *request.valid_id;
        }
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_RETURN_IF_ERROR(StoreCompany(db, c, caller.id, now));
        GOATFLOW_ASSIGN_OR_RETURN(auto fresh, LoadCompany(db, c.customer_id));
        auto entry = CompanyAudit("customer_company.update", fresh);
        if (old_name != fresh.name) entry.details["name"] = old_name + " -> " + fresh.name;
        if (old_valid != fresh.valid_id) {
          entry.details["valid_id"] =
              std::to_string(old_valid) + " -> " + std::to_string(fresh.valid_id);
        }
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        return fresh;
      });
}

Result<CustomerCompany> CustomerService::DisableCompany(const RequestContext& ctx,
                                                        const std::string& customer_id) {
  return service::AdminWrite<CustomerCompany>(
      impl_, ctx, "customer_company.delete",
      [&](store::Db& db, const service::Caller& caller) -> Result<CustomerCompany> {
        GOATFLOW_ASSIGN_OR_RETURN(auto c, LoadCompany(db, customer_id));
        c.valid_id = 2;
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_RETURN_IF_ERROR(StoreCompany(db, c, caller.id, now));
        GOATFLOW_ASSIGN_OR_RETURN(auto fresh, LoadCompany(db, c.customer_id));
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(
            db, ctx, impl_.clock->Now(), CompanyAudit("customer_company.delete", fresh)));
        return fresh;
      });
}

}  // namespace goatflow
