#pragma once

// Customer companies and customer users (domain.md §2.2-2.3, api-v1 §0).
// Administrators only; every change is audited (customer_company.*,
// customer_user.*). Rows are never deleted: disabling sets valid_id 2, and
// disabling a customer user also revokes its sessions and API tokens.
//
// Common errors: unauthenticated, permission_denied (wire core:forbidden;
// not an admin, recorded as access.denied), not_found, invalid_argument (wire
// core:validation_failed, details {field, reason}), already_exists (wire
// core:conflict: company id or name, customer login or e-mail taken; logins
// are unique across agents and customer users), internal. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/listing.h"
#include "goatflow/seams.h"

namespace goatflow {

struct CustomerCompany {
  std::string customer_id;  // the company key, e.g. "ACME"
  std::string name;
  std::optional<std::string> street, zip, city, country, url, comments;
  int valid_id = 1;
  TimePoint created_at;
  TimePoint updated_at;
};

struct CompanyFields {
  std::optional<std::string> street, zip, city, country, url, comments;
};

struct CreateCompanyRequest {
  std::string customer_id;  // 1-150 characters, no spaces, unique
  std::string name;         // 1-200, unique
  CompanyFields fields;
};

// Absent fields keep their value; an empty string clears an optional field.
struct UpdateCompanyRequest {
  std::optional<std::string> name;
  CompanyFields fields;
  std::optional<int> valid_id;
};

struct ListCustomersRequest {
  PageRequest page;
  bool include_invalid = false;
  std::string search;       // substring of login/name/e-mail (users) or id/name (companies)
  std::string customer_id;  // users only: of this company
};

struct CustomerUser {
  std::int64_t id = 0;
  std::string login;
  std::optional<std::string> email;
  std::optional<std::string> customer_id;  // primary company (free text)
  std::optional<std::string> title;
  std::string first_name;
  std::string last_name;
  std::optional<std::string> phone;
  bool has_password = false;
  int valid_id = 1;
  TimePoint created_at;
  TimePoint updated_at;
};

struct CreateCustomerUserRequest {
  std::string login;  // 1-200, no spaces, unique across agents and customer users
  std::string first_name;
  std::string last_name;
  std::optional<std::string> email;        // valid address, unique among customer users
  std::optional<std::string> customer_id;  // company key
  std::optional<std::string> password;     // password policy; Argon2id
  std::optional<std::string> title;
  std::optional<std::string> phone;
  int valid_id = 1;
};

struct UpdateCustomerUserRequest {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;
  std::optional<std::string> customer_id;
  std::optional<std::string> password;  // sets a new password (policy applies)
  std::optional<std::string> title;
  std::optional<std::string> phone;
  std::optional<int> valid_id;
};

class CustomerService {
 public:
  Result<CustomerCompany> CreateCompany(const RequestContext& ctx,
                                        const CreateCompanyRequest& request);
  Result<CustomerCompany> GetCompany(const RequestContext& ctx, const std::string& customer_id);
  // Sorted by name, case-insensitively.
  Result<Page<CustomerCompany>> ListCompanies(const RequestContext& ctx,
                                              const ListCustomersRequest& request);
  Result<CustomerCompany> UpdateCompany(const RequestContext& ctx, const std::string& customer_id,
                                        const UpdateCompanyRequest& request);
  Result<CustomerCompany> DisableCompany(const RequestContext& ctx, const std::string& customer_id);

  Result<CustomerUser> CreateUser(const RequestContext& ctx,
                                  const CreateCustomerUserRequest& request);
  // By login, case-insensitively.
  Result<CustomerUser> GetUser(const RequestContext& ctx, const std::string& login);
  // Sorted by login, case-insensitively.
  Result<Page<CustomerUser>> ListUsers(const RequestContext& ctx,
                                       const ListCustomersRequest& request);
  Result<CustomerUser> UpdateUser(const RequestContext& ctx, const std::string& login,
                                  const UpdateCustomerUserRequest& request);
  Result<CustomerUser> DisableUser(const RequestContext& ctx, const std::string& login);

 private:
  friend class Helpdesk;
  explicit CustomerService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
