#include "search/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "entities/keys.hpp"
#include "entities/resolution.hpp"
#include "index/cached_stem.hpp"
#include "schema/schema.hpp"
#include "search/facets.hpp"
#include "search/query_analysis.hpp"
#include "search/query_syntax.hpp"
#include "search/snippet.hpp"
#include "search/suggestion.hpp"
#include "util/date.hpp"
#include "util/errors.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

constexpr Xapian::termcount kMaxWildcardTerms = 1000;  // a* must not expand to the whole lexicon
constexpr Xapian::doccount kCheckAtLeast = 1000;       // exact totals up to this many matches
constexpr std::size_t kPartialFacetDepth = 50;  // facets over the best partial matches, when no article has every word
constexpr int kRetries = 20;                    // reopen after concurrent commits: ~1.5 s of waits
constexpr int kRereads = 3;                     // reads again when a commit landed meanwhile
constexpr unsigned kRemoteTimeoutMs = 10000;    // connecting to, and each answer of, a xapian-tcpsrv

// date:A..B with A and B as YYYY-MM-DD, YYYY-MM or YYYY (either may be
// left out). Partial dates widen: date:2021..2021 is the whole year. Xapian's
// own DateRangeProcessor silently ignores dates it cannot read; we refuse them.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor() : Xapian::RangeProcessor(schema::kDateSlot, "date:") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    try {
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, date_range_bound(begin, Bound::lower),
                           date_range_bound(end, Bound::upper));
    } catch (const QueryError& e) {  // check_query_syntax() has refused such ranges already
      throw Xapian::QueryParserError(e.what());
    }
  }
};

// What the archive says of a word: is it there, and is it a name? A word
// is a name when most of the articles that have it write it capitalised
// inside a sentence and never in lower case (the index's XCAP: terms).
class ArchiveEvidence : public WordEvidence {
 public:
  ArchiveEvidence(const Xapian::Database& db, const Xapian::Stem& stemmer) : db_(db), stemmer_(stemmer) {}
  std::string lower(std::string_view word) override { return Xapian::Unicode::tolower(std::string(word)); }
  std::string capitalised(std::string_view lower_word) override {
    std::string out;
    Xapian::Utf8Iterator it(lower_word.data(), lower_word.size());
    if (it == Xapian::Utf8Iterator()) return out;
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::toupper(*it));
    ++it;
    out.append(it.raw(), it.left());
    return out;
  }
  WordKind kind(const std::string& lower_word) override {
    const Xapian::doccount n = db_.get_termfreq(lower_word);
    if (n == 0)
      return db_.term_exists(std::string(schema::kStemPrefix) + stemmer_(lower_word)) ? WordKind::word
                                                                                      : WordKind::unknown;
    if (!capitalised_in_most(lower_word, n)) return WordKind::word;
    // "Minister", "House", "Reserve": capitalised in titles and bodies
    // ("the Federal Reserve"), but their plural is a common noun in lower
    // case in many articles ("ministers", "houses", "oil reserves"): a word,
    // matched by its stem. A name's plural is rare ("the Kennedys").
    for (const std::string& plural : plurals(lower_word)) {
      const Xapian::doccount p = db_.get_termfreq(plural);
      if (p * 10 >= n && !capitalised_in_most(plural, p)) return WordKind::word;
    }
    return WordKind::name;
  }

 private:
  bool capitalised_in_most(const std::string& lower_word, Xapian::doccount articles) const {
    return db_.get_termfreq(std::string(schema::kCapitalPrefix) + lower_word) * 2 > articles;
  }
  static std::vector<std::string> plurals(const std::string& w) {
    std::vector<std::string> out{w + "s", w + "es"};
    if (w.size() > 2 && w.back() == 'y') out.push_back(w.substr(0, w.size() - 1) + "ies");
    return out;
  }

  const Xapian::Database& db_;
  const Xapian::Stem& stemmer_;
};

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

// The key of the entity a filter means: the name's own when articles carry
// it, else what the index resolved the name to (person:Reagan -> "ronald
// reagan", org:Tories -> "conservative party"), else what the shipped
// knowledge or the user's aliases say of a name no article writes
// (place:US -> "united states"). Read from the database, so the query tool
// loads no model.
std::string filter_key(const Xapian::Database& db, EntityType type, std::string_view value) {
  const std::string name = trimmed(value);
  const std::string key = entity_key(name);
  const std::string own = canonical_key(type, key);
  const auto carried = [&](const std::string& k) { return db.term_exists(schema::entity_term(type, k)); };
  if (key.empty() || carried(own)) return own;
  if (const std::string policy = db.get_metadata(schema::policy_key(key)); !policy.empty()) {
    const auto r = resolve(NamedEntity{mention_type(type), name, 0, {}}, key, Policy::decode(policy));
    if (r && r->type == type && carried(r->key)) return r->key;
  }
  // The entity articles wrote this way most ("org:Tories" where each article
  // said which party it meant): its records list the forms it was written in.
  const std::string first_word = key.substr(0, key.find(' '));
  const std::string words = std::string(schema::kEntityWordKeyPrefix) + facet_name(type) + ":" + first_word + '\t';
  std::string best, by_surname;
  Xapian::doccount best_count = 0, surname_best = 0, surname_all = 0;
  // person:Blinken: the people whose surname it is, in case no article
  // wrote the name alone.
  const bool surname = type == EntityType::person && key.find(' ') == std::string::npos;
  for (auto k = db.metadata_keys_begin(words); k != db.metadata_keys_end(words); ++k) {
    const std::string candidate = (*k).substr(words.size());
    const auto record = schema::decode_entity_record(db.get_metadata(schema::entity_record_key(type, candidate)));
    const bool written = std::any_of(record.forms.begin(), record.forms.end(),
                                     [&](const auto& f) { return entity_key(f.first) == key; });
    const bool has_surname = surname && candidate.size() > key.size() + 1 &&
                             candidate.compare(candidate.size() - key.size() - 1, std::string::npos, " " + key) == 0;
    const Xapian::doccount n = written || has_surname ? db.get_termfreq(schema::entity_term(type, candidate)) : 0;
    if (written && n > best_count) {
      best = candidate;
      best_count = n;
    }
    if (has_surname) {
      surname_all += n;
      if (n > surname_best) {
        by_surname = candidate;
        surname_best = n;
      }
    }
  }
  if (!best.empty()) return best;
  // One person with that surname, or one that two thirds of the articles
  // naming someone of that surname name (as short forms are resolved).
  if (!by_surname.empty() && surname_best * 3 >= surname_all * 2) return by_surname;
  if (const std::string alias = db.get_metadata(schema::alias_key(key)); !alias.empty()) {
    const auto tab = alias.find('\t');
    if (tab != std::string::npos && alias.substr(0, tab) == facet_name(type)) {
      return canonical_key(type, entity_key(alias.substr(tab + 1)));
    }
  }
  return own;
}

