#pragma once

// The search benchmark's corpus: a fixed-seed generator of helpdesk text and
// the loader that writes it into a goatflow database with bulk SQL, so the
// FTS5 triggers of migration 0003 fill the index exactly as production writes
// do. The same seed and sizes always give the same database content.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace goatflow::bench {

// Words the benchmark queries, each placed at a known frequency rank of the
// vocabulary (so "common" and "rare" hold for every seed).
inline constexpr const char* kCommonWord = "error";    // rank 12: most tickets
inline constexpr const char* kRareWord = "quarzite";   // rank ~9,000: a few hundred tickets
inline constexpr const char* kPhrase = "remote access";
inline constexpr const char* kPrefix = "print";        // printer, printing, printed, prints ...

// Helpdesk text with a Zipf-like word distribution (s = 1 over ~20,000 words:
// a handful of words occur in nearly every ticket, most in very few), frequent
// collocations ("remote access", "paper jam"), some accented words and names.
// Deterministic: it uses only mt19937_64 and its own arithmetic on it.
class TextGenerator {
 public:
  explicit TextGenerator(std::uint64_t seed);

  std::string Title();
  // An article body of roughly `words` words: greeting, sentences, sign-off.
  std::string Body(int words);
  std::string FirstName();
  std::string LastName();
  int Uniform(int n);       // 0 .. n-1
  double Unit();            // [0, 1)

 private:
  const std::string& Word();  // one word drawn from the Zipf distribution
  std::string Sentence(int words);

  std::mt19937_64 rng_;
  std::vector<std::string> vocabulary_;
  std::vector<double> cumulative_;  // Zipf CDF over vocabulary_
  std::vector<double> phrase_cumulative_;
};

struct CorpusSize {
  std::uint64_t seed = 20261128;
  int tickets = 100000;
  int articles = 300000;  // at least one per ticket
};

// Logins of the agents the loader creates: one with `ro` on every group that
// holds queues, one with `ro` on the group of two queues (about 40 % of tickets).
inline constexpr const char* kAllQueuesAgent = "search_all";
inline constexpr const char* kPartialAgent = "search_partial";
inline constexpr std::int64_t kAllQueuesAgentId = 10;
inline constexpr std::int64_t kPartialAgentId = 11;

// Adds groups, queues, companies, customer users, both agents, and the tickets
// and articles of `size` to the goatflow database at `path` (schema present,
// otherwise empty), in transactions of a few thousand tickets, then ANALYZE.
void LoadSearchCorpus(const std::string& path, const CorpusSize& size);

}  // namespace goatflow::bench
