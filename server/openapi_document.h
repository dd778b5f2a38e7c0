#pragma once

// docs/openapi.yaml as embedded at build time (cmake/EmbedText.cmake writes the
// definition into the build tree), so the server never reads it at run time.

#include <string_view>

namespace goatflow::server {

// The whole OpenAPI 3.0 document (YAML text); valid for the program's lifetime.
std::string_view OpenApiDocument();

}  // namespace goatflow::server
