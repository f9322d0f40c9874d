#pragma once
// Name lists as tagger features: which token sequences of a sentence match an entry of
// a list (countries, cities by population, first names, companies...), longest match
// first, coded by the token's position in the match (B, I, L, U).
//   Gazetteer g; g.add(List::country, {"united", "states"});
//   g.match(lower_hashes) -> token 0: {country, B}, token 1: {country, L}
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ner/flat_map.hpp"

namespace newsdex::ner {

enum class List : std::uint8_t {
  country,
  capital,
  region,
  city_1m,
  city_100k,
  city_15k,
  admin1,
  demonym,
  first_name,
  surname,
  org_name,
  org_abbrev,
  company,
  university,
  airline,
  // Entity strings of silver-annotated news (gmb_voa.bio): names the hand lists lack
  // (militant groups, parties, politicians of the 2000s), by their majority type.
  seen_per,
  seen_loc,
  seen_org,
  seen_misc,
  // Lists written by this project (tagger/lists/): what news names most and the public
  // lists lack, plus person titles and capitalised words that are never entities.
  media,
  armed_group,
  party,
  government,
  sports,
  company_news,
  person_title,
  not_entity,
  count
};
inline constexpr int kListCount = static_cast<int>(List::count);

// One feature a gazetteer match gives a token: list and position (0 B, 1 I, 2 L, 3 U).
struct ListHit {
  std::uint8_t list = 0;
  std::uint8_t position = 0;
};

class Gazetteer {
 public:
  // Adds a phrase given as lower-cased tokens; phrases longer than kMaxTokens are ignored.
  void add(List list, const std::vector<std::string>& lower_tokens);
  // Freezes what was added into the lookup table (call once, after the last add).
  void build();
  std::size_t size() const { return entries_.size(); }

  // Hits of every token of a sentence, given the hashes of its lower-cased tokens:
  // hits[offsets[i]..offsets[i+1]) belong to token i.
  void match(std::span<const std::uint64_t> lower_hashes, std::vector<ListHit>& hits,
             std::vector<std::uint32_t>& offsets) const;

  // The lists that hold exactly this phrase (bit i = List i), given its tokens' hashes.
  std::uint32_t lists_of(std::span<const std::uint64_t> lower_hashes) const;

  // Serialisation: the (key, mask) pairs.
  const std::vector<std::pair<std::uint64_t, std::uint32_t>>& entries() const { return entries_; }
  void set_entries(std::vector<std::pair<std::uint64_t, std::uint32_t>> entries);

  static constexpr std::size_t kMaxTokens = 8;

 private:
  static constexpr std::uint32_t kPrefixBit = 1U << 31;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries_;  // merged at build()
  FlatMap table_;
};

// Phrase key of tokens[0..n): chained hashes of the lower-cased tokens.
std::uint64_t phrase_step(std::uint64_t previous, std::uint64_t token_hash);
inline constexpr std::uint64_t kPhraseSeed = 0x5bd1e9955bd1e995ULL;

}  // namespace newsdex::ner
