// JSON renderings of the search box, suggestions and saved searches (api-v1.md §8).

#include <boost/json.hpp>

#include "goatflow/json.h"

namespace goatflow::json {

std::string ToJson(const GlobalSearchResult& result) {
  boost::json::object out{{"query", result.query}};
  boost::json::object counts;
  if (result.tickets) {
    boost::json::array list;
    for (const TicketBrief& t : *result.tickets)
      list.push_back({{"id", t.id},
                      {"tn", t.tn},
                      {"title", t.title},
                      {"state", t.state},
                      {"priority", t.priority},
                      {"snippet", t.snippet},
                      {"type", "ticket"}});
    out["tickets"] = std::move(list);
    counts["tickets"] = result.ticket_count.value_or(0);
  }
  if (result.users) {
    boost::json::array list;
    for (const UserBrief& u : *result.users)
      list.push_back({{"id", u.id}, {"login", u.login}, {"name", u.name}, {"type", "user"}});
    out["users"] = std::move(list);
    counts["users"] = result.user_count.value_or(0);
  }
  if (result.articles) {
    boost::json::array list;
    for (const ArticleBrief& a : *result.articles)
      list.push_back({{"id", a.id},
                      {"ticket_id", a.ticket_id},
                      {"subject", a.subject},
                      {"snippet", a.snippet},
                      {"type", "article"}});
    out["articles"] = std::move(list);
    counts["articles"] = result.article_count.value_or(0);
  }
  out["counts"] = std::move(counts);
  return boost::json::serialize(out);
}

std::string ToJson(const std::vector<Suggestion>& suggestions) {
  boost::json::array out;
  for (const Suggestion& s : suggestions)
    out.push_back({{"type", s.type}, {"id", s.id}, {"label", s.label}, {"value", s.value}});
  return boost::json::serialize(out);
}

namespace {

boost::json::object SavedSearchObject(const SavedSearch& search) {
  boost::json::object parameters;
  for (const auto& [key, value] : search.parameters) parameters[key] = value;
  return {{"name", search.name}, {"type", search.type}, {"parameters", std::move(parameters)}};
}

}  // namespace

std::string ToJson(const SavedSearch& search) {
  return boost::json::serialize(SavedSearchObject(search));
}

std::string SavedSearchDeleted(const SavedSearch& search) {
  return boost::json::serialize(boost::json::object{{"name", search.name}, {"deleted", true}});
}

std::string ToJson(const std::vector<SavedSearch>& searches) {
  boost::json::array out;
  for (const SavedSearch& search : searches) out.push_back(SavedSearchObject(search));
  return boost::json::serialize(out);
}

}  // namespace goatflow::json