// The name to show for an entity key, from the index's entity records.
class EntityNames {
 public:
  const std::string& name(const Xapian::Database& db, EntityType type, const std::string& key) {
    auto& names = names_[static_cast<std::size_t>(type)];
    if (const auto it = names.find(key); it != names.end()) return it->second;
    std::string shown = schema::decode_entity_record(db.get_metadata(schema::entity_record_key(type, key))).name;
    if (shown.empty()) {
      // No record: as the reader wrote it (place:Narnia shows "Narnia"), or the key.
      const auto& written = written_[static_cast<std::size_t>(type)];
      const auto it = written.find(key);
      shown = it != written.end() ? it->second : key;
    }
    return names.emplace(key, std::move(shown)).first->second;
  }
  // How a filter wrote the entity of `key` (the first spelling wins).
  void note_as_written(EntityType type, const std::string& key, const std::string& text) {
    written_[static_cast<std::size_t>(type)].emplace(key, text);
  }
  void clear() {
    for (auto& n : names_) n.clear();
    for (auto& w : written_) w.clear();
  }

 private:
  std::array<std::unordered_map<std::string, std::string>, 3> names_;
  std::array<std::unordered_map<std::string, std::string>, 3> written_;
};

// What the suggestion reads of the archive: its words, their spelling
// table and the entities articles name.
class ArchiveSpelling : public SpellingEvidence {
 public:
  ArchiveSpelling(const Xapian::Database& db, const Xapian::Stem& stemmer, ArchiveEvidence& words)
      : db_(db), stemmer_(stemmer), words_(words) {}
  std::string lower(std::string_view word) override { return words_.lower(word); }
  std::string capitalised(std::string_view lower_word) override { return words_.capitalised(lower_word); }
  WordKind kind(const std::string& lower_word) override { return words_.kind(lower_word); }
  bool known(const std::string& lower_word) override {
    return db_.term_exists(lower_word) || db_.term_exists(std::string(schema::kStemPrefix) + stemmer_(lower_word));
  }
  std::string nearest_word(const std::string& lower_word, std::size_t max_edits) override {
    return db_.get_spelling_suggestion(lower_word, static_cast<unsigned>(max_edits));
  }
  std::optional<EntityCandidate> nearest_entity(std::optional<EntityType> type, const std::string& name,
                                                std::size_t max_edits) override {
    const std::string want = entity_key(name);
    std::optional<EntityCandidate> best;
    std::string best_key;
    for (const EntityType t : kEntityTypes) {
      if (type && *type != t) continue;
      const std::string prefix(schema::entity_prefix(t));
      // The entities whose name starts with the same letter (few
      // misspellings change the first), or, for a surname, every person.
      // Only for a query with a word the archive lacks or that finds nothing.
      const bool by_surname = t == EntityType::person && want.find(' ') == std::string::npos;
      const std::string from = by_surname || want.empty() ? prefix : prefix + want.substr(0, 1);
      for (auto it = db_.allterms_begin(from); it != db_.allterms_end(from); ++it) {
        const std::string& term = *it;
        const std::string_view key = std::string_view(term).substr(prefix.size());
        std::size_t d = edit_distance(key, want, max_edits);
        if (by_surname && d > max_edits) {
          if (const auto space = key.rfind(' '); space != std::string_view::npos) {
            d = edit_distance(key.substr(space + 1), want, max_edits);
          }
        }
        if (d > max_edits) continue;
        const std::size_t n = it.get_termfreq();
        if (!best || d < best->distance || (d == best->distance && n > best->articles)) {
          best = EntityCandidate{t, {}, n, d};
          best_key = std::string(key);
        }
      }
    }
    if (best) {
      best->name = schema::decode_entity_record(db_.get_metadata(schema::entity_record_key(best->type, best_key))).name;
      if (best->name.empty()) best->name = best_key;
    }
    return best;
  }
  std::size_t entity_articles(std::optional<EntityType> type, const std::string& name) override {
    std::size_t most = 0;
    for (const EntityType t : kEntityTypes) {
      if (type && *type != t) continue;
      most = std::max<std::size_t>(most, db_.get_termfreq(schema::entity_term(t, filter_key(db_, t, name))));
    }
    return most;
  }

 private:
  const Xapian::Database& db_;
  const Xapian::Stem& stemmer_;
  ArchiveEvidence& words_;
};

