#include "entities/resolution.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "entities/keys.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

constexpr std::uint8_t bit(MentionType t) {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(t));
}
constexpr std::uint8_t kAllTypes = 0x0F;

bool generational_suffix(std::string_view word) {
  static const std::array<std::string_view, 7> kSuffixes{"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"};
  const std::string w = utf8::ascii_lower(word);
  return std::find(kSuffixes.begin(), kSuffixes.end(), w) != kSuffixes.end();
}

// English peerage styles, which stand before a surname ("Lord Falconer",
// "Baroness Amos"); royal titles stand before a first name and are not here.
bool peerage_title(std::string_view word) {
  static const std::array<std::string_view, 9> kPeers{"lord", "lady",     "baron",       "baroness", "viscount",
                                                      "earl", "countess", "viscountess", "marquess"};
  const std::string w = utf8::ascii_lower(word);
  return std::find(kPeers.begin(), kPeers.end(), w) != kPeers.end();
}

// Royal styles, which stand before a first name ("Prince Charles").
bool royal_title(std::string_view word) {
  static const std::array<std::string_view, 12> kRoyals{"prince",  "princess", "king", "queen",  "pope",  "emperor",
                                                        "empress", "sheikh",   "emir", "sultan", "crown", "infanta"};
  const std::string w = utf8::ascii_lower(word);
  return std::find(kRoyals.begin(), kRoyals.end(), w) != kRoyals.end();
}

// "P", "P.", "J.P.": an initial (or two) standing for a first name.
bool initial_word(std::string_view word) {
  std::size_t letters = 0;
  for (const char c : word) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c != '.') {
      return false;
    }
  }
  return letters >= 1 && letters <= 2 && (letters == 1 || word.find('.') != std::string_view::npos);
}

std::vector<std::string_view> words_of(std::string_view name) {
  std::vector<std::string_view> words;
  for (const auto w : split(name, ' ')) {
    if (!w.empty()) words.push_back(w);
  }
  return words;
}

std::int64_t read_int(std::string_view s) {
  std::int64_t n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

// The alias table's choice among several entities for one name: the one
// the archive names most in full, when it clearly dominates (as a short form
// does: Candidates::dominant); else none, and the name stays as written.
const AliasTarget* choose(const std::vector<AliasTarget>& targets, Evidence& evidence) {
  std::vector<const AliasTarget*> kept;
  for (const auto& t : targets) {
    if (!t.drop) kept.push_back(&t);
  }
  if (kept.size() == 1) return kept.front();
  Candidates counts;
  for (const auto* t : kept) {
    if (const std::int64_t n = evidence.stats(entity_key(t->canonical)).total(); n > 0) counts.add(t->canonical, n);
  }
  const auto best = counts.dominant();
  if (!best) return nullptr;
  for (const auto* t : kept) {
    if (t->canonical == *best) return t;
  }
  return nullptr;
}

// A target applies to mentions of its own type, and to those the tagger
// called something else (a party's members' names are often tagged like
// nationality words: "Tories", "Republicans"); a town's name tagged as a
// place stays the town even where the club is "Newcastle" too.
std::string written_or(const NameStats& stats, const std::string& key) {
  const std::string best = stats.best_form();
  return best.empty() ? key : best;
}

std::uint8_t target_types(EntityType type) {
  return static_cast<std::uint8_t>(bit(mention_type(type)) | bit(MentionType::other));
}

}  // namespace

std::optional<ResolvedEntity> resolve_kept(const NamedEntity& entity, const std::string& key, const Policy& policy,
                                           const AliasTable* user);

// --- NameStats ------------------------------------------------------------

void NameStats::add(const NamedEntity& e, std::int64_t delta) {
  articles[static_cast<std::size_t>(e.type)] += delta;
  if (e.has(NamedEntity::kTitled)) titled += delta;
  if (e.has(NamedEntity::kWork)) work += delta;
  if (e.has(NamedEntity::kCommonNoun)) common_noun += delta;
  if (e.has(NamedEntity::kFirstName)) first_name += delta;
  if (!e.name.empty()) {
    const std::int64_t n = (forms[e.name] += delta);
    if (n <= 0) forms.erase(e.name);
  }
  for (auto& a : articles) a = std::max<std::int64_t>(a, 0);
}

