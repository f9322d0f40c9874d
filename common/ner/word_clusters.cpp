#include "ner/word_clusters.hpp"

#include <fstream>
#include <string>

#include "ner/hashing.hpp"
#include "util/errors.hpp"

namespace newsdex::ner {

void WordClusters::add(std::string_view word, std::string_view bits) {
  std::uint32_t value = 0;
  unsigned length = 0;
  for (const char c : bits) {
    if (length == kMaxBits) break;
    if (c != '0' && c != '1') return;
    value = (value << 1) | static_cast<std::uint32_t>(c - '0');
    ++length;
  }
  entries_.emplace_back(hash_text(word), (value << 5) | (length + 1));
}

void WordClusters::build() {
  table_.build(entries_);
}

void WordClusters::set_entries(std::vector<std::pair<std::uint64_t, std::uint32_t>> entries) {
  entries_ = std::move(entries);
  build();
}

void WordClusters::load_paths(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read word clusters " + path.string());
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    const auto a = line.find('\t');
    const auto b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (a == std::string::npos) {
      throw InputError(path.string() + ":" + std::to_string(n) + ": error: expected bitstring<TAB>word<TAB>count");
    }
    add(std::string_view(line).substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1),
        std::string_view(line).substr(0, a));
  }
  build();
}

}  // namespace newsdex::ner
