// CustomerService: customer users.

#include "auth/password.h"
#include "auth/password_policy.h"
#include "core/macros.h"
#include "core/time.h"
#include "goatflow/customers.h"
#include "service/checks.h"
#include "service/settings_read.h"
#include "service/directory_repo.h"

namespace goatflow {
namespace {

constexpr std::string_view kUserColumns = R"sql(
  SELECT id, login, email, customer_id, title, first_name, last_name, phone,
         pw IS NOT NULL AND pw <> '', valid_id, create_time, change_time FROM customer_user)sql";

CustomerUser ReadUser(const store::Stmt& s) {
  CustomerUser u;
  u.id = s.Int(0);
  u.login = s.Text(1);
  u.email = s.OptText(2);
  u.customer_id = s.OptText(3);
  u.title = s.OptText(4);
  u.first_name = s.Text(5);
  u.last_name = s.Text(6);
  u.phone = s.OptText(7);
  u.has_password = s.Int(8) != 0;
  u.valid_id = static_cast<int>(s.Int(9));
  u.created_at = service::ParseStoredTime(s.Text(10));
  u.updated_at = service::ParseStoredTime(s.Text(11));
  return u;
}

Result<CustomerUser> LoadUser(store::Db& db, std::string_view login) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kUserColumns) + " WHERE login = ?"));
  stmt.Bind(1, login);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return service::NotFound("Customer user not found");
  return ReadUser(stmt);
}

// Validates the address and that no other customer user has it.
Result<std::optional<std::string>> CleanCustomerEmail(store::Db& db,
                                                      const std::optional<std::string>& raw,
                                                      std::int64_t except_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto email, service::CleanOptionalText(raw, "email", 150));
  if (!email) return email;
  GOATFLOW_RETURN_IF_ERROR(service::CheckEmailSyntax(*email));
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT 1 FROM customer_user WHERE email = ? AND id <> ?"));
  stmt.BindAll(*email, except_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool taken, stmt.Step());
  if (taken) {
    return Error(ErrorCode::kAlreadyExists, "E-mail address already in use",
                 {{"field", "email"}, {"reason", "duplicate"}})
        .WithWireCode("core:conflict");
  }
  return email;
}

// The configured password policy applies (security.md §7.2).
Result<std::optional<std::string>> HashIfGiven(store::Db& db,
                                               const std::optional<std::string>& password,
                                               PasswordHashing cost) {
  if (!password) return std::optional<std::string>();
  GOATFLOW_ASSIGN_OR_RETURN(auto policy, service::ReadPasswordPolicy(db));
  GOATFLOW_RETURN_IF_ERROR(auth::CheckPasswordPolicy(*password, policy));
  GOATFLOW_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(*password, cost));
  return std::optional<std::string>(std::move(hash));
}

service::AuditEntry UserAudit(std::string action, const CustomerUser& u) {
  service::AuditEntry entry;
  entry.action = std::move(action);
  entry.target_type = "customer_user";
  entry.target_id = std::to_string(u.id);
  entry.target_identifier = u.login;
  return entry;
}

Status StoreUser(store::Db& db, const CustomerUser& u, std::int64_t actor, const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    UPDATE customer_user SET email = ?, customer_id = ?, title = ?, first_name = ?, last_name = ?,
           phone = ?, valid_id = ?, change_time = ?, change_by = ? WHERE id = ?)sql"));
  stmt.BindAll(u.email, u.customer_id, u.title, u.first_name, u.last_name, u.phone, u.valid_id, now,
               actor, u.id);
  return stmt.Run();
}

}  // namespace

namespace service {

Result<CustomerUser> LoadCustomerUser(store::Db& db, std::string_view login) {
  return LoadUser(db, login);
}

Result<std::optional<std::string>> CleanCustomerUserEmail(store::Db& db,
                                                          const std::optional<std::string>& raw,
                                                          std::int64_t except_id) {
  return CleanCustomerEmail(db, raw, except_id);
}

}  // namespace service