std::int64_t NameStats::total() const {
  std::int64_t n = 0;
  for (const auto a : articles) n += a;
  return n;
}

std::string NameStats::best_form() const {
  const std::pair<const std::string, std::int64_t>* best = nullptr;
  for (const auto& f : forms) {
    if (best == nullptr || f.second > best->second) best = &f;
  }
  return best == nullptr ? std::string() : best->first;
}

std::string NameStats::encode() const {
  std::string out = "p " + std::to_string(articles[0]) + " l " + std::to_string(articles[1]) + " o " +
                    std::to_string(articles[2]) + " x " + std::to_string(articles[3]) + " t " + std::to_string(titled) +
                    " w " + std::to_string(work) + " c " + std::to_string(common_noun) + " f " +
                    std::to_string(first_name) + "\n";
  for (const auto& [form, n] : forms) out += std::to_string(n) + '\t' + form + '\n';
  return out;
}

NameStats NameStats::decode(std::string_view text) {
  NameStats s;
  const auto lines = split(text, '\n');
  if (lines.empty()) return s;
  const auto fields = split(lines[0], ' ');
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    const std::int64_t n = std::max<std::int64_t>(0, read_int(fields[i + 1]));
    const std::string_view k = fields[i];
    if (k == "p") s.articles[0] = n;
    if (k == "l") s.articles[1] = n;
    if (k == "o") s.articles[2] = n;
    if (k == "x") s.articles[3] = n;
    if (k == "t") s.titled = n;
    if (k == "w") s.work = n;
    if (k == "c") s.common_noun = n;
    if (k == "f") s.first_name = n;
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto tab = lines[i].find('\t');
    if (tab == std::string_view::npos || tab + 1 >= lines[i].size()) continue;
    const std::int64_t n = read_int(lines[i].substr(0, tab));
    if (n > 0) s.forms[std::string(lines[i].substr(tab + 1))] = n;
  }
  return s;
}

// --- Candidates -----------------------------------------------------------

void Candidates::add(const std::string& name, std::int64_t delta) {
  const std::int64_t n = (articles[name] += delta);
  if (n <= 0) articles.erase(name);
}

std::optional<std::string> Candidates::dominant(char initial) const {
  std::int64_t total = 0;
  const std::pair<const std::string, std::int64_t>* best = nullptr;
  for (const auto& entry : articles) {
    if (initial != 0 && (entry.first.empty() || entry.first[0] != initial)) continue;
    total += entry.second;
    if (best == nullptr || entry.second > best->second) best = &entry;
  }
  if (best == nullptr || best->second < 2 || best->second * 3 < total * 2) return std::nullopt;
  return best->first;
}

std::string Candidates::encode() const {
  std::string out;
  for (const auto& [name, n] : articles) out += name + '\t' + std::to_string(n) + '\n';
  return out;
}

Candidates Candidates::decode(std::string_view text) {
  Candidates c;
  for (const auto line : split(text, '\n')) {
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    const std::int64_t n = read_int(line.substr(tab + 1));
    if (n > 0) c.articles[std::string(line.substr(0, tab))] = n;
  }
  return c;
}

// --- Short forms ----------------------------------------------------------

std::optional<ShortForm> short_form_of_full(EntityType type, std::string_view name) {
  auto words = words_of(name);
  if (type == EntityType::person) {
    while (words.size() > 2 && generational_suffix(words.back())) words.pop_back();
    if (words.size() < 2 || peerage_title(words[0]) || royal_title(words[0]) || initial_word(words[0])) {
      return std::nullopt;
    }
    const std::string key = entity_key(words.back());
    if (key.empty()) return std::nullopt;
    return ShortForm{EntityType::person, key, 0};
  }
  if (type == EntityType::org && words.size() >= 2) {
    const std::string letters = initials(name, false);
    if (is_acronym(letters)) return ShortForm{EntityType::org, utf8::ascii_lower(letters), 0};
  }
  return std::nullopt;
}

