#include "ner/gazetteer.hpp"

#include <algorithm>
#include <array>

#include "ner/hashing.hpp"

namespace newsdex::ner {

std::uint64_t phrase_step(std::uint64_t previous, std::uint64_t token_hash) {
  return combine(previous, token_hash);
}

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

std::uint32_t Gazetteer::lists_of(std::span<const std::uint64_t> lower_hashes) const {
  if (lower_hashes.empty() || lower_hashes.size() > kMaxTokens) return 0;
  std::uint64_t key = kPhraseSeed;
  for (const std::uint64_t h : lower_hashes) key = phrase_step(key, h);
  return table_.find(key) & ~kPrefixBit;
}

void Gazetteer::match(std::span<const std::uint64_t> lower_hashes, std::vector<ListHit>& hits,
                      std::vector<std::uint32_t>& offsets) const {
  const std::size_t n = lower_hashes.size();
  // For each list, the end of the longest match starting at each token (0 = none).
  // Greedy left-to-right per list: a token covered by a match is not a new start.
  std::array<std::size_t, kListCount> covered_until{};
  // (token, hit) pairs, then bucketed by token; reused between calls (no allocation per sentence).
  thread_local std::vector<std::pair<std::uint32_t, ListHit>> found;
  found.clear();
  const auto hit = [&](std::size_t token, std::uint8_t list, std::uint8_t position) {
    found.push_back({static_cast<std::uint32_t>(token), ListHit{list, position}});
  };
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
        hit(i, l, 3);
        continue;
      }
      hit(i, l, 0);
      for (std::size_t k = i + 1; k + 1 < end; ++k) hit(k, l, 1);
      hit(end - 1, l, 2);
    }
  }
  offsets.assign(n + 1, 0);
  for (const auto& f : found) ++offsets[f.first + 1];
  for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  hits.resize(found.size());
  thread_local std::vector<std::uint32_t> next;
  next.assign(offsets.begin(), offsets.end() - 1);
  for (const auto& f : found) hits[next[f.first]++] = f.second;
}

}  // namespace newsdex::ner