Result<CustomerUser> CustomerService::CreateUser(const RequestContext& ctx,
                                                 const CreateCustomerUserRequest& request) {
  return service::AdminWrite<CustomerUser>(
      impl_, ctx, "customer_user.create",
      [&](store::Db& db, const service::Caller& caller) -> Result<CustomerUser> {
        GOATFLOW_ASSIGN_OR_RETURN(std::string login, service::CleanLogin(request.login));
        GOATFLOW_ASSIGN_OR_RETURN(std::string first,
                                  service::CleanName(request.first_name, "first_name", 100));
        GOATFLOW_ASSIGN_OR_RETURN(std::string last,
                                  service::CleanName(request.last_name, "last_name", 100));
        GOATFLOW_ASSIGN_OR_RETURN(
            auto company, service::CleanOptionalText(request.customer_id, "customer_id", 150));
        GOATFLOW_ASSIGN_OR_RETURN(auto title,
                                  service::CleanOptionalText(request.title, "title", 50));
        GOATFLOW_ASSIGN_OR_RETURN(auto phone,
                                  service::CleanOptionalText(request.phone, "phone", 150));
        GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(request.valid_id));
        GOATFLOW_ASSIGN_OR_RETURN(auto email, CleanCustomerEmail(db, request.email, 0));
        GOATFLOW_ASSIGN_OR_RETURN(
            auto hash, HashIfGiven(db, request.password, impl_.options.password_hashing));
        GOATFLOW_RETURN_IF_ERROR(service::CheckLoginFree(db, login, "customer", 0));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
          INSERT INTO customer_user (login, email, customer_id, pw, title, first_name, last_name,
                                     phone, valid_id, create_time, create_by, change_time, change_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"));
        insert.BindAll(login, email, company, hash, title, first, last, phone, request.valid_id,
                       now, caller.id, now, caller.id);
        GOATFLOW_RETURN_IF_ERROR(insert.Run());
        GOATFLOW_ASSIGN_OR_RETURN(auto user, LoadUser(db, login));
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(),
                                                     UserAudit("customer_user.create", user)));
        return user;
      });
}

Result<CustomerUser> CustomerService::GetUser(const RequestContext& ctx, const std::string& login) {
  auto result = service::Read(impl_, [&](store::Db& db) -> Result<CustomerUser> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdminAccess(caller, ctx));
    return LoadUser(db, login);
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "customer_user.get", result));
  return result;
}

Result<Page<CustomerUser>> CustomerService::ListUsers(const RequestContext& ctx,
                                                      const ListCustomersRequest& request) {
  auto result = service::Read(impl_, [&](store::Db& db) -> Result<Page<CustomerUser>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdminAccess(caller, ctx));
    PageRequest page = request.page.Normalized();
    std::string where = R"sql(
       WHERE (?1 = 1 OR valid_id = 1) AND (?3 = '' OR customer_id = ?3 COLLATE NOCASE)
         AND (?2 = '' OR instr(lower(login), lower(?2)) > 0
              OR instr(lower(first_name), lower(?2)) > 0 OR instr(lower(last_name), lower(?2)) > 0
              OR instr(lower(coalesce(email, '')), lower(?2)) > 0))sql";
    GOATFLOW_ASSIGN_OR_RETURN(auto count, db.Prepare("SELECT count(*) FROM customer_user" + where));
    count.BindAll(request.include_invalid ? 1 : 0, request.search, request.customer_id);
    GOATFLOW_ASSIGN_OR_RETURN(bool counted, count.Step());
    Page<CustomerUser> out;
    out.pagination = MakePagination(page, counted ? count.Int(0) : 0);
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                              db.Prepare(std::string(kUserColumns) + where +
                                         " ORDER BY login COLLATE NOCASE LIMIT ?4 OFFSET ?5"));
    stmt.BindAll(request.include_invalid ? 1 : 0, request.search, request.customer_id, page.limit,
                 page.Offset());
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.items.push_back(ReadUser(stmt));
    }
    return out;
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "customer_user.list", result));
  return result;
}

