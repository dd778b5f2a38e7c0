// http_reference: a bare cpp-httplib server answering GET /healthz with a
// fixed small JSON body, configured like goatflow-server (TCP_NODELAY, the
// same thread pool and keep-alive settings). bench/run_http.sh measures it
// next to goatflow-server to show what goatflow's own layers cost.
//
// Usage: http_reference PORT [THREADS] [--httplib-defaults]
//   --httplib-defaults: no TCP_NODELAY and cpp-httplib's default pool, to
//   reproduce the ~300 requests/s baseline of DESIGN.md §6.
// Runs until killed.

#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: http_reference PORT [THREADS] [--httplib-defaults]\n");
    return 64;
  }
  int port = std::atoi(argv[1]);
  std::size_t threads = argc > 2 ? static_cast<std::size_t>(std::atoi(argv[2])) : 64;
  bool defaults = argc > 3 && std::string(argv[3]) == "--httplib-defaults";
  httplib::Server server;
  if (!defaults) {
    server.set_tcp_nodelay(true);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_keep_alive_max_count(10000);
    server.set_keep_alive_timeout(5);
  }
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"healthy"})", "application/json; charset=utf-8");
  });
  if (!server.listen("127.0.0.1", port)) {
    std::fprintf(stderr, "http_reference: cannot listen on 127.0.0.1:%d\n", port);
    return 69;
  }
  return 0;
}
