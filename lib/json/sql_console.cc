// The execute_sql result shape of spec/mcp.md §6.10.

#include <boost/json.hpp>
#include <cmath>
#include <variant>

#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace {

namespace bj = boost::json;

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += rest == 2 ? kAlphabet[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

struct CellValue {
  bj::value operator()(std::nullptr_t) const { return nullptr; }
  bj::value operator()(std::int64_t n) const { return n; }
  bj::value operator()(double d) const {
    if (!std::isfinite(d)) return nullptr;
    return d;
  }
  bj::value operator()(const std::string& text) const { return bj::string(text); }
  bj::value operator()(const SqlBlob& blob) const {
    return bj::string("base64:" + Base64(blob.bytes));
  }
};

}  // namespace

namespace internal {

bj::object SqlResultObject(const SqlQueryResult& result) {
  bj::array columns;
  for (const std::string& name : result.columns) columns.emplace_back(name);
  bj::array rows;
  for (const std::vector<SqlCell>& cells : result.rows) {
    bj::object row;
    for (std::size_t i = 0; i < cells.size() && i < result.columns.size(); ++i)
      row[result.columns[i]] = std::visit(CellValue{}, cells[i]);
    rows.push_back(std::move(row));
  }
  bj::object out{{"columns", std::move(columns)},
                 {"rows", std::move(rows)},
                 {"rows_count", result.row_count},
                 {"truncated", result.truncated}};
  return out;
}

}  // namespace internal

std::string ToJson(const SqlQueryResult& result) {
  return bj::serialize(internal::SqlResultObject(result));
}

}  // namespace goatflow::json