// person:"Antony Blinken", place:Gaza, org:Hamas: the boolean term of the
// entity the filter means, in any case and by any of its names, and a note
// of its key, which its facet must then show.
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  EntityFieldProcessor(EntityType type, const Xapian::Database& db, std::vector<std::string>& selected,
                       EntityNames& names)
      : type_(type), db_(db), selected_(selected), names_(names) {}
  EntityType type() const { return type_; }
  Xapian::Query operator()(const std::string& value) override {
    const std::string key = filter_key(db_, type_, value);
    selected_.push_back(key);
    names_.note_as_written(type_, key, value);
    return Xapian::Query(schema::entity_term(type_, key));
  }

 private:
  EntityType type_;
  const Xapian::Database& db_;
  std::vector<std::string>& selected_;
  EntityNames& names_;
};

// Counts the names of every match it is shown, by type, into a
// FacetCounter (the types set in `types`). The matcher shows the matches in
// docid order, so the names are read by walking each slot's value stream
// forward: Document::get_value() looks each value up from the start of its
// chunk, which took 3 µs a value and most of a query with 10,000 matches.
// Over several databases (shards) the spy sees each one's own docids: the
// values are looked up there.
class EntitySpy : public Xapian::MatchSpy {
 public:
  EntitySpy(const Xapian::Database& db, std::array<bool, 3> types, FacetCounter& counter)
      : db_(db), types_(types), counter_(counter), walk_(db.size() == 1) {}
  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    const Xapian::docid did = doc.get_docid();
    for (const EntityType type : kEntityTypes) {
      const auto t = static_cast<std::size_t>(type);
      if (!types_[t]) continue;
      if (!walk_) {
        counter_.add(type, doc.get_value(schema::entity_slot(type)));
        continue;
      }
      Stream& s = streams_[t];
      if (!s.open) {
        s.it = db_.valuestream_begin(schema::entity_slot(type));
        s.open = true;
      }
      if (s.it != s.end && s.it.get_docid() > did) {
        counter_.add(type, doc.get_value(schema::entity_slot(type)));  // out of order: looked up
        continue;
      }
      if (s.it != s.end) s.it.skip_to(did);
      if (s.it != s.end && s.it.get_docid() == did) counter_.add(type, *s.it);
    }
  }

 private:
  struct Stream {
    bool open = false;
    Xapian::ValueIterator it, end;
  };
  const Xapian::Database& db_;
  std::array<bool, 3> types_;
  FacetCounter& counter_;
  bool walk_;
  std::array<Stream, 3> streams_;
};

// "host:port" -> its parts; throws UsageError for anything else.
std::pair<std::string, unsigned> host_and_port(const std::string& remote) {
  const std::size_t colon = remote.rfind(':');
  unsigned long port = 0;
  if (colon != std::string::npos && colon > 0 && colon + 1 < remote.size() &&
      remote.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    port = std::stoul(remote.substr(colon + 1, 6));
  }
  if (port == 0 || port > 65535) {
    throw UsageError("--remote " + remote + ": give HOST:PORT of a xapian-tcpsrv, e.g. localhost:33333");
  }
  return {remote.substr(0, colon), static_cast<unsigned>(port)};
}

}  // namespace

struct Searcher::Impl {
  Databases where;
  std::vector<std::pair<std::string, unsigned>> remotes;  // where.remotes, parsed once
  std::string path;                                       // where.label(), for messages
  Xapian::Database db;
  bool opened = false;
  Xapian::Stem stemmer{new CachedStem};  // snippets stem every word of every hit shown
  DateRangeProcessor dates;
  Xapian::SimpleStopper stopper{stop_words().begin(), stop_words().end()};
  Xapian::QueryParser parser;
  // Keys given to person:/place:/org: in the query being parsed, by type.
  std::array<std::vector<std::string>, 3> selected;
  EntityNames names;  // for one answer: an indexer may rename an entity between two
  std::array<EntityFieldProcessor, 3> entity_fields{EntityFieldProcessor(EntityType::person, db, selected[0], names),
                                                    EntityFieldProcessor(EntityType::place, db, selected[1], names),
                                                    EntityFieldProcessor(EntityType::org, db, selected[2], names)};

  void configure_parser() {
    parser = Xapian::QueryParser();
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(db);  // for wildcards
    parser.set_stopper(&stopper);
    parser.add_prefix("title", std::string(schema::kTitlePrefix));
    parser.add_boolean_prefix("id", std::string(schema::kIdPrefix));
    parser.add_boolean_prefix("year", std::string(schema::kYearPrefix));
    parser.add_rangeprocessor(&dates);
    // An empty grouping: person:A person:B means both, not either.
    const std::string each_one;
    for (auto& field : entity_fields) {
      parser.add_boolean_prefix(facet_name(field.type()), &field, &each_one);
    }
    parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }

  Results run(const SearchRequest& r);
  Xapian::Query filters_of(const SearchRequest& r);
  Hit hit_of(const Xapian::MSetIterator& it, const Xapian::MSet& mset, std::size_t snippet_bytes);
  // For a query of entity filters only: how the entities it names are
  // written (their names, the forms articles wrote, a person's surname),
  // which snippets are made around. Empty for a query with words.
  std::vector<std::string> mention_forms;
  std::vector<std::string> forms_of_selected() const;
  Xapian::Query prominence_of_selected() const;
  void count_facets(const Xapian::MSet& mset, std::size_t depth, FacetCounter& counter);
  void note_undated(const SearchRequest& r, const Xapian::Query& words, Results& out);
  void add_partial_matches(const SearchRequest& r, const Xapian::Query& some, const Xapian::Query& every,
                           std::size_t with_every_word, double floor, Results& out, FacetCounter& counter);
  EntityListing list_entities(EntityType type, const std::string& prefix, std::size_t limit);

