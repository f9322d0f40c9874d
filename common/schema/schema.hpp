#pragma once
// The one place that says how an article is laid out in a newsdex database:
// term prefixes, value slots, metadata keys and the stored document data.
// Prefixes follow Xapian's conventions (Q unique id, S title, Y/M/D dates,
// X... for our own); no Xapian header is needed to read this file.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "article/article.hpp"

namespace newsdex::schema {

// Bump when the layout changes; the indexer refuses to mix layouts.
inline constexpr std::string_view kVersion = "1";
inline constexpr std::string_view kStemLanguage = "english";

// --- Term prefixes -------------------------------------------------------
inline constexpr std::string_view kIdPrefix = "Q";        // boolean: unique article id
inline constexpr std::string_view kTitlePrefix = "S";     // free text: title words (title:)
inline constexpr std::string_view kYearPrefix = "Y";      // boolean: Y2021
inline constexpr std::string_view kMonthPrefix = "M";     // boolean: M202105
inline constexpr std::string_view kDayPrefix = "D";       // boolean: D20210521
inline constexpr std::string_view kFilePrefix = "XFILE";  // boolean: source file (for --prune)
// Entity facets (filled by the entities stage when an extractor is present).
inline constexpr std::string_view kPersonPrefix = "XPERSON:";
inline constexpr std::string_view kPlacePrefix = "XPLACE:";
inline constexpr std::string_view kOrgPrefix = "XORG:";

// How much more a title word counts than a body word in the free-text field.
inline constexpr unsigned kTitleWeight = 3;

// --- Value slots ---------------------------------------------------------
enum Slot : unsigned {
  kDateSlot = 0,  // "YYYYMMDD": sorts as text; Xapian's DateRangeProcessor format
  kHashSlot = 1,  // content hash (16 hex digits): unchanged articles are skipped
};

// --- Metadata keys -------------------------------------------------------
inline constexpr std::string_view kVersionKey = "newsdex:schema";
inline constexpr std::string_view kStemKey = "newsdex:stemmer";
inline constexpr std::string_view kFileKeyPrefix = "newsdex:file:";

// The unique-id term. Xapian terms are limited to 245 bytes, so a very long
// id keeps its start and a hash of the whole: id_term("x") == "Qx".
std::string id_term(std::string_view id);
// The term that marks every article read from one file (keyed by its path).
std::string file_term(std::string_view canonical_path);
// The metadata key that records one file's size and mtime.
std::string file_key(std::string_view canonical_path);

// Hash of everything that ends up in the index for an article: an article
// whose hash is unchanged need not be written again.
std::string content_hash(const Article& a);

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
