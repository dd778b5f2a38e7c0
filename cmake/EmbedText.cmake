# cmake -P script: embeds a text file into a C++ source file as one raw string.
#   -DOUT=<generated .cc>  -DINPUT=<text file>  -DHEADER=<header declaring the function>
#   -DNAMESPACE=<C++ namespace>  -DFUNCTION=<name of the std::string_view function>
file(READ "${INPUT}" text)
string(FIND "${text}" ")gftext\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )gftext\"")
endif()
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUT}.tmp" "// Generated from ${name} by cmake/EmbedText.cmake.
#include \"${HEADER}\"

namespace ${NAMESPACE} {

std::string_view ${FUNCTION}() {
  static constexpr std::string_view kText = R\"gftext(${text})gftext\";
  return kText;
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
