#include "entities/ner_extractor.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "entities/canonical.hpp"
#include "entities/keys.hpp"
#include "ner/hashing.hpp"
#include "util/hash.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

// Bump when canonical.cpp's rules change: articles are then extracted again.
constexpr std::string_view kRulesVersion = "3";
// How much text around a mention is looked at for a title ("Deputy Secretary
// of State") or a work's noun ("programme").
constexpr std::size_t kContextBytes = 64;
constexpr std::size_t kAfterBytes = 32;

MentionType mention_type_of(ner::Type t) {
  switch (t) {
    case ner::Type::per:
      return MentionType::person;
    case ner::Type::loc:
      return MentionType::place;
    case ner::Type::org:
      return MentionType::org;
    default:
      return MentionType::other;
  }
}

bool capitalised(std::string_view token) {
  return !token.empty() && token[0] >= 'A' && token[0] <= 'Z';
}

// The knowledge's names the tagger missed: a capitalised run of words that
// is exactly an alias the project's lists know ("The Tories said", "Spurs
// won"), outside every mention, not a lone word opening a sentence.
void add_known_names(std::vector<ner::Mention>& found, const ner::Tagger::Trace& trace,
                     std::span<const std::string_view> texts, const AliasTable& knowledge) {
  const std::size_t before = found.size();
  for (std::uint32_t f = 0; f < trace.parts.size(); ++f) {
    const auto& tokens = trace.parts[f].tokens;
    std::vector<bool> covered(tokens.size(), false), starts(tokens.size(), false);
    for (const auto& s : trace.parts[f].sentences) {
      if (s.begin < starts.size()) starts[s.begin] = true;
    }
    for (std::size_t m = 0; m < before; ++m) {
      if (found[m].field != f) continue;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].begin < found[m].end && found[m].begin < tokens[i].end) covered[i] = true;
      }
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (covered[i] || !capitalised(tokens[i].text)) continue;
      for (std::size_t n = std::min<std::size_t>(3, tokens.size() - i); n >= 1; --n) {
        bool run = true;
        for (std::size_t j = i; j < i + n; ++j) run &= !covered[j] && capitalised(tokens[j].text);
        if (!run || (n == 1 && (starts[i] || tokens[i].text.size() < 3))) continue;
        const std::string_view text = texts[f].substr(tokens[i].begin, tokens[i + n - 1].end - tokens[i].begin);
        const auto* targets = knowledge.find(entity_key(text));
        if (targets == nullptr) continue;
        const auto target =
            std::find_if(targets->begin(), targets->end(), [](const AliasTarget& t) { return !t.drop; });
        if (target == targets->end()) continue;
        const ner::Type type = target->type == EntityType::person  ? ner::Type::per
                               : target->type == EntityType::place ? ner::Type::loc
                                                                   : ner::Type::org;
        found.push_back({type, f, tokens[i].begin, tokens[i + n - 1].end});
        for (std::size_t j = i; j < i + n; ++j) covered[j] = true;
        i += n - 1;
        break;
      }
    }
  }
  if (found.size() == before) return;
  std::sort(found.begin(), found.end(), [](const ner::Mention& a, const ner::Mention& b) {
    return a.field != b.field ? a.field < b.field : a.begin < b.begin;
  });
}

// The last `n` words of the text before a mention, lower-cased and joined
// by a space: last_words("the conference in ", 1) == "in".
std::string last_words(std::string_view before, std::size_t n) {
  std::size_t end = before.size();
  while (end > 0 && before[end - 1] == ' ') --end;
  std::size_t begin = end;
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0) {
      while (begin > 0 && before[begin - 1] == ' ') --begin;
    }
    while (begin > 0 && before[begin - 1] != ' ' && before[begin - 1] != '\n') --begin;
  }
  return utf8::ascii_lower(before.substr(begin, end - begin));
}