  // Every database as one: Xapian interleaves their documents and combines
  // their statistics, so BM25 weights equal a single database's.
  Xapian::Database open_all() const {
    Xapian::Database all;
    for (const auto& p : where.paths) all.add_database(Xapian::Database(p));
    for (const auto& [host, port] : remotes) {
      all.add_database(Xapian::Remote::open(host, port, kRemoteTimeoutMs, kRemoteTimeoutMs));
    }
    return all;
  }

  // Runs `read` on the latest commit (a cheap check when nothing changed,
  // so a long batch sees what an indexer adds meanwhile). When an indexer's
  // commits overtake the read (Xapian keeps a revision only until the next
  // two commits), it starts again on the new latest commit: one answer never
  // mixes two revisions. Besides DatabaseModifiedError, a block of our
  // revision that the writer reused can look corrupt ("Expected block 17 to
  // be level 1, not 0") or lose a document ("Document 1 not found"), even
  // while opening, so every runtime error but a query's is retried. An
  // indexer committing every few articles can overtake a long read again
  // and again: the retries wait a little longer each time (1, 2, 4... up to
  // 100 ms) for its burst of commits to pass. The last error is rethrown.
  // After an error the database is opened afresh, so that nothing read
  // from the overtaken revision (a cached block) survives into the retry.
  // A read that threw nothing can still have been overtaken: Xapian checks
  // each block's revision as it reads it, but not a block the writer was
  // rewriting during the read (one 8 KiB block is two pages, read one
  // after the other), so garbage can pass as data. Hence a read of local
  // databases during which a commit landed is done again, on the new
  // commit, up to kRereads times; the last one is kept (a torn block that
  // reads as plausible data is rare; one that throws is retried above).
  template <typename Read>
  auto on_latest_commit(Read&& read) -> decltype(read()) {
    bool afresh = !opened;
    int rereads = 0;
    for (int attempt = 0;; ++attempt) {
      try {
        if (afresh) {
          db = open_all();
          configure_parser();  // the parser holds the database it expands wildcards from
          opened = true;
        } else {
          db.reopen();
        }
        auto answer = read();
        // reopen() is a look at each version file: a network round trip for a remote shard.
        if (!remotes.empty() || rereads == kRereads || !db.reopen()) return answer;
        ++rereads;
        continue;  // on the commit that landed, without waiting: it has just happened
      } catch (const Xapian::QueryParserError&) {
        throw;  // the query's fault, whatever the revision
      } catch (const Xapian::DatabaseOpeningError&) {
        throw;  // not a database at all
      } catch (const Xapian::RuntimeError&) {
        if (attempt >= kRetries) throw;
      }
      afresh = true;
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1 << attempt, 100)));
    }
  }

  // Xapian expands a wildcard to at most kMaxWildcardTerms words, the most
  // frequent; say so when a wildcard of the query matches more.
  std::vector<std::string> wildcard_notes(const std::string& query) const {
    std::vector<std::string> notes;
    for (const auto& w : wildcard_words(query)) {
      const std::string start =
          (w.field == "title" ? std::string(schema::kTitlePrefix) : std::string()) + Xapian::Unicode::tolower(w.start);
      Xapian::termcount words = 0;
      for (auto t = db.allterms_begin(start); t != db.allterms_end(start) && words <= kMaxWildcardTerms; ++t) ++words;
      if (words > kMaxWildcardTerms) {
        notes.push_back("wildcard '" + w.word + "' matches more than " + std::to_string(kMaxWildcardTerms) +
                        " words; only the " + std::to_string(kMaxWildcardTerms) + " most frequent were searched");
      }
    }
    return notes;
  }

  // Articles where the words of a plain query stand together, as a phrase,
  // rank above those where they are scattered: "world cup" prefers the
  // World Cup to a Laver Cup story that mentions the world. Stop words at
  // either end are left out of the phrase ("the public" has none; "Bank of
  // England" keeps its "of"). See with_phrase().
  Xapian::Query phrase_boost(const AnalyzedQuery& q, unsigned flags) {
    if (!q.plain || q.words.size() > 6) return {};
    std::size_t first = 0, last = q.words.size();
    const auto stop = [&](std::size_t i) { return is_stop_word(Xapian::Unicode::tolower(q.words[i])); };
    while (first < last && stop(first)) ++first;
    while (last > first && stop(last - 1)) --last;
    if (last - first < 2) return {};
    std::string phrase;
    for (std::size_t i = first; i < last; ++i) phrase += (phrase.empty() ? "" : " ") + q.words[i];
    return parser.parse_query("\"" + phrase + "\"", flags);
  }
};

std::string Databases::label() const {
  std::string label;
  for (const auto& p : paths) label += (label.empty() ? "" : " + ") + p;
  for (const auto& r : remotes) label += (label.empty() ? "" : " + ") + r;
  return label;
}

Searcher::Searcher(const std::string& path) : Searcher(Databases{{path}, {}}) {}

