#pragma once
// The tables that turn mentions into canonical names. They travel inside the
// NER model (scripts/train-ner.sh builds them from the gazetteers and
// tagger/lists), one row a line, kind<TAB>form[<TAB>value]:
//   alias    U.S.              United States   a country's other names -> its name
//   title    Secretary of State                words before a name, not part of it
//   demonym  Israeli           Israel          nationality words, never a place
//   govbody  State Department  United States   a country's government bodies
//   junk     Image                             never an entity on its own
//   peer     Lord                              a title that stays before one name ("Lord Falconer")
//   honorific Mr                               a title that makes whatever follows a person ("Mr Cable")
//   entity   org  Conservative Party  Tories   what an alias names (entities/aliases.hpp), four columns
// Later rows win, and an alias's value is itself looked up once, so that
// "Türkiye -> Turkey" also renames what the earlier rows mapped to "Türkiye".
//   NameTables t = NameTables::parse(model.names(), "ner.model");
//   *t.country("U.S.") == "United States"; t.is_title("Mr.") == true
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "entities/aliases.hpp"

namespace newsdex {

class NameTables {
 public:
  // Throws InputError naming `source` and the line of a malformed row.
  static NameTables parse(std::string_view text, std::string_view source);

  // Lookups are by key(): case, dots, extra spaces and a leading "the" do not matter.
  const std::string* country(std::string_view form) const { return find(aliases_, form); }
  const std::string* demonym_country(std::string_view word) const { return find(demonyms_, word); }
  const std::string* govbody_country(std::string_view name) const { return find(govbodies_, name); }
  bool is_title(std::string_view words) const { return titles_.count(key(words)) > 0; }
  bool is_junk(std::string_view words) const { return junk_.count(key(words)) > 0; }
  // A title kept before a single name: royal and peerage styles ("Lord", "Prince", "Pope").
  bool is_peer(std::string_view word) const { return peers_.count(key(word)) > 0; }
  // A title that only ever stands before a person's name: "Mr", "Dr", "Sir", "Baroness".
  bool is_honorific(std::string_view word) const { return honorifics_.count(key(word)) > 0; }
  // The shipped knowledge of which entity an alias names ("Tories" -> Conservative Party),
  // with every country alias as a place ("U.S." -> United States).
  const AliasTable& knowledge() const { return knowledge_; }
  std::size_t rows() const { return rows_; }
  // Every country alias, by key(): {"us" -> "United States", ...}.
  const std::unordered_map<std::string, std::string>& aliases() const { return aliases_; }

  // "The U.S.  " -> "us": ASCII lower case, no dots, single spaces, no leading "the".
  static std::string key(std::string_view form);

 private:
  static const std::string* find(const std::unordered_map<std::string, std::string>& map, std::string_view form) {
    const auto it = map.find(key(form));
    return it == map.end() ? nullptr : &it->second;
  }
  std::unordered_map<std::string, std::string> aliases_, demonyms_, govbodies_;
  std::unordered_set<std::string> titles_, junk_, peers_, honorifics_;
  AliasTable knowledge_;
  std::size_t rows_ = 0;
};

}  // namespace newsdex
