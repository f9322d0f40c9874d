#pragma once
// Tables of names that say which entity a name means: the knowledge this
// project ships with the model (tagger/lists/entity_aliases.tsv: parties by
// their members' names, clubs by nicknames, agencies by short names) and a
// user's own curation (newsdex-index --aliases FILE). One format for both,
// a row a line, TAB-separated:
//   type<TAB>canonical name<TAB>alias     org  Conservative Party  Tories
//   type<TAB>name<TAB>-                   org  PC  -      (never an entity)
//   type<TAB>name<TAB>name                org  Labour  Labour   (a name of its own: not merged)
// `#` lines and blank lines are skipped; type is person, place or org.
//   AliasTable t = AliasTable::parse(text, "aliases.tsv");
//   t.find(entity_key("Tories"))->front().canonical == "Conservative Party"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "entities/entity.hpp"
#include "util/diagnostics.hpp"

namespace newsdex {

struct AliasTarget {
  EntityType type = EntityType::org;
  std::string canonical;  // "Conservative Party"
  bool drop = false;      // the name is never shown (a "-" row)
  friend bool operator==(const AliasTarget&, const AliasTarget&) = default;
};

class AliasTable {
 public:
  // Throws InputError "SOURCE:LINE: error: ..." for a malformed row: a wrong
  // number of columns, an unknown type, an empty or unusable name.
  static AliasTable parse(std::string_view text, std::string_view source);
  // The same, reporting each malformed row to `diagnostics` as an error
  // ("aliases.tsv:3: error: ...; skipped") and going on with the rest.
  static AliasTable parse(std::string_view text, std::string_view source, DiagnosticSink& diagnostics);

  // What a name means, by entity_key(): the rows' targets in file order
  // (several when the alias names more than one entity), or nullptr.
  const std::vector<AliasTarget>* find(std::string_view key) const;
  // Whether a name (by entity_key()) is the canonical name of some row: "bbc".
  bool is_canonical(std::string_view key) const { return canonicals_.find(key) != canonicals_.end(); }
  // The type of the entity a canonical name is (the first row's), or none.
  std::optional<EntityType> canonical_type(std::string_view key) const {
    const auto it = canonicals_.find(key);
    return it == canonicals_.end() ? std::nullopt : std::optional<EntityType>(it->second);
  }
  // Every alias key and its targets, sorted by key.
  const std::map<std::string, std::vector<AliasTarget>, std::less<>>& entries() const { return by_key_; }
  std::size_t rows() const { return rows_; }
  bool empty() const { return by_key_.empty(); }

  // The table as text that parse() reads back (one row a line, sorted):
  // what is stored in a database to see, on the next run, which names changed.
  std::string encode() const;

  // The alias keys whose targets differ between two tables (added, removed
  // or changed): the names a changed --aliases file re-resolves.
  static std::vector<std::string> changed_keys(const AliasTable& before, const AliasTable& after);

 private:
  std::map<std::string, std::vector<AliasTarget>, std::less<>> by_key_;
  std::map<std::string, EntityType, std::less<>> canonicals_;  // entity_key() of every row's canonical name -> type
  std::size_t rows_ = 0;
};

}  // namespace newsdex