Searcher::Searcher(const Databases& databases) : impl_(std::make_unique<Impl>()) {
  impl_->where = databases;
  impl_->path = databases.label();
  const std::string& path = impl_->path;
  if (databases.paths.empty() && databases.remotes.empty()) throw UsageError("no database given: use --db or --remote");
  for (const auto& p : databases.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      throw DatabaseError(p + ": no such database; create it with newsdex-index --db " + p + " PATH...");
    }
  }
  // A bad address is a usage error before any connection.
  for (const auto& r : databases.remotes) impl_->remotes.push_back(host_and_port(r));
  // Another layout would answer wrongly rather than fail: refuse it. Even
  // opening can meet an indexer's commits, so it is retried too.
  std::string version;
  Xapian::doccount documents = 0;
  try {
    impl_->on_latest_commit([&] {
      version = impl_->db.get_metadata(std::string(schema::kVersionKey));
      documents = impl_->db.get_doccount();
      return 0;
    });
  } catch (const Xapian::DatabaseModifiedError&) {
    throw DatabaseError(path + ": the database keeps changing while it is opened; retry");
  } catch (const Xapian::NetworkError& e) {
    throw DatabaseError(path + ": cannot reach a remote database (" + e.get_description() +
                        "); is xapian-tcpsrv running there?");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path + ": not a readable Xapian database (" + e.get_description() +
                        "); check the --db path, which newsdex-index created");
  }
  if (version.empty() && documents > 0) {
    throw DatabaseError(path + ": a Xapian database, but not one newsdex-index built");
  }
  if (!version.empty() && version != schema::kVersion) {
    const int from = std::atoi(version.c_str());
    const bool older = from >= schema::kOldestRebuildable && from < std::atoi(std::string(schema::kVersion).c_str());
    throw DatabaseError(
        path + ": built with newsdex schema " + version + ", this is schema " + std::string(schema::kVersion) +
        (older ? "; bring it up to date with: newsdex-index --db " +
                     (databases.paths.empty() ? std::string("DB") : databases.paths.front()) + " --rebuild"
               : "; index the archive again"));
  }
}

Searcher::~Searcher() = default;

EntityListing Searcher::entities(EntityType type, const std::string& prefix, std::size_t limit) {
  try {
    return impl_->on_latest_commit([&] { return impl_->list_entities(type, prefix, limit); });
  } catch (const Xapian::DatabaseModifiedError&) {
    throw DatabaseError(impl_->path + ": the database keeps changing under the query; retry");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->path + ": cannot list entities (" + e.get_description() + ")");
  }
}

std::uint64_t Searcher::document_count() const {
  return impl_->db.get_doccount();
}

Results Searcher::search(SearchRequest request) {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::string> notes = normalize(request);
  try {
    Results results = impl_->on_latest_commit([&] { return impl_->run(request); });
    results.query = request.written;  // as the user wrote it; the notes say what was read
    results.notes.insert(results.notes.begin(), notes.begin(), notes.end());
    results.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return results;
  } catch (const Xapian::QueryParserError& e) {
    throw query_error(request.query, e.get_msg() + " (check the query's syntax)");
  } catch (const Xapian::DatabaseModifiedError&) {
    throw DatabaseError(impl_->path + ": the database keeps changing under the query; retry");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->path + ": search failed (" + e.get_description() + ")");
  }
}

EntityListing Searcher::Impl::list_entities(EntityType type, const std::string& prefix, std::size_t limit) {
  EntityListing out;
  out.type = facet_name(type);
  out.prefix = prefix;
  const std::string want = entity_key(prefix);
  const std::string term_prefix(schema::entity_prefix(type));
  std::unordered_map<std::string, std::size_t> counts;  // key -> articles
  // Names that start with the prefix: the entity terms themselves...
  for (auto t = db.allterms_begin(term_prefix + want); t != db.allterms_end(term_prefix + want); ++t) {
    counts.emplace((*t).substr(term_prefix.size()), t.get_termfreq());
  }
  // ...and names with a word (of any of their forms) that does.
  if (!want.empty()) {
    const std::string first_word = want.substr(0, want.find(' '));
    const std::string words = std::string(schema::kEntityWordKeyPrefix) + facet_name(type) + ":" + first_word;
    std::vector<std::string> found;
    for (auto k = db.metadata_keys_begin(words); k != db.metadata_keys_end(words); ++k) {
      const std::string& mk = *k;
      const auto tab = mk.find('\t');
      if (tab != std::string::npos) found.push_back(mk.substr(tab + 1));
    }
    for (const auto& key : found) {
      if (counts.count(key) > 0) continue;
      // The whole prefix at a word's start in one of its forms: "tony bl".
      const auto record = schema::decode_entity_record(db.get_metadata(schema::entity_record_key(type, key)));
      bool match = (" " + entity_key(record.name)).find(" " + want) != std::string::npos;
      for (const auto& [form, n] : record.forms) {
        const std::string k = " " + entity_key(form);
        match |= k.find(" " + want) != std::string::npos;
      }
      if (match) counts.emplace(key, db.get_termfreq(schema::entity_term(type, key)));
    }
  }
  std::vector<std::pair<std::string, std::size_t>> all;
  for (auto& [key, n] : counts) {
    if (n > 0) all.emplace_back(key, n);
  }
  out.total = all.size();
  const auto before = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const std::size_t n = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), before);
  for (std::size_t i = 0; i < n; ++i) {
    const auto record = schema::decode_entity_record(db.get_metadata(schema::entity_record_key(type, all[i].first)));
    EntityListing::Entry e;
    e.name = record.name.empty() ? all[i].first : record.name;
    e.count = all[i].second;
    for (const auto& [form, count] : record.forms) {
      if (form != e.name && std::find(e.aliases.begin(), e.aliases.end(), form) == e.aliases.end()) {
        e.aliases.push_back(form);
      }
    }
    out.entities.push_back(std::move(e));
  }
  return out;
}

// The filters of a request: its entities (--person, --place, --org) and
// dates (--since, --until). Every one must hold; they select, never rank.
Xapian::Query Searcher::Impl::filters_of(const SearchRequest& r) {
  std::vector<Xapian::Query> all;
  for (const Entity& f : r.filters) {
    const std::string key = filter_key(db, f.type, f.name);
    selected[static_cast<std::size_t>(f.type)].push_back(key);
    names.note_as_written(f.type, key, f.name);
    all.emplace_back(schema::entity_term(f.type, key));
  }
  if (!r.since.empty() && !r.until.empty()) {
    all.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, r.since, r.until);
  } else if (!r.since.empty()) {
    all.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, r.since);
  } else if (!r.until.empty()) {
    all.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, r.until);
  }
  return all.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