std::optional<ShortForm> short_form_of_partial(std::string_view name) {
  const auto words = words_of(name);
  if (words.size() == 1) {
    if (is_acronym(words[0])) return ShortForm{EntityType::org, utf8::ascii_lower(words[0]), 0};
    const std::string key = entity_key(words[0]);
    if (key.empty() || key.find(' ') != std::string::npos) return std::nullopt;
    return ShortForm{EntityType::person, key, 0};
  }
  if (words.size() == 2 && (initial_word(words[0]) || peerage_title(words[0]))) {
    const std::string key = entity_key(words[1]);
    if (key.empty() || key.find(' ') != std::string::npos) return std::nullopt;
    return ShortForm{EntityType::person, key, initial_word(words[0]) ? words[0][0] : '\0'};
  }
  return std::nullopt;
}

// --- Policy ---------------------------------------------------------------

std::string Policy::encode() const {
  std::string out = "d" + std::to_string(drop ? 1 : 0) + " x" + std::to_string(dropped) + " u" +
                    std::to_string(user ? 1 : 0) + " f" + std::to_string(target_for) + " m" +
                    std::to_string(static_cast<int>(majority)) + " a" + std::to_string(allowed) + "\n";
  if (target) out += std::string(facet_name(target->type)) + '\t' + target->name;
  return out;
}

Policy Policy::decode(std::string_view text) {
  Policy p;
  const auto lines = split(text, '\n');
  for (const auto field : split(lines[0], ' ')) {
    if (field.size() < 2) continue;
    const std::int64_t n = read_int(field.substr(1));
    switch (field[0]) {
      case 'd':
        p.drop = n != 0;
        break;
      case 'x':
        p.dropped = static_cast<std::uint8_t>(n & 7);
        break;
      case 'u':
        p.user = n != 0;
        break;
      case 'f':
        p.target_for = static_cast<std::uint8_t>(n & kAllTypes);
        break;
      case 'm':
        p.majority = static_cast<MentionType>(std::clamp<std::int64_t>(n, 0, 3));
        break;
      case 'a':
        p.allowed = static_cast<std::uint8_t>(n & kAllTypes);
        break;
      default:
        break;
    }
  }
  if (lines.size() > 1) {
    const auto cols = split(lines[1], '\t');
    if (cols.size() == 2) {
      if (const auto type = parse_facet_name(cols[0]); type && !cols[1].empty()) {
        p.target = Entity{*type, std::string(cols[1])};
      }
    }
  }
  return p;
}

