#pragma once
// Archive-level entity resolution, without a database: what every article's
// mention of a name stands for, decided from how the whole archive uses the
// name. The store layer (index/entity_ledger) keeps the evidence, asks
// decide() for each name's Policy, and applies it to each article with
// resolve(); when a Policy changes it resolves the articles that name it
// again, so the outcome never depends on the order articles came in.
//
//   NameStats s;                                   // "Blair" in 40 articles, all as a person
//   Policy p = decide("blair", s, tables, evidence);  // -> target person "Tony Blair"
//   resolve(NamedEntity{person, "Blair"}, "blair", p) == ResolvedEntity{person, "tony blair"}
//
// Decisions, strongest first:
//   1. the user's --aliases file (a name is merged, kept apart or dropped);
//   2. the shipped knowledge (members' names of parties, club nicknames,
//      short names of agencies): an alias naming several entities takes the
//      one the archive names most;
//   3. short forms: a lone surname, an initial and surname ("P O'Connell")
//      or a peer's title and surname ("Lord Falconer") stands for the full
//      name most articles give with that surname; an acronym for the name
//      with those initials, when that name clearly dominates the archive's
//      uses of the acronym (Candidates::dominant);
//   4. the name's type by the archive's majority (a person tagged an
//      organisation in a few articles is a person; but a title before it
//      makes a person, and "in Blackpool" or "MP for Witney" a place, in
//      that article, NamedEntity::kLocated), keeping a second type
//      only when the archive uses the name that way often too ("Chelsea" the
//      club and the district); a name used mostly as a work or product, or
//      as a common noun ("PCs"), is not shown; nor is a lone first name.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/aliases.hpp"
#include "entities/entity.hpp"

namespace newsdex {

// The evidence on one name (an entity_key()) from every article naming it.
struct NameStats {
  std::array<std::int64_t, kMentionTypes> articles{};  // by the type the article gave it
  std::int64_t titled = 0;                             // articles with a person's title before it
  std::int64_t work = 0;                               // articles naming it as a work or product
  std::int64_t common_noun = 0;                        // articles using it as a common noun
  std::int64_t first_name = 0;                         // articles where it is a lone first name
  std::map<std::string, std::int64_t> forms;           // how it is written -> articles

  // Counts (delta +1) or uncounts (-1) one article's entity.
  void add(const NamedEntity& e, std::int64_t delta);
  std::int64_t total() const;
  // The most frequent written form ("" when none).
  std::string best_form() const;
  // "p 3 l 0 o 1 x 0 t 2 w 0 c 0 f 0\n3\tTony Blair\n..." and back (bad lines skipped).
  std::string encode() const;
  static NameStats decode(std::string_view text);
  friend bool operator==(const NameStats&, const NameStats&) = default;
};

// For one short form (a surname, an acronym): how many articles name each
// full name that has it.
struct Candidates {
  std::map<std::string, std::int64_t> articles;  // full name -> articles

  void add(const std::string& name, std::int64_t delta);
  // The full name the short form stands for: the most frequent one, named by
  // at least two articles and by two thirds of those naming any. With an
  // `initial`, only names whose first word starts with it ("P O'Connell").
  std::optional<std::string> dominant(char initial = 0) const;
  // "Ronald Reagan\t57\nNancy Reagan\t3" and back (bad lines are skipped).
  std::string encode() const;
  static Candidates decode(std::string_view text);
};

// A short form of a full name, or of a name that is one.
struct ShortForm {
  EntityType type = EntityType::person;
  std::string key;   // "reagan" (a surname), "ec" (initials)
  char initial = 0;  // 'P' for "P O'Connell"
  friend bool operator==(const ShortForm&, const ShortForm&) = default;
};
// The short form a full name can be written as: a person's surname
// ("Ronald Reagan" -> reagan), an organisation's initials
// ("European Community" -> ec); nothing for other names.
std::optional<ShortForm> short_form_of_full(EntityType type, std::string_view name);
// The short form a written name is: a lone word ("Reagan"), an initial and
// surname ("P O'Connell"), a peer's or royal's title and one name ("Lord
// Falconer") -> person; an acronym ("EC") -> org; nothing otherwise.
std::optional<ShortForm> short_form_of_partial(std::string_view name);

// What decide() may look up besides the name's own evidence.
class Evidence {
 public:
  virtual ~Evidence() = default;
  virtual const Candidates& candidates(const ShortForm& form) = 0;
  virtual const NameStats& stats(const std::string& key) = 0;
};

struct NameTablesForResolution {
  const AliasTable* user = nullptr;       // --aliases
  const AliasTable* knowledge = nullptr;  // shipped with the model
};

// What every mention of one name stands for.
struct Policy {
  bool drop = false;         // never shown (the knowledge's "-" rows, common nouns)
  std::uint8_t dropped = 0;  // not shown as these types (bit per EntityType: the user's "-" rows)
  bool user = false;         // the user's --aliases decided it: an article's hint does not count
  // The entity the name stands for by an alias table or as a short form,
  // for mentions of the types in `target_for` (bit per MentionType).
  std::optional<Entity> target;
  std::uint8_t target_for = 0;
  // Otherwise: a mention keeps its own type when the archive uses the name
  // that way often enough (`allowed`, bit per MentionType), else takes the
  // majority; `other` is not shown.
  MentionType majority = MentionType::other;
  std::uint8_t allowed = 0;

  // "d0 t1 f7 m0 a1\norg\tConservative Party" and back.
  std::string encode() const;
  static Policy decode(std::string_view text);
  friend bool operator==(const Policy&, const Policy&) = default;
};

Policy decide(const std::string& key, const NameStats& stats, const NameTablesForResolution& tables,
              Evidence& evidence);

// One article's entity, resolved: a type and the key it is stored under
// (canonical_key()), or nothing when it is not shown.
struct ResolvedEntity {
  EntityType type = EntityType::person;
  std::string key;  // "tony blair"
  friend bool operator==(const ResolvedEntity&, const ResolvedEntity&) = default;
  friend bool operator<(const ResolvedEntity& a, const ResolvedEntity& b) {
    return a.type != b.type ? a.type < b.type : a.key < b.key;
  }
};
// `user`: the --aliases table, whose "-" rows drop an entity an article's hint names.
std::optional<ResolvedEntity> resolve(const NamedEntity& entity, const std::string& key, const Policy& policy,
                                      const AliasTable* user = nullptr);

// One article's entity and what it resolved to (nothing: not shown).
struct ArticleEntity {
  NamedEntity named;
  std::optional<ResolvedEntity> resolved;
  friend bool operator==(const ArticleEntity&, const ArticleEntity&) = default;
};
// As stored with the article, a line each: "person\t1\tBlair\tperson\ttony blair\t\t3"
// (type, flags, name, the resolved type and key, empty when not shown, the
// hint and the mentions), and back; bad lines are skipped.
std::string encode_article_entities(const std::vector<ArticleEntity>& entities);
std::vector<ArticleEntity> decode_article_entities(std::string_view text);

}  // namespace newsdex