namespace {

Xapian::Query filtered(Xapian::Query query, const Xapian::Query& filter) {
  if (filter.empty()) return query;
  if (query.empty()) query = Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

// Whether a query has words of the text (plain, stemmed "Z" or title "S"
// terms), not only filters.
bool has_text_terms(const Xapian::Query& query) {
  for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.empty()) continue;
    const bool prefixed = term[0] >= 'A' && term[0] <= 'Z';
    if (!prefixed || term[0] == schema::kStemPrefix[0] || term[0] == schema::kTitlePrefix[0]) return true;
  }
  return false;
}

Xapian::Query boosted(const Xapian::Query& query, const Xapian::Query& extra) {
  if (extra.empty() || query.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, extra);
}

// The words with their phrase's weight added where it matches. OR-ed:
// an article with the phrase has every word of it, so the matches stay the
// same, and Xapian then walks the phrase's own (short) candidates, where
// OP_AND_MAYBE checks the phrase at every match: "is publications" took
// 60 ms instead of 4 (Reuters x10, 12,000 matches).
Xapian::Query with_phrase(const Xapian::Query& words, const Xapian::Query& phrase) {
  if (phrase.empty() || words.empty()) return words;
  return Xapian::Query(Xapian::Query::OP_OR, words, phrase);
}

// BM25 with k1 = 1.2 and b = 0.75 (Lucene's and Elasticsearch's, the usual
// choice for news since TREC) instead of Xapian's 1 and 0.5. On CACM,
// nDCG@10 runs 0.498 (Xapian's) -> 0.510; k1 = 2 would give 0.525 there,
// but long technical abstracts are not news (bench/relevance.py).
void weigh(Xapian::Enquire& enquire) {
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
}

void sort_as_asked(Xapian::Enquire& enquire, SortOrder sort) {
  weigh(enquire);
  if (sort != SortOrder::relevance) {
    enquire.set_sort_by_value_then_relevance(schema::kDateSlot, sort == SortOrder::newest_first);
  }
}

}  // namespace

Hit Searcher::Impl::hit_of(const Xapian::MSetIterator& it, const Xapian::MSet& mset, std::size_t snippet_bytes) {
  const Xapian::Document doc = it.get_document();
  const Article a = schema::decode_document_data(doc.get_data());
  Hit hit;
  hit.id = a.id;
  hit.title = a.title;
  hit.date = a.date;
  hit.source = a.source;
  hit.url = a.url;
  hit.path = a.path;
  hit.score = it.get_weight();
  const std::string& text = a.body.empty() ? a.title : a.body;
  // A query of entity filters only: around the entity's first mention.
  // Else Xapian's, around the query's words.
  const auto snippet_of = [&](const std::string& t, std::size_t bytes) {
    if (!mention_forms.empty()) return mention_snippet(t, mention_forms, bytes);
    return split_highlights(mset.snippet(protect_possessives(t), bytes, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                         std::string(kHighlightStart), std::string(kHighlightEnd), "\u2026"));
  };
  if (snippet_bytes > 0) {
    auto plain = snippet_of(text, snippet_bytes);
    hit.snippet = std::move(plain.text);
    hit.highlights = std::move(plain.highlights);
  }
  if (!a.title.empty()) {
    auto title = snippet_of(a.title, a.title.size() + 1);
    if (title.text == a.title) hit.title_highlights = std::move(title.highlights);  // white space kept as it was
  }
  for (auto [type, shown] : {std::pair{EntityType::person, &hit.persons}, std::pair{EntityType::place, &hit.places},
                             std::pair{EntityType::org, &hit.orgs}}) {
    const std::string list = doc.get_value(schema::entity_slot(type));
    for (const auto key : schema::decode_entity_list(list)) shown->push_back(names.name(db, type, std::string(key)));
  }
  return hit;
}

std::vector<std::string> Searcher::Impl::forms_of_selected() const {
  std::vector<std::string> forms;
  const auto add = [&](std::string form) {
    if (!form.empty() && std::find(forms.begin(), forms.end(), form) == forms.end()) forms.push_back(std::move(form));
  };
  for (const EntityType type : kEntityTypes) {
    for (const auto& key : selected[static_cast<std::size_t>(type)]) {
      const auto record = schema::decode_entity_record(db.get_metadata(schema::entity_record_key(type, key)));
      add(record.name);
      for (const auto& [form, n] : record.forms) add(form);
      // "Mr Blair", "Blair said": a person is named by the surname too.
      if (type == EntityType::person && record.name.find(' ') != std::string::npos) {
        add(record.name.substr(record.name.rfind(' ') + 1));
      }
    }
  }
  return forms;
}