Policy decide(const std::string& key, const NameStats& stats, const NameTablesForResolution& tables,
              Evidence& evidence) {
  Policy p;
  // The type rules, which every mention that no target covers follows.
  const std::int64_t total = stats.total();
  std::size_t majority = 3;
  std::int64_t most = 0;
  for (const std::size_t t : {0U, 2U, 1U, 3U}) {  // ties: person, org, place, other
    if (stats.articles[t] > most) {
      most = stats.articles[t];
      majority = t;
    }
  }
  p.majority = static_cast<MentionType>(majority);
  if (total == 0) p.allowed = kAllTypes;  // no evidence yet: each article's own type stands
  for (std::size_t t = 0; t < kMentionTypes; ++t) {
    const std::int64_t n = stats.articles[t];
    // A second use of the name counts when it is common: a quarter of the
    // articles, or ten articles and a tenth ("Chelsea" the district).
    if (t == majority || (n >= 2 && n * 4 >= total) || (n >= 10 && n * 10 >= total)) {
      p.allowed |= bit(static_cast<MentionType>(t));
    }
  }
  // Named as a work or product in two articles of five: not a person, place
  // or organisation, even where the tagger said so ("Ray" the film).
  if (stats.work > 0 && stats.work * 5 >= total * 2) {
    p.majority = MentionType::other;
    p.allowed = bit(MentionType::other);
  }
  // A common noun in capitals ("PCs", "DVDs" elsewhere): never an entity.
  if (stats.common_noun > 0 && stats.common_noun * 10 >= total) {
    p.drop = true;
    return p;
  }
  // A lone first name ("Bill") is nobody in particular, unless a title says who.
  if (stats.first_name * 2 > total && stats.titled == 0) {
    p.allowed &= static_cast<std::uint8_t>(~bit(MentionType::person));
    if (p.majority == MentionType::person) p.majority = MentionType::other;
  }

  // 1. The user's curation wins over everything.
  if (tables.user != nullptr) {
    if (const auto* targets = tables.user->find(key)) {
      p.user = true;
      const auto kept = std::find_if(targets->begin(), targets->end(), [](const AliasTarget& t) { return !t.drop; });
      if (kept == targets->end()) {
        // "org  Kerem Shalom  -": not an organisation (a place it may be).
        for (const auto& t : *targets) p.dropped |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(t.type));
        return p;
      }
      p.target = Entity{kept->type, kept->canonical};
      p.target_for = kAllTypes;
      return p;
    }
  }
  // 2. What the project knows.
  if (tables.knowledge != nullptr) {
    if (const auto* targets = tables.knowledge->find(key)) {
      if (std::all_of(targets->begin(), targets->end(), [](const AliasTarget& t) { return t.drop; })) {
        p.drop = true;
        return p;
      }
      if (const AliasTarget* t = choose(*targets, evidence)) {
        p.target = Entity{t->type, t->canonical};
        p.target_for = target_types(t->type);
        return p;
      }
    }
  }
  // 2b. A full name the knowledge has ("Derby County", "Aston Villa") is of
  // the knowledge's type whatever the tagger said (one word may be a town too).
  if (tables.knowledge != nullptr && key.find(' ') != std::string::npos) {
    if (const auto type = tables.knowledge->canonical_type(key)) {
      p.target = Entity{*type, written_or(stats, key)};
      p.target_for = kAllTypes;
      return p;
    }
  }
  // 3. A short form stands for the full name the archive gives most, unless
  // the name is one the knowledge knows as such ("BBC" is BBC, whatever
  // "British Broadcasting Corporation" says).
  const std::string written = stats.best_form().empty() ? key : stats.best_form();
  const bool known_name = (tables.knowledge != nullptr && tables.knowledge->is_canonical(key)) ||
                          (tables.user != nullptr && tables.user->is_canonical(key));
  if (const auto form = known_name ? std::nullopt : short_form_of_partial(written)) {
    const Candidates& c = evidence.candidates(*form);
    if (const auto full = c.dominant(form->initial); full && entity_key(*full) != key) {
      if (form->type == EntityType::person) {
        p.target = Entity{EntityType::person, *full};
        p.target_for = bit(MentionType::person);
      } else {
        // An acronym only when that name dominates the archive's uses of
        // it: "ABC" spelled out a few times as a foreign broadcaster stays
        // "ABC" where most articles mean another.
        const std::int64_t bare = stats.articles[static_cast<std::size_t>(MentionType::org)] +
                                  stats.articles[static_cast<std::size_t>(MentionType::other)];
        if (c.articles.at(*full) * 2 >= bare) {
          p.target = Entity{EntityType::org, *full};
          p.target_for = bit(MentionType::org);
        }
      }
    }
  }
  // The full name may itself be an alias the tables know: one more step
  // ("WHO" -> "World Health Organisation" -> World Health Organization);
  // and a name the user drops is dropped under any of its names.
  if (p.target) {
    for (const AliasTable* table : {tables.user, tables.knowledge}) {
      const auto* next = table != nullptr ? table->find(entity_key(p.target->name)) : nullptr;
      if (next != nullptr && next->size() == 1 && !next->front().drop && next->front().type == p.target->type) {
        p.target->name = next->front().canonical;
        break;
      }
    }
    if (const auto* rows = tables.user != nullptr ? tables.user->find(entity_key(p.target->name)) : nullptr) {
      for (const auto& t : *rows) {
        if (t.drop && t.type == p.target->type) {
          p = Policy{};
          p.drop = true;
          p.user = true;
          break;
        }
      }
    }
  }
  return p;
}

