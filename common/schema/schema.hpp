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
#include "entities/entity_extractor.hpp"

namespace newsdex::schema {

// Bump when the layout changes; the indexer refuses to mix layouts.
inline constexpr std::string_view kVersion = "2";
inline constexpr std::string_view kStemLanguage = "english";

// --- Term prefixes -------------------------------------------------------
inline constexpr std::string_view kIdPrefix = "Q";        // boolean: unique article id
inline constexpr std::string_view kTitlePrefix = "S";     // free text: title words (title:)
inline constexpr std::string_view kYearPrefix = "Y";      // boolean: Y2021
inline constexpr std::string_view kMonthPrefix = "M";     // boolean: M202105
inline constexpr std::string_view kDayPrefix = "D";       // boolean: D20210521
inline constexpr std::string_view kFilePrefix = "XFILE";  // boolean: source file (for --prune)
// Entities (filled by the entities stage unless indexing with --no-entities):
// boolean terms of the canonical name in ASCII lower case, for person:"..."
// filters that ignore case. See entity_term().
inline constexpr std::string_view kPersonPrefix = "XPERSON:";
inline constexpr std::string_view kPlacePrefix = "XPLACE:";
inline constexpr std::string_view kOrgPrefix = "XORG:";
// On articles that name an entity by a short form only ("Reagan", "EC"):
// XSHORT:person:reagan, so that the short form can be settled again when the
// full name it stands for changes (entities/short_forms.hpp).
inline constexpr std::string_view kShortFormPrefix = "XSHORT:";

// How much more a title word counts than a body word in the free-text field.
inline constexpr unsigned kTitleWeight = 3;

// --- Value slots ---------------------------------------------------------
enum Slot : unsigned {
  kDateSlot = 0,  // "YYYYMMDD": sorts as text; Xapian's DateRangeProcessor format
  kHashSlot = 1,  // content hash (16 hex digits): unchanged articles are skipped
  // The article's canonical entity names of one type, as written, one a line
  // (encode_entity_list): what facet counting reads, one slot read per type.
  kPersonSlot = 2,
  kPlaceSlot = 3,
  kOrgSlot = 4,
  // The article's short forms and what each stands for now (encode_short_forms).
  kShortFormsSlot = 5,
};

// --- Metadata keys -------------------------------------------------------
inline constexpr std::string_view kVersionKey = "newsdex:schema";
inline constexpr std::string_view kStemKey = "newsdex:stemmer";
inline constexpr std::string_view kFileKeyPrefix = "newsdex:file:";
inline constexpr std::string_view kShortFormKeyPrefix = "newsdex:short:";
// newsdex:alias:place:us -> "United States": what a place: filter means by
// another name; newsdex:aliases -> the extractor version they came from.
inline constexpr std::string_view kAliasKeyPrefix = "newsdex:alias:";
inline constexpr std::string_view kAliasesVersionKey = "newsdex:aliases";

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
// The boolean term of an entity: entity_term(place, "West Bank") == "XPLACE:west bank".
// Xapian limits terms to 245 bytes; longer names get no term (they are never that long).
std::string entity_term(EntityType type, std::string_view name);
// The term marking an article that names an entity by a short form only,
// and the metadata key of that short form's candidates (Candidates::encode):
// short_form_term(person, "reagan") == "XSHORT:person:reagan",
// short_form_key(person, "reagan") == "newsdex:short:person:reagan".
std::string short_form_term(EntityType type, std::string_view key);
std::string short_form_key(EntityType type, std::string_view key);
// alias_key(place, "U.S.") == "newsdex:alias:place:us" (the form as NameTables::key()).
std::string alias_key(EntityType type, std::string_view form);
// A slot's list of names: {"Gaza", "West Bank"} <-> "Gaza\nWest Bank".
std::string encode_entity_list(const std::vector<std::string>& names);
std::vector<std::string_view> decode_entity_list(std::string_view value);

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
