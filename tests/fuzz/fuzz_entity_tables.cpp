// libFuzzer target: what the entities stage reads that a user or a database
// hands it: an --aliases file (AliasTable::parse), and the records the index
// keeps (NameStats, Policy, Candidates, an article's entities). Bad input is
// reported or skipped, never a crash; what is kept reads back the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "entities/aliases.hpp"
#include "entities/keys.hpp"
#include "entities/resolution.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  newsdex::CollectingDiagnostics diagnostics;
  const newsdex::AliasTable table = newsdex::AliasTable::parse(text, "fuzz.tsv", diagnostics);
  for (const auto& d : diagnostics.all) FUZZ_CHECK(d.file == "fuzz.tsv" && d.line >= 1);
  // A table read back from its own text is the same table.
  const newsdex::AliasTable again = newsdex::AliasTable::parse(table.encode(), "encoded");
  FUZZ_CHECK(newsdex::AliasTable::changed_keys(table, again).empty());
  for (const auto& [key, targets] : table.entries()) {
    FUZZ_CHECK(!key.empty() && !targets.empty());
    FUZZ_CHECK(newsdex::entity_key(key) == key);  // keys are their own key
  }

  const newsdex::NameStats stats = newsdex::NameStats::decode(text);
  FUZZ_CHECK(newsdex::NameStats::decode(stats.encode()) == stats);
  const newsdex::Policy policy = newsdex::Policy::decode(text);
  FUZZ_CHECK(newsdex::Policy::decode(policy.encode()) == policy);
  const newsdex::Candidates candidates = newsdex::Candidates::decode(text);
  FUZZ_CHECK(newsdex::Candidates::decode(candidates.encode()).articles == candidates.articles);
  const auto entities = newsdex::decode_article_entities(text);
  FUZZ_CHECK(newsdex::decode_article_entities(newsdex::encode_article_entities(entities)) == entities);
  for (const auto& a : entities) {
    const std::string key = newsdex::entity_key(a.named.name);
    (void)newsdex::resolve(a.named, key, policy, &table);
  }
  return 0;
}