std::optional<ResolvedEntity> resolve(const NamedEntity& entity, const std::string& key, const Policy& policy,
                                      const AliasTable* user) {
  auto r = resolve_kept(entity, key, policy, user);
  if (r && (policy.dropped & (1U << static_cast<unsigned>(r->type))) != 0) return std::nullopt;
  return r;
}

std::optional<ResolvedEntity> resolve_kept(const NamedEntity& entity, const std::string& key, const Policy& policy,
                                           const AliasTable* user) {
  if (policy.drop || key.empty()) return std::nullopt;
  // The entity the article itself said it means (an ambiguous alias).
  if (!policy.user && !entity.hint.empty()) {
    const auto type = entity_type(entity.type);
    const std::string hinted = entity_key(entity.hint);
    const auto* rows = user != nullptr ? user->find(hinted) : nullptr;
    const bool dropped = rows != nullptr && type && std::any_of(rows->begin(), rows->end(), [&](const AliasTarget& t) {
                           return t.drop && t.type == *type;
                         });
    if (dropped) return std::nullopt;
    if (type && !hinted.empty()) return ResolvedEntity{*type, canonical_key(*type, hinted)};
  }
  const auto to_target = [&]() -> std::optional<ResolvedEntity> {
    const EntityType type = policy.target->type;
    const std::string target_key = canonical_key(type, entity_key(policy.target->name));
    if (target_key.empty()) return std::nullopt;
    return ResolvedEntity{type, target_key};
  };
  if (policy.target && (policy.target_for & bit(entity.type)) != 0) return to_target();
  MentionType type = entity.type;
  // A title makes a person, and "in Blackpool" a place, whatever the archive's other articles say.
  const bool surely = (type == MentionType::person && entity.has(NamedEntity::kTitled)) ||
                      (type == MentionType::place && entity.has(NamedEntity::kLocated));
  if (!surely && (policy.allowed & bit(type)) == 0) {
    type = policy.majority;
  }
  if (policy.target && (policy.target_for & bit(type)) != 0) return to_target();
  const auto shown = entity_type(type);
  if (!shown) return std::nullopt;
  return ResolvedEntity{*shown, canonical_key(*shown, key)};
}

// --- Stored with each article ----------------------------------------------

std::string encode_article_entities(const std::vector<ArticleEntity>& entities) {
  std::string out;
  for (const auto& [e, r] : entities) {
    if (e.name.empty() || e.name.find_first_of("\t\n") != std::string::npos) continue;
    out += std::string(mention_name(e.type)) + '\t' + std::to_string(e.flags) + '\t' + e.name + '\t';
    out += r ? std::string(facet_name(r->type)) + '\t' + r->key : std::string("\t");
    out += '\t' + (e.hint.find_first_of("\t\n") == std::string::npos ? e.hint : std::string());
    out += '\t' + std::to_string(e.mentions) + '\n';
  }
  return out;
}

std::vector<ArticleEntity> decode_article_entities(std::string_view text) {
  std::vector<ArticleEntity> out;
  for (const auto line : split(text, '\n')) {
    const auto cols = split(line, '\t');
    if (cols.size() < 5 || cols.size() > 7 || cols[2].empty()) continue;
    const auto type = parse_mention_name(cols[0]);
    if (!type) continue;
    ArticleEntity a;
    a.named = {*type, std::string(cols[2]), static_cast<std::uint8_t>(read_int(cols[1]) & 0xFF),
               cols.size() >= 6 ? std::string(cols[5]) : std::string()};
    if (cols.size() == 7) a.named.mentions = static_cast<std::uint16_t>(std::min<long long>(read_int(cols[6]), 0xFFFF));
    if (const auto rtype = parse_facet_name(cols[3]); rtype && !cols[4].empty()) {
      a.resolved = ResolvedEntity{*rtype, std::string(cols[4])};
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace newsdex
