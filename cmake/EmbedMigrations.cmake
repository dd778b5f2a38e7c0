# cmake -P script: embeds SQL migration files into a C++ source file.
#   -DOUT=<generated .cc>  -DSOURCES=<a|b|c .sql files, named NNNN_description.sql>
string(REPLACE "|" ";" SOURCES "${SOURCES}")
list(SORT SOURCES)
set(body "")
foreach(file IN LISTS SOURCES)
  get_filename_component(stem "${file}" NAME_WE)
  if(NOT stem MATCHES "^([0-9][0-9][0-9][0-9])_(.+)$")
    message(FATAL_ERROR "migration file name must be NNNN_description.sql: ${file}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  file(READ "${file}" sql)
  string(FIND "${sql}" ")gfsql\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )gfsql\"")
  endif()
  string(APPEND body "    {${version}, \"${name}\", R\"gfsql(${sql})gfsql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from lib/store/migrations/*.sql by cmake/EmbedMigrations.cmake.
#include \"store/migrations.h\"

namespace goatflow::store {

const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration> kMigrations = {
${body}  };
  return kMigrations;
}

}  // namespace goatflow::store
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