Xapian::Query Searcher::Impl::prominence_of_selected() const {
  std::vector<Xapian::Query> terms;
  for (const EntityType type : kEntityTypes) {
    for (const auto& key : selected[static_cast<std::size_t>(type)]) terms.emplace_back(schema::entity_term(type, key));
  }
  return terms.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Matches without a date are left out by --since/--until and sorted to one
// end by --sort date: a note says how many, when the archive has any.
void Searcher::Impl::note_undated(const SearchRequest& r, const Xapian::Query& words, Results& out) {
  const bool date_filter = !r.since.empty() || !r.until.empty();
  if (!date_filter && r.sort == SortOrder::relevance) return;
  if (db.get_value_freq(schema::kDateSlot) >= db.get_doccount()) return;  // every article is dated
  SearchRequest undated = r;
  undated.since.clear();
  undated.until.clear();
  const auto chosen = selected;  // filters_of() notes the filters' entities: already done
  const Xapian::Query filter = filters_of(undated);
  selected = chosen;
  Xapian::Query q = words.empty() ? Xapian::Query::MatchAll : words;
  if (!filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  // The articles with any date ("YYYYMMDD" >= "0"; Xapian reads >= "" as every article).
  q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, "0"));
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::doccount n = enquire.get_mset(0, 0, db.get_doccount()).get_matches_lower_bound();
  if (n == 0) return;
  const std::string count = std::to_string(n) + (n == 1 ? " matching article has" : " matching articles have");
  if (date_filter) {
    out.notes.push_back(count + " no date and " + (n == 1 ? "is" : "are") + " left out by --since/--until");
  } else if (n >= out.total.upper) {
    out.notes.push_back("no match has a date: --sort date leaves them in the index's order");
  } else {
    out.notes.push_back(count + " no date; " + (n == 1 ? "it comes " : "they come ") +
                        (r.sort == SortOrder::newest_first ? "last" : "first") + " in date order");
  }
}

// Facets over the first `depth` matches of an MSet.
void Searcher::Impl::count_facets(const Xapian::MSet& mset, std::size_t depth, FacetCounter& counter) {
  // In docid order, each slot's value stream walked forward (as EntitySpy does).
  std::vector<Xapian::docid> ids;
  for (auto it = mset.begin(); it != mset.end() && ids.size() < depth; ++it) ids.push_back(*it);
  std::sort(ids.begin(), ids.end());
  for (const EntityType type : kEntityTypes) {
    Xapian::ValueIterator v = db.valuestream_begin(schema::entity_slot(type));
    const Xapian::ValueIterator end;
    for (const Xapian::docid id : ids) {
      if (v == end) break;
      v.skip_to(id);
      if (v != end && v.get_docid() == id) counter.add(type, *v);
    }
  }
}

// The default's second step, when fewer articles than a page have every
// word: the best articles with some of the words (BM25 over any word)
// follow them. Their scores are scaled below `floor`, the score of the
// last article with every word, so that scores fall with the rank (as
// tools that sort by score expect) on every page alike. Facets go on
// counting the articles with every word; when there are none, they count
// the best kPartialFacetDepth partial matches.
void Searcher::Impl::add_partial_matches(const SearchRequest& r, const Xapian::Query& some, const Xapian::Query& every,
                                         std::size_t with_every_word, double floor, Results& out,
                                         FacetCounter& counter) {
  const Xapian::Query query(Xapian::Query::OP_AND_NOT, some, every);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  sort_as_asked(enquire, r.sort);
  const std::size_t page_end = r.offset + r.limit;
  const std::size_t first = r.offset > with_every_word ? r.offset - with_every_word : 0;
  const std::size_t wanted = page_end - std::max(r.offset, with_every_word);
  const bool counting =
      with_every_word == 0 && std::any_of(r.facets.begin(), r.facets.end(), [](auto k) { return k > 0; });
  const std::size_t fetched = counting ? std::max(first + wanted, kPartialFacetDepth) : first + wanted;
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(fetched));
  if (mset.empty()) return;  // none with some of the words either (a filter, a date range)
  out.partial_matches = mset.get_matches_estimated();
  if (counting) count_facets(mset, kPartialFacetDepth, counter);
  std::size_t i = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
    if (i < first || i >= first + wanted) continue;
    Hit hit = hit_of(it, mset, r.snippet_bytes);
    hit.rank = out.offset + out.hits.size() + 1;
    hit.partial = true;
    if (with_every_word > 0 && mset.get_max_possible() > 0) hit.score *= floor / mset.get_max_possible();
    out.hits.push_back(std::move(hit));
  }
  const std::string about = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() ? "" : "about ";
  if (with_every_word > 0) {
    out.notes.push_back(std::to_string(with_every_word) + (with_every_word == 1 ? " article has" : " articles have") +
                        " every word; the best of " + about + std::to_string(mset.get_matches_estimated()) +
                        " with some of the words follow (--all: only those with every word); facets count those "
                        "with every word");
  } else {
    out.notes.push_back(
        "no article has every word; these are the best of " + about + std::to_string(mset.get_matches_estimated()) +
        " articles with some of them (--any: ranked the same, facets over them all)" +
        (!counting                           ? ""
         : mset.size() <= kPartialFacetDepth ? "; facets count them"
                                             : "; facets count the best " + std::to_string(kPartialFacetDepth)));
  }
}