// Where the words around a mention say it is a place, whatever the tagger
// or the archive's other articles call the name: "MP for Witney" (a seat),
// and "in"/"near" before a name the hand-made gazetteers list as a place
// (countries, regions, cities; not the silver-annotated names, where
// "Soviet" is one) and not as a company or a demonym ("the conference in
// Blackpool", "near Watford"), unless what is in it is money or trade ("a
// stake in Halifax" is the bank, "trading in Hayes" the company) or a
// capitalised word follows (the name goes on: "in Federal Court", "in Dome
// Mines"). `lists`: the gazetteer lists of the name.
bool located(std::string_view before, std::string_view after, std::uint32_t lists) {
  static const std::array<std::string_view, 16> kHeldIn{
      "stake",    "stakes",     "share",       "shares",    "holding",  "holdings",  "interest", "invest",
      "invested", "investment", "investments", "investing", "investor", "investors", "trading",  "trade"};
  using ner::List;
  constexpr auto bit = [](List l) { return 1U << static_cast<unsigned>(l); };
  constexpr std::uint32_t kPlaces = bit(List::country) | bit(List::capital) | bit(List::region) | bit(List::city_1m) |
                                    bit(List::city_100k) | bit(List::city_15k) | bit(List::admin1);
  constexpr std::uint32_t kNotPlaces = bit(List::company) | bit(List::company_news) | bit(List::media) |
                                       bit(List::airline) | bit(List::org_abbrev) | bit(List::demonym);
  const std::string two = last_words(before, 2);
  if (two == "mp for" || two == "msp for" || two == "mep for" || two == "mps for") return true;
  const std::string one = last_words(before, 1);
  if (one != "in" && one != "near") return false;
  if (std::find(kHeldIn.begin(), kHeldIn.end(), std::string_view(two).substr(0, two.find(' '))) != kHeldIn.end()) {
    return false;
  }
  if (after.size() >= 2 && after[0] == ' ' && after[1] >= 'A' && after[1] <= 'Z') return false;
  return (lists & kPlaces) != 0 && (lists & kNotPlaces) == 0;
}

}  // namespace

NerEntityExtractor::NerEntityExtractor(const ner::Model& model)
    : NerEntityExtractor(model, std::make_shared<const NameTables>(NameTables::parse(model.names(), "NER model")),
                         Hasher()
                             .add(kRulesVersion)
                             .add(model.info())
                             .add(model.names())
                             .add(std::to_string(model.features()))
                             .hex()) {}

NerEntityExtractor::NerEntityExtractor(const ner::Model& model, std::shared_ptr<const NameTables> tables,
                                       std::string version)
    : model_(model), tagger_(model), tables_(std::move(tables)), version_(std::move(version)) {}

std::unique_ptr<EntityExtractor> NerEntityExtractor::clone() const {
  return std::unique_ptr<EntityExtractor>(new NerEntityExtractor(model_, tables_, version_));
}

