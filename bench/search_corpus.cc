// Fixed-seed helpdesk text (TextGenerator) for the search benchmark.

#include "search_corpus.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace goatflow::bench {
namespace {

// The head of the vocabulary in frequency order (rank 1 first). kCommonWord is
// rank 12; the print* family and the words of kPhrase sit at fixed ranks.
const char* const kHeadWords[] = {
    "the", "to", "and", "i", "a", "is", "it", "on", "not", "we", "please", "error",
    "for", "with", "my", "can", "you", "in", "this", "have", "of", "be", "that", "since",
    "when", "after", "again", "but", "our", "access", "cannot", "working", "user", "email",
    "account", "issue", "problem", "today", "need", "printer", "help", "login", "password",
    "server", "laptop", "office", "team", "message", "screen", "update", "customer", "invoice",
    "network", "connection", "file", "files", "new", "still", "remote", "system", "outlook",
    "phone", "meeting", "order", "shows", "does", "there", "could", "would", "some", "any",
    "from", "all", "only", "every", "morning", "yesterday", "week", "monday", "friday", "time",
    "again", "restart", "restarted", "tried", "check", "checked", "fixed", "broken", "slow",
    "vpn", "wifi", "drive", "shared", "folder", "license", "software", "install", "installed",
    "version", "upgrade", "backup", "calendar", "teams", "monitor", "keyboard", "mouse",
    "battery", "charger", "docking", "station", "badge", "door", "building", "floor", "room",
    "printing", "scanner", "toner", "paper", "jam", "tray", "queue", "ticket", "request",
    "urgent", "asap", "deadline", "manager", "approval", "payment", "refund", "contract",
    "delivery", "shipment", "warehouse", "label", "barcode", "database", "report", "excel",
    "spreadsheet", "macro", "browser", "chrome", "firefox", "certificate", "expired", "renew",
    "timeout", "crash", "crashes", "freeze", "frozen", "blue", "reboot", "boot", "bios",
    "driver", "drivers", "firmware", "router", "switch", "cable", "port", "ip", "dns", "proxy",
    "firewall", "blocked", "spam", "phishing", "virus", "malware", "quarantine", "mailbox",
    "full", "quota", "storage", "disk", "space", "memory", "cpu", "load", "performance",
    "latency", "sync", "synchronisation", "mobile", "tablet", "app", "portal", "website",
    "page", "link", "button", "form", "field", "value", "missing", "wrong", "duplicate",
    "deleted", "restore", "recover", "permission", "permissions", "denied", "role", "group",
    "admin", "reset", "locked", "unlock", "token", "authenticator", "code", "sms", "mfa",
    "sso", "domain", "profile", "settings", "configuration", "policy", "compliance", "audit",
    "training", "onboarding", "offboarding", "hardware", "headset", "camera", "microphone",
    "audio", "video", "call", "conference", "projector", "hdmi", "adapter", "usb",
};

// Placed at fixed ranks after the head (index = rank - 1).
struct Placed {
  int rank;
  const char* word;
};
const Placed kPlacedWords[] = {
    {400, "printed"},  {800, "printers"},   {1500, "prints"},   {3000, "printout"},
    {6000, "printhead"}, {9000, "quarzite"}, {260, "café"},     {340, "résumé"},
    {520, "zürich"},   {700, "naïve"},      {950, "façade"},    {1300, "köln"},
    {1800, "málaga"},  {2500, "montréal"},  {4000, "crème"},    {7000, "ångström"},
};

// Frequent collocations, most frequent first (drawn Zipf-like too).
const char* const kPhrases[] = {
    "password reset", "out of office", "remote access", "paper jam", "blue screen",
    "shared drive", "invoice number", "two factor authentication", "new laptop",
    "access denied", "mailbox full", "vpn connection", "order number", "error message",
    "docking station", "wrong invoice", "delivery address", "print queue", "license key",
    "certificate expired", "account locked", "meeting room", "printer driver", "disk space",
};

const char* const kGreetings[] = {"Hello team,", "Hi,", "Dear support,", "Good morning,",
                                  "Hello,", "Hi there,", "Dear colleagues,"};
const char* const kSignOffs[] = {"Thanks", "Thank you", "Best regards", "Kind regards",
                                 "Cheers", "Many thanks", "Regards"};

const char* const kFirstNames[] = {
    "Anna", "Ben", "Chloé", "David", "Emma", "Felix", "Greta", "Hugo", "Inês", "Jonas",
    "Karin", "Lukas", "Maria", "Noah", "Olivia", "Paul", "Renée", "Sofia", "Tom", "Ute",
    "Viktor", "Wanda", "Xavier", "Yara", "Zoë", "José", "Björn", "Anaïs", "Łukasz", "François",
    "Jürgen", "Søren", "Mia", "Leon", "Sara", "Omar", "Aiko", "Priya", "Chen", "Fatima"};
const char* const kLastNames[] = {
    "Müller", "Schmidt", "Smith", "Johnson", "García", "Martínez", "Rossi", "Bianchi",
    "Dubois", "Lefèvre", "Nowak", "Kowalski", "Østergaard", "Nuñez", "Dvořák", "Gonçalves",
    "Jensen", "Hansen", "Brown", "Taylor", "Wilson", "Novák", "Horváth", "Papadopoulos",
    "Yılmaz", "Kim", "Tanaka", "Singh", "Costa", "Silva", "Weber", "Fischer", "Becker", "Wagner",
    "Meyer", "Schulz", "Koch", "Richter", "Klein", "Wolf"};

const char* const kSyllables[] = {"ka", "lo", "mi", "ne", "ra", "tu", "vex", "dor", "bel", "sin",
                                  "qua", "zor", "pel", "mon", "tri", "gal", "fen", "wis", "hox",
                                  "jun", "cre", "blu", "sta", "pri", "don", "lix", "mar", "tek"};

constexpr int kVocabularySize = 20000;
constexpr double kPhraseShare = 0.03;  // chance a word slot holds a collocation

// The vocabulary: head words, then invented words (from a fixed generator, so
// the vocabulary is the same for every seed), with kPlacedWords at their ranks.
// Invented words never start with kPrefix and never repeat another word.
std::vector<std::string> BuildVocabulary() {
  std::vector<std::string> words;
  std::set<std::string> seen;
  for (const char* w : kHeadWords)
    if (seen.insert(w).second) words.push_back(w);
  for (const Placed& p : kPlacedWords) seen.insert(p.word);
  std::mt19937_64 fixed(1);
  while (static_cast<int>(words.size()) < kVocabularySize) {
    std::string w;
    int parts = 2 + static_cast<int>(fixed() % 3);
    for (int i = 0; i < parts; ++i) w += kSyllables[fixed() % std::size(kSyllables)];
    if (w.rfind(kPrefix, 0) == 0 || !seen.insert(w).second) continue;
    words.push_back(std::move(w));
  }
  std::vector<Placed> placed(std::begin(kPlacedWords), std::end(kPlacedWords));
  std::sort(placed.begin(), placed.end(), [](auto& a, auto& b) { return a.rank < b.rank; });
  for (const Placed& p : placed) words.insert(words.begin() + (p.rank - 1), p.word);
  words.resize(kVocabularySize);
  return words;
}

std::vector<double> ZipfCumulative(std::size_t n) {
  std::vector<double> cumulative(n);
  double sum = 0;
  for (std::size_t r = 0; r < n; ++r) cumulative[r] = sum += 1.0 / static_cast<double>(r + 1);
  for (double& c : cumulative) c /= sum;
  return cumulative;
}

std::size_t Draw(const std::vector<double>& cumulative, double u) {
  auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  return std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

void Capitalise(std::string& s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
}

}  // namespace

TextGenerator::TextGenerator(std::uint64_t seed)
    : rng_(seed),
      vocabulary_(BuildVocabulary()),
      cumulative_(ZipfCumulative(vocabulary_.size())),
      phrase_cumulative_(ZipfCumulative(std::size(kPhrases))) {}

int TextGenerator::Uniform(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

double TextGenerator::Unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }

const std::string& TextGenerator::Word() { return vocabulary_[Draw(cumulative_, Unit())]; }

std::string TextGenerator::Sentence(int words) {
  std::string out;
  for (int i = 0; i < words; ++i) {
    if (!out.empty()) out += ' ';
    if (Unit() < kPhraseShare) {
      out += kPhrases[Draw(phrase_cumulative_, Unit())];
    } else if (Unit() < 0.01) {
      out += fmt::format("0x{:08X}", static_cast<unsigned>(rng_() & 0xFFFFFFF));  // error codes
    } else if (Unit() < 0.01) {
      out += fmt::format("srv-{}-{:03d}", Word(), Uniform(1000));  // host names
    } else {
      out += Word();
    }
  }
  Capitalise(out);
  const char* ends[] = {".", ".", ".", "?", "!"};
  return out + ends[Uniform(5)];
}

std::string TextGenerator::Title() {
  std::string title;
  if (Unit() < 0.3) title = kPhrases[Draw(phrase_cumulative_, Unit())];
  int words = 2 + Uniform(6);
  for (int i = 0; i < words; ++i) title += (title.empty() ? "" : " ") + Word();
  Capitalise(title);
  return title;
}

std::string TextGenerator::Body(int words) {
  std::string body = std::string(kGreetings[Uniform(std::size(kGreetings))]) + "\n\n";
  while (words > 0) {
    int n = std::min(words, 5 + Uniform(14));
    body += Sentence(n);
    body += Unit() < 0.25 ? "\n\n" : " ";
    words -= n;
  }
  return body + "\n" + kSignOffs[Uniform(std::size(kSignOffs))] + ",\n" + FirstName();
}

std::string TextGenerator::FirstName() { return kFirstNames[Uniform(std::size(kFirstNames))]; }
std::string TextGenerator::LastName() { return kLastNames[Uniform(std::size(kLastNames))]; }

}  // namespace goatflow::bench
