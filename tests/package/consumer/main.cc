// A minimal application embedding libgoatflow through the installed package.
#include <goatflow/helpdesk.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  goatflow::OpenOptions options;
  options.path = argv[1];
  options.password_hashing = goatflow::PasswordHashing::kMinimumForTesting;
  auto helpdesk = goatflow::Helpdesk::Open(options);
  if (!helpdesk.ok()) {
    std::cerr << helpdesk.error().message << "\n";
    return 1;
  }
  auto status = (*helpdesk)->GetStoreStatus();
  if (!status.ok()) return 1;
  std::cout << "goatflow " << goatflow::Version() << " schema " << status->schema_version << "\n";
  return 0;
}