std::vector<NamedEntity> NerEntityExtractor::extract(const Article& article) {
  const std::array<std::string_view, 2> texts{article.title, article.body};
  ner::Tagger::Trace trace;
  std::vector<ner::Mention> found = tagger_.find(texts, trace);
  add_known_names(found, trace, texts, tables_->knowledge());
  constexpr std::uint32_t kFirstName = 1U << static_cast<unsigned>(ner::List::first_name);
  constexpr std::uint32_t kSurname = 1U << static_cast<unsigned>(ner::List::surname);
  std::vector<RawMention> mentions;
  mentions.reserve(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    const ner::Mention& m = found[i];
    const std::string_view text = texts[m.field];
    const std::size_t from = m.begin > kContextBytes ? m.begin - kContextBytes : 0;
    RawMention raw;
    raw.type = mention_type_of(m.type);
    raw.text = text.substr(m.begin, m.end - m.begin);
    raw.before = text.substr(from, m.begin - from);
    raw.after = text.substr(m.end, std::min(kAfterBytes, text.size() - m.end));
    raw.in_title = m.field == 0;
    raw.in_lead = m.field == 1 && m.begin < kLeadBytes;
    std::uint32_t lists = 0;
    if (raw.text.find(' ') == std::string_view::npos) {
      const std::uint64_t h = ner::hash_text(utf8::ascii_lower(raw.text));
      lists = model_.gazetteer().lists_of({&h, 1});
      raw.first_name = (lists & kFirstName) != 0 && (lists & kSurname) == 0;
    } else if (raw.type != MentionType::person) {
      std::vector<std::uint64_t> hashes;
      for (const std::string_view word : split(raw.text, ' '))
        hashes.push_back(ner::hash_text(utf8::ascii_lower(word)));
      lists = model_.gazetteer().lists_of(hashes);
    }
    if (raw.type != MentionType::person && located(raw.before, raw.after, lists)) {
      raw.type = MentionType::place;
      raw.located = true;
    }
    if (i > 0 && found[i - 1].field == m.field && found[i - 1].type == ner::Type::org) {
      const std::string_view between = text.substr(found[i - 1].end, m.begin - found[i - 1].end);
      raw.after_org_possessive = between == "'s " || between == "\u2019s ";
    }
    mentions.push_back(raw);
  }
  // Lists of names ("Cech, Ferreira, Terry (Gallas 78), Lampard"): line-ups
  // and the like, where a lone surname is a person and the odd one the
  // tagger called a place is one too.
  const auto list_gap = [&](std::size_t i) {
    if (found[i - 1].field != found[i].field) return false;
    const std::string_view text = texts[found[i].field];
    const std::string_view gap = text.substr(found[i - 1].end, found[i].begin - found[i - 1].end);
    if (gap.empty() || gap.size() > 12 || gap.find_first_of(",;()") == std::string_view::npos) return false;
    return gap.find_first_not_of(" ,;()0123456789'") == std::string_view::npos;
  };
  // Runs of listed names, then per paragraph (a line-up's "Subs Not Used:
  // Cerny, Kaboul" is one paragraph with its team): where most listed names
  // are people, they all are.
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // [start, end) of found
  for (std::size_t start = 0; start < found.size();) {
    std::size_t end = start + 1;
    while (end < found.size() && list_gap(end)) ++end;
    if (end - start >= 2) runs.emplace_back(start, end);
    start = end;
  }
  const auto paragraph_of = [&](std::size_t i) {
    const std::string_view text = texts[found[i].field];
    const std::size_t nl = text.rfind('\n', found[i].begin);
    return std::make_pair(found[i].field, nl == std::string_view::npos ? 0 : nl + 1);
  };
  for (std::size_t r = 0; r < runs.size();) {
    std::size_t q = r + 1;
    while (q < runs.size() && paragraph_of(runs[q].first) == paragraph_of(runs[r].first)) ++q;
    std::array<std::size_t, kMentionTypes> types{};
    std::size_t listed = 0;
    for (std::size_t k = r; k < q; ++k) {
      for (std::size_t i = runs[k].first; i < runs[k].second; ++i) {
        ++types[static_cast<std::size_t>(mentions[i].type)];
        ++listed;
      }
    }
    const std::size_t people = types[0];
    const bool most = people >= types[1] && people >= types[2] && people >= types[3];
    if (listed >= 3 && most && people * 10 >= listed * 4) {
      for (std::size_t k = r; k < q; ++k) {
        for (std::size_t i = runs[k].first; i < runs[k].second; ++i) {
          mentions[i].in_list = true;
          if (mentions[i].text.find(' ') == mentions[i].text.rfind(' ')) mentions[i].type = MentionType::person;
        }
      }
    }
    r = q;
  }
  std::vector<NamedEntity> entities = resolve_entities(mentions, *tables_);
  // Evidence of common nouns: "two PCs" says a PC is no organisation.
  std::unordered_set<std::string> plurals;
  for (const auto& part : trace.parts) {
    for (const auto& token : part.tokens) {
      if (is_plural_acronym(token.text)) plurals.emplace(token.text.substr(0, token.text.size() - 1));
    }
  }
  for (const auto& p : plurals) {
    const std::string key = entity_key(p);
    const auto same =
        std::find_if(entities.begin(), entities.end(), [&](const NamedEntity& e) { return entity_key(e.name) == key; });
    if (same != entities.end()) {
      same->flags |= NamedEntity::kCommonNoun;
    } else {
      entities.push_back({MentionType::other, p, NamedEntity::kCommonNoun});
    }
  }
  return entities;
}

}  // namespace newsdex