Result<CustomerUser> CustomerService::UpdateUser(const RequestContext& ctx,
                                                 const std::string& login,
                                                 const UpdateCustomerUserRequest& request) {
  return service::AdminWrite<CustomerUser>(
      impl_, ctx, "customer_user.update",
      [&](store::Db& db, const service::Caller& caller) -> Result<CustomerUser> {
        GOATFLOW_ASSIGN_OR_RETURN(auto u, LoadUser(db, login));
        int old_valid = u.valid_id;
        if (request.first_name) {
          GOATFLOW_ASSIGN_OR_RETURN(u.first_name,
                                    service::CleanName(*request.first_name, "first_name", 100));
        }
        if (request.last_name) {
          GOATFLOW_ASSIGN_OR_RETURN(u.last_name,
                                    service::CleanName(*request.last_name, "last_name", 100));
        }
        if (request.email) {
          GOATFLOW_ASSIGN_OR_RETURN(u.email, CleanCustomerEmail(db, request.email, u.id));
        }
        if (request.customer_id) {
          GOATFLOW_ASSIGN_OR_RETURN(
              u.customer_id, service::CleanOptionalText(request.customer_id, "customer_id", 150));
        }
        if (request.title) {
          GOATFLOW_ASSIGN_OR_RETURN(u.title,
                                    service::CleanOptionalText(request.title, "title", 50));
        }
        if (request.phone) {
          GOATFLOW_ASSIGN_OR_RETURN(u.phone,
                                    service::CleanOptionalText(request.phone, "phone", 150));
        }
        if (request.valid_id) {
          GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(*request.valid_id));
          u.valid_id = *request.valid_id;
        }
        GOATFLOW_ASSIGN_OR_RETURN(
            auto hash, HashIfGiven(db, request.password, impl_.options.password_hashing));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_RETURN_IF_ERROR(StoreUser(db, u, caller.id, now));
        if (hash) {
          GOATFLOW_ASSIGN_OR_RETURN(auto pw,
                                    db.Prepare("UPDATE customer_user SET pw = ? WHERE id = ?"));
          pw.BindAll(*hash, u.id);
          GOATFLOW_RETURN_IF_ERROR(pw.Run());
        }
        if (old_valid == 1 && u.valid_id != 1)
          GOATFLOW_RETURN_IF_ERROR(
              service::RevokeCredentials(db, "customer", u.id, caller.id, now));
        GOATFLOW_ASSIGN_OR_RETURN(auto fresh, LoadUser(db, u.login));
        auto entry = UserAudit("customer_user.update", fresh);
        if (hash) entry.details["password"] = "changed";
        if (old_valid != fresh.valid_id) {
          entry.details["valid_id"] =
              std::to_string(old_valid) + " -> " + std::to_string(fresh.valid_id);
        }
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        return fresh;
      });
}

Result<CustomerUser> CustomerService::DisableUser(const RequestContext& ctx,
                                                  const std::string& login) {
  return service::AdminWrite<CustomerUser>(
      impl_, ctx, "customer_user.delete",
      [&](store::Db& db, const service::Caller& caller) -> Result<CustomerUser> {
        GOATFLOW_ASSIGN_OR_RETURN(auto u, LoadUser(db, login));
        u.valid_id = 2;
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_RETURN_IF_ERROR(StoreUser(db, u, caller.id, now));
        GOATFLOW_RETURN_IF_ERROR(service::RevokeCredentials(db, "customer", u.id, caller.id, now));
        GOATFLOW_ASSIGN_OR_RETURN(auto fresh, LoadUser(db, u.login));
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(),
                                                     UserAudit("customer_user.delete", fresh)));
        return fresh;
      });
}

}  // namespace goatflow
