#include "ner/gazetteer.hpp"

#include <algorithm>
#include <array>

#include "ner/hashing.hpp"

namespace newsdex::ner {

std::uint64_t phrase_step(std::uint64_t previous, std::uint64_t token_hash) { return combine(previous, token_hash); }

void Gazetteer::add(List list, const std::vector<std::string>& lower_tokens) {
  if (lower_tokens.empty() || lower_tokens.size() > kMaxTokens) return;
  std::uint64_t key = kPhraseSeed;
  for (std::size_t i = 0; i < lower_tokens.size(); ++i) {
    key = phrase_step(key, hash_text(lower_tokens[i]));
    const bool last = i + 1 == lower_tokens.size();
    entries_.emplace_back(key, last ? 1U << static_cast<unsigned>(list) : kPrefixBit);
  }
}

void Gazetteer::build() {
  std::sort(entries_.begin(), entries_.end());
  std::vector<std::pair<std::uint64_t, std::uint32_t>> merged;
  for (const auto& e : entries_) {
    if (!merged.empty() && merged.back().first == e.first) {
      merged.back().second |= e.second;
    } else {
      merged.push_back(e);
    }
  }
  entries_ = std::move(merged);
  table_.build(entries_);
}

void Gazetteer::set_entries(std::vector<std::pair<std::uint64_t, std::uint32_t>> entries) {
  entries_ = std::move(entries);
  table_.build(entries_);
}

void Gazetteer::match(std::span<const std::uint64_t> lower_hashes, std::vector<ListHit>& hits,
                      std::vector<std::uint32_t>& offsets) const {
  const std::size_t n = lower_hashes.size();
  // For each list, the end of the longest match starting at each token (0 = none).
  // Greedy left-to-right per list: a token covered by a match is not a new start.
  std::array<std::size_t, kListCount> covered_until{};
  std::vector<std::vector<ListHit>> per_token(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::array<std::size_t, kListCount> longest{};
    std::uint64_t key = kPhraseSeed;
    for (std::size_t j = i; j < n && j - i < kMaxTokens; ++j) {
      key = phrase_step(key, lower_hashes[j]);
      const std::uint32_t mask = table_.find(key);
      if (mask == 0) break;
      for (std::uint32_t m = mask & ~kPrefixBit; m != 0; m &= m - 1) {
        longest[static_cast<std::size_t>(__builtin_ctz(m))] = j + 1;
      }
      if ((mask & kPrefixBit) == 0) break;
    }
    for (std::size_t list = 0; list < static_cast<std::size_t>(kListCount); ++list) {
      const std::size_t end = longest[list];
      if (end == 0 || i < covered_until[list]) continue;
      covered_until[list] = end;
      const auto l = static_cast<std::uint8_t>(list);
      if (end == i + 1) {
        per_token[i].push_back({l, 3});
        continue;
      }
      per_token[i].push_back({l, 0});
      for (std::size_t k = i + 1; k + 1 < end; ++k) per_token[k].push_back({l, 1});
      per_token[end - 1].push_back({l, 2});
    }
  }
  hits.clear();
  offsets.assign(1, 0);
  for (const auto& token_hits : per_token) {
    hits.insert(hits.end(), token_hits.begin(), token_hits.end());
    offsets.push_back(static_cast<std::uint32_t>(hits.size()));
  }
}

}  // namespace newsdex::ner
