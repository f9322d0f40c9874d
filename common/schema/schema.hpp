#pragma once
// The one place that says how an article is laid out in a newsdex database:
// term prefixes, value slots, metadata keys and the stored document data.
// Prefixes follow Xapian's conventions (Q unique id, S title, Y/M/D dates,
// X... for our own); no Xapian header is needed to read this file.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <vector>

#include "article/article.hpp"
#include "entities/entity.hpp"

namespace newsdex::schema {

// Bump when the layout changes; the indexer refuses to mix layouts and
// `newsdex-index --rebuild` brings an older database up to date (from
// kOldestRebuildable on).
inline constexpr std::string_view kVersion = "5";  // 5: entity terms weigh the entity's prominence
inline constexpr std::string_view kStemLanguage = "english";
inline constexpr int kOldestRebuildable = 2;  // every schema since 2 stores the article in the same form

// --- Term prefixes -------------------------------------------------------
inline constexpr std::string_view kIdPrefix = "Q";        // boolean: unique article id
inline constexpr std::string_view kTitlePrefix = "S";     // free text: title words (title:)
inline constexpr std::string_view kStemPrefix = "Z";      // Xapian's: a stemmed word (TermGenerator, QueryParser)
// Date terms in Omega's convention, which other Xapian tools (omega's date
// filters) read; newsdex filters on kDateSlot. Dropping M and D saved no
// measurable time or space on Reuters-21578 (three interleaved runs each).
inline constexpr std::string_view kYearPrefix = "Y";      // boolean: Y2021
inline constexpr std::string_view kMonthPrefix = "M";     // boolean: M202105
inline constexpr std::string_view kDayPrefix = "D";       // boolean: D20210521
inline constexpr std::string_view kFilePrefix = "XFILE";  // boolean: source file (for --prune)
// On an article that writes a word capitalised mid-sentence, and never in
// lower case: XCAP:federer. Whether a query word is a name is decided by the
// share of the articles containing it that carry this term.
inline constexpr std::string_view kCapitalPrefix = "XCAP:";
// Entities (filled by the entities stage unless indexing with --no-entities):
// boolean terms of the resolved entity's key (entities/keys.hpp: case,
// accents and dots folded), for person:"..." filters: XPERSON:tony blair.
// See entity_term().
inline constexpr std::string_view kPersonPrefix = "XPERSON:";
inline constexpr std::string_view kPlacePrefix = "XPLACE:";
inline constexpr std::string_view kOrgPrefix = "XORG:";
// Every name an article gives, whatever it resolved to: XK:blair, so that
// the articles naming it can be resolved again when the archive's evidence
// about the name changes (entities/resolution.hpp).
inline constexpr std::string_view kNamePrefix = "XK:";
// On articles that name an entity by a short form ("Reagan", "EC", "P
// O'Connell"): XSHORT:person:reagan, so that they are resolved again when
// the full name the short form stands for changes.
inline constexpr std::string_view kShortFormPrefix = "XSHORT:";

// Xapian limits a term to 245 bytes; ours stay within this.
inline constexpr std::size_t kMaxTermBytes = 240;

// How much more a title word counts than a body word in the free-text field.
inline constexpr unsigned kTitleWeight = 3;

// The file a glass database (Xapian 1.4's default backend) has at its top:
// a folder with it is a database.
inline constexpr std::string_view kGlassMarker = "iamglass";

// --- Value slots ---------------------------------------------------------
enum Slot : unsigned {
  kDateSlot = 0,  // "YYYYMMDD": sorts as text; Xapian's DateRangeProcessor format
  kHashSlot = 1,  // content hash (16 hex digits): unchanged articles are skipped
  // The keys of the article's resolved entities of one type, one a line
  // (encode_entity_list): what facet counting reads, one slot per type.
  kPersonSlot = 2,
  kPlaceSlot = 3,
  kOrgSlot = 4,
  // The article's entities as it names them, each with what it resolved to
  // (encode_named_entities): what re-resolving reads.
  kNamedSlot = 5,
};

// --- Metadata keys -------------------------------------------------------
inline constexpr std::string_view kVersionKey = "newsdex:schema";
inline constexpr std::string_view kStemKey = "newsdex:stemmer";
inline constexpr std::string_view kFileKeyPrefix = "newsdex:file:";
// The archive's evidence, by name key (entities/resolution.hpp):
// newsdex:ek:blair -> NameStats; newsdex:pol:blair -> the Policy its
// articles are resolved with; newsdex:short:person:reagan -> the
// Candidates of a short form.
inline constexpr std::string_view kStatsKeyPrefix = "newsdex:ek:";
inline constexpr std::string_view kPolicyKeyPrefix = "newsdex:pol:";
inline constexpr std::string_view kShortFormKeyPrefix = "newsdex:short:";
// Names whose articles a stopped run may have left resolved the old way;
// the next run resolves them again (newsdex:unsettled:k:blair, ...:s:person:reagan).
inline constexpr std::string_view kUnsettledKeyPrefix = "newsdex:unsettled:";
// A resolved entity: newsdex:ent:person:tony blair -> its name to show and
// the forms articles wrote it in (encode_entity_record).
inline constexpr std::string_view kEntityKeyPrefix = "newsdex:ent:";
// Words of entity names, for prefix lookups: newsdex:ew:person:blair\ttony blair.
inline constexpr std::string_view kEntityWordKeyPrefix = "newsdex:ew:";
// newsdex:alias:us -> "place\tUnited States": what a filter means by a name
// no article writes (the shipped knowledge and the user's --aliases);
// newsdex:aliases -> the version of that table.
inline constexpr std::string_view kAliasKeyPrefix = "newsdex:alias:";
inline constexpr std::string_view kAliasesVersionKey = "newsdex:aliases";
// The user's --aliases table as last applied (AliasTable::encode).
inline constexpr std::string_view kUserAliasesKey = "newsdex:useraliases";
// A --rebuild under way: the schema it started from (a stopped rebuild goes
// on from where it stopped).
inline constexpr std::string_view kRebuildKey = "newsdex:rebuild";
// How far a rebuild has come: "SHARD\tDOCID", the last stored article
// written again (for_each_stored order) as of the last commit.
inline constexpr std::string_view kRebuildProgressKey = "newsdex:rebuild-progress";

// --- Shards --------------------------------------------------------------
// A database indexed with --shards N (N > 1) is a folder holding N Xapian
// databases, shard-0 ... shard-N-1, and a stub file XAPIANDB that lists them
// ("auto shard-0"), which Xapian (newsdex-query, quest, delve) opens as one
// database. Articles go to the shards in turn, so that the combined
// document ids are those of a single database. Shard 0 holds the metadata
// above (Xapian reads a multi-database's metadata from its first) and the
// spelling table.
inline constexpr std::string_view kStubFile = "XAPIANDB";
std::string shard_folder(std::size_t index);  // shard_folder(0) == "shard-0"

// The unique-id term. Xapian terms are limited to 245 bytes, so a very long
// id keeps its start and a hash of the whole: id_term("x") == "Qx".
std::string id_term(std::string_view id);
// The term that marks every article read from one file (keyed by its path).
std::string file_term(std::string_view canonical_path);
// The metadata key that records one file's size and mtime.
std::string file_key(std::string_view canonical_path);

// Hash of everything that ends up in the index for an article: an article
// whose hash is unchanged need not be written again. `entities` is the
// extractor's version ("" without extraction): another one rewrites everything.
std::string content_hash(const Article& a, std::string_view entities = {});

// --- Entities ------------------------------------------------------------
std::string_view entity_prefix(EntityType type);
Slot entity_slot(EntityType type);
// The term of a resolved entity, by its key (entities/keys.hpp):
// entity_term(place, "west bank") == "XPLACE:west bank", its wdf the
// entity's prominence in the article (NamedEntity::prominence(), at least
// 1), which BM25 ranks a drill-down by. Xapian limits terms to 245 bytes;
// longer keys get no term (names are never that long).
std::string entity_term(EntityType type, std::string_view key);
// name_term("blair") == "XK:blair".
std::string name_term(std::string_view key);
// The term marking an article that names an entity by a short form, and
// the metadata key of that short form's candidates (Candidates::encode):
// short_form_term(person, "reagan") == "XSHORT:person:reagan",
// short_form_key(person, "reagan") == "newsdex:short:person:reagan".
std::string short_form_term(EntityType type, std::string_view key);
std::string short_form_key(EntityType type, std::string_view key);
std::string stats_key(std::string_view key);   // "newsdex:ek:blair"
std::string policy_key(std::string_view key);  // "newsdex:pol:blair"
// entity_key(person, "tony blair") == "newsdex:ent:person:tony blair".
std::string entity_record_key(EntityType type, std::string_view key);
// alias_key("us") == "newsdex:alias:us" (the name as entity_key()).
std::string alias_key(std::string_view key);
// A slot's list of keys: {"gaza", "west bank"} <-> "gaza\nwest bank".
std::string encode_entity_list(const std::vector<std::string>& names);
std::vector<std::string_view> decode_entity_list(std::string_view value);

// What the index keeps of a resolved entity: the name to show, and the
// forms articles wrote it in with how many articles wrote each ("Tony
// Blair" 40, "Blair" 12), as "Tony Blair\n40\tTony Blair\n12\tBlair".
struct EntityRecord {
  std::string name;
  std::vector<std::pair<std::string, std::int64_t>> forms;  // most articles first
};
std::string encode_entity_record(const EntityRecord& r);
EntityRecord decode_entity_record(std::string_view text);

// The document data: what a hit shows and what snippets are made from.
// Stored as a compact JSON object {"id","title","date","url","source","path","line","body"}.
std::string encode_document_data(const Article& a);
Article decode_document_data(std::string_view data);

// What is recorded per source file, for skipping unchanged files and --prune.
struct FileRecord {
  std::string path;  // canonical
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::size_t articles = 0;
};
std::string encode_file_record(const FileRecord& r);
std::optional<FileRecord> decode_file_record(std::string_view data);

}  // namespace newsdex::schema