Results Searcher::Impl::run(const SearchRequest& r) {
  names.clear();
  constexpr unsigned kFlags =
      Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;
  const auto default_op = r.match == MatchMode::any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
  ArchiveEvidence evidence(db, stemmer);
  const AnalyzedQuery analyzed = analyze_query(without_stray_dots(r.query), evidence);  // "canyon..." is no range
  const unsigned flags = kFlags;
  const Xapian::Query phrase = phrase_boost(analyzed, kFlags);
  Xapian::Query some_words;
  if (r.match == MatchMode::best) {
    parser.set_default_op(Xapian::Query::OP_OR);
    some_words = parser.parse_query(analyzed.text, kFlags);
  }
  parser.set_default_op(default_op);
  for (auto& s : selected) s.clear();
  // "*" alone: every article (Xapian's parser reads it as nothing).
  const Xapian::Query words =
      trimmed(analyzed.text) == "*" ? Xapian::Query::MatchAll : parser.parse_query(analyzed.text, flags);
  // Only a query whose words are joined by the default operator has
  // partial matches to add ("a OR b", "a AND b" and one word have none).
  const bool partial_possible = !some_words.empty() && some_words.get_description() != words.get_description();
  const Xapian::Query filter = filters_of(r);
  // Articles that name a filter's entity rank by its prominence in them
  // (its term's wdf: mentions, headline, opening; see schema.hpp), beside
  // the words' BM25 or alone.
  const Xapian::Query prominence = prominence_of_selected();
  const Xapian::Query query = boosted(filtered(with_phrase(words, phrase), filter), prominence);
  mention_forms = has_text_terms(words) ? std::vector<std::string>() : forms_of_selected();

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  sort_as_asked(enquire, r.sort);
  // Facets: exact counts need every match looked at, so check_at_least
  // is the whole collection. On local databases, EntitySpy counts each
  // name as the matcher meets the match. Xapian's own ValueCountMatchSpy,
  // which xapian-tcpsrv can run, counts each distinct list of names of a
  // type ("Gaza\nWest Bank": 12), nearly one per article, in a std::map: it
  // took three quarters of an --any query's time (Reuters x10), and serves
  // only where remotes are searched; a name's count is then the sum over
  // the lists that hold it, merged across shards by Xapian. A type that no
  // article names (indexed with --no-entities) or whose facet is off is
  // skipped.
  FacetCounter counter;
  std::array<bool, 3> types{};
  for (const EntityType type : kEntityTypes) {
    const auto t = static_cast<std::size_t>(type);
    types[t] = r.facets[t] > 0 && db.get_value_freq(schema::entity_slot(type)) > 0;
  }
  const bool counting = std::any_of(types.begin(), types.end(), [](bool b) { return b; });
  std::array<std::unique_ptr<Xapian::ValueCountMatchSpy>, 3> spies;
  EntitySpy local_spy(db, types, counter);
  for (const EntityType type : kEntityTypes) {
    const auto t = static_cast<std::size_t>(type);
    if (types[t] && !where.remotes.empty())
      spies[t] = std::make_unique<Xapian::ValueCountMatchSpy>(schema::entity_slot(type));
  }
  // Xapian 1.4 counts some matches twice when two or more remote shards
  // are sorted by value (found by scale_test): there, the facets are
  // counted by a second pass in relevance order, which counts right.
  const bool separate_pass = counting && !where.remotes.empty() && where.remotes.size() + where.paths.size() > 1 &&
                             r.sort != SortOrder::relevance;
  Xapian::Enquire counter_pass(db);
  Xapian::Enquire& counted = separate_pass ? counter_pass : enquire;
  counted.set_query(query);
  for (const auto& spy : spies) {
    if (spy) counted.add_matchspy(spy.get());
  }
  if (counting && where.remotes.empty()) counted.add_matchspy(&local_spy);
  const auto offset = static_cast<Xapian::doccount>(r.offset);
  const auto limit = static_cast<Xapian::doccount>(r.limit);
  const Xapian::doccount check_at_least =
      counting ? db.get_doccount() : std::max(kCheckAtLeast, static_cast<Xapian::doccount>(offset + limit));
  if (separate_pass) counter_pass.get_mset(0, 0, db.get_doccount());
  const Xapian::MSet mset = enquire.get_mset(offset, limit, check_at_least);

  Results out;
  out.query = r.query;
  out.offset = r.offset;
  out.limit = r.limit;
  out.total.estimate = mset.get_matches_estimated();
  out.total.lower = mset.get_matches_lower_bound();
  out.total.upper = mset.get_matches_upper_bound();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit = hit_of(it, mset, r.snippet_bytes);
    hit.rank = static_cast<std::size_t>(it.get_rank()) + 1;  // get_rank() counts from 0, offset included
    out.hits.push_back(std::move(hit));
  }
  for (const EntityType type : kEntityTypes) {
    const auto t = static_cast<std::size_t>(type);
    if (spies[t] == nullptr) continue;
    for (auto v = spies[t]->values_begin(); v != spies[t]->values_end(); ++v) counter.add(type, *v, v.get_termfreq());
  }
  out.notes = wildcard_notes(r.query);
  const std::size_t with_every = out.total.upper;  // before partial matches are added
  note_undated(r, words, out);
  // Fewer articles with every word than the page holds (counted exactly,
  // as check_at_least covers the page): the best partial matches follow.
  if (partial_possible && out.total.upper == out.total.lower && out.total.upper < r.offset + r.limit) {
    const std::size_t every = out.total.upper;
    double floor = 0;  // the score of the last article with every word
    if (every > 0 && every > r.offset) {
      floor = out.hits.back().score;
    } else if (every > 0) {
      Xapian::Enquire again(db);  // not `enquire`: its match spies would count twice
      again.set_query(query);
      sort_as_asked(again, r.sort);
      const Xapian::MSet last = again.get_mset(static_cast<Xapian::doccount>(every - 1), 1);
      if (!last.empty()) floor = last.begin().get_weight();
    }
    // No phrase boost: a partial match has not every word, let alone the phrase.
    add_partial_matches(r, boosted(filtered(some_words, filter), prominence), words, every, floor, out, counter);
  }
  for (const EntityType type : kEntityTypes) {
    const std::size_t k = r.facets[static_cast<std::size_t>(type)];
    if (k == 0) continue;
    Facet facet = counter.top(type, k, selected[static_cast<std::size_t>(type)]);
    for (auto& v : facet.values) v.value = names.name(db, type, v.value);
    out.facets.push_back(std::move(facet));
  }
  // Did you mean: for a query with a word the archive lacks, or that no
  // article matches with every word.
  ArchiveSpelling spelling(db, stemmer, evidence);
  if (std::string s = suggest_query(r.query, spelling, with_every == 0); !s.empty()) out.suggestion = std::move(s);
  return out;
}

}  // namespace newsdex
