#include "index/entity_ledger.hpp"

#include <algorithm>

#include "entities/keys.hpp"
#include "index/document_builder.hpp"
#include "schema/schema.hpp"

namespace newsdex {
namespace {

// Unsettled markers: "k:" + a name key, "s:" + type ":" + a short form's key.
std::string unsettled_name(std::string_view key) {
  return std::string(schema::kUnsettledKeyPrefix) + "k:" + std::string(key);
}
std::string unsettled_form(const ShortForm& f) {
  return std::string(schema::kUnsettledKeyPrefix) + "s:" + facet_name(f.type) + ":" + f.key;
}

}  // namespace

struct EntityLedger::Impl : Evidence {
  Read read;
  List list;
  NameTablesForResolution tables;
  std::mutex m;  // everything below

  struct Name {
    NameStats stats;
    bool stats_dirty = false;
    bool touched = false;           // its evidence changed in this run: settle() decides its policy again
    std::optional<Policy> current;  // as the evidence stands now
    bool stored_loaded = false;
    std::optional<Policy> stored;  // what the database's articles were resolved with
    std::vector<Policy> used;      // what this run resolved articles with
    bool depends = false;          // registered with the short form it may stand for
  };
  std::unordered_map<std::string, Name> names;

  struct Form {
    Candidates candidates;
    bool dirty = false;
  };
  std::map<std::pair<EntityType, std::string>, Form> forms;    // by short form
  std::set<std::pair<EntityType, std::string>> touched_forms;  // the full name they stand for changed
  std::map<std::pair<EntityType, std::string>, std::vector<std::string>> dependents;  // form -> names

  // Names that an ambiguous alias of the knowledge may stand for -> the alias.
  std::unordered_map<std::string, std::vector<std::string>> ambiguous;

  struct Shown {
    std::map<std::string, std::int64_t> forms;  // how articles wrote it
    std::string fallback;                       // an alias table's canonical name
    bool loaded = false, dirty = false;
  };
  std::map<ResolvedEntity, Shown> shown;

  std::set<std::string> pending_markers;  // unsettled markers to write at the next flush
  std::set<std::string> markers;          // written or found: deleted by settle()
  std::vector<std::string> changed_user_keys;
  std::string user_table;  // to record once settled

  // --- Evidence --------------------------------------------------------

  Name& name(const std::string& key) {
    auto it = names.find(key);
    if (it != names.end()) return it->second;
    Name n;
    n.stats = NameStats::decode(read(schema::stats_key(key)));
    return names.emplace(key, std::move(n)).first->second;
  }

  const std::optional<Policy>& stored(const std::string& key, Name& n) {
    if (!n.stored_loaded) {
      const std::string text = read(schema::policy_key(key));
      if (!text.empty()) n.stored = Policy::decode(text);
      n.stored_loaded = true;
    }
    return n.stored;
  }

  Form& form(const ShortForm& f) {
    const auto k = std::make_pair(f.type, f.key);
    auto it = forms.find(k);
    if (it == forms.end()) {
      it = forms.emplace(k, Form{Candidates::decode(read(schema::short_form_key(f.type, f.key))), false}).first;
    }
    return it->second;
  }

  const Candidates& candidates(const ShortForm& f) override { return form(f).candidates; }
  const NameStats& stats(const std::string& key) override { return name(key).stats; }

  const Policy& policy(const std::string& key) {
    Name& n = name(key);
    if (!n.current) {
      n.current = decide(key, n.stats, tables, *this);
      if (!n.depends) {
        const std::string written = n.stats.best_form().empty() ? key : n.stats.best_form();
        if (const auto f = short_form_of_partial(written)) dependents[{f->type, f->key}].push_back(key);
        n.depends = true;
      }
    }
    return *n.current;
  }

  // The name's evidence changed: its policy, and those that lean on it.
  void changed(const std::string& key, Name& n) {
    n.current.reset();
    n.touched = true;
    n.stats_dirty = true;
    pending_markers.insert(unsettled_name(key));
    if (const auto it = ambiguous.find(key); it != ambiguous.end()) {
      for (const auto& alias : it->second) {
        Name& a = name(alias);
        a.current.reset();
        a.touched = true;
        pending_markers.insert(unsettled_name(alias));
      }
    }
  }

  // --- Counting --------------------------------------------------------

  void count_full_name(const NamedEntity& e, std::int64_t delta) {
    const auto type = entity_type(e.type);
    if (!type) return;
    const auto f = short_form_of_full(*type, e.name);
    if (!f) return;
    Form& fm = form(*f);
    const auto before = fm.candidates.dominant();
    fm.candidates.add(e.name, delta);
    fm.dirty = true;
    if (fm.candidates.dominant() != before) {
      touched_forms.insert({f->type, f->key});
      pending_markers.insert(unsettled_form(*f));
      if (const auto d = dependents.find({f->type, f->key}); d != dependents.end()) {
        for (const auto& key : d->second) name(key).current.reset();
      }
    }
  }

  Shown& shown_of(const ResolvedEntity& r) {
    Shown& s = shown[r];
    if (!s.loaded) {
      const auto record = schema::decode_entity_record(read(schema::entity_record_key(r.type, r.key)));
      for (const auto& [f, n] : record.forms) s.forms[f] += n;
      s.loaded = true;
    }
    return s;
  }

  void show(const ArticleEntity& a, std::int64_t delta, const Policy* p) {
    if (!a.resolved) return;
    Shown& s = shown_of(*a.resolved);
    const std::int64_t n = (s.forms[a.named.name] += delta);
    if (n <= 0) s.forms.erase(a.named.name);
    if (p != nullptr && s.fallback.empty()) {
      if (!a.named.hint.empty() && !p->user) {
        s.fallback = a.named.hint;
      } else if (p->target) {
        s.fallback = p->target->name;
      }
    }
    s.dirty = true;
  }

  void uncount(const ArticleEntity& a) {
    const std::string key = entity_key(a.named.name);
    if (key.empty()) return;
    Name& n = name(key);
    n.stats.add(a.named, -1);
    changed(key, n);
    count_full_name(a.named, -1);
    show(a, -1, nullptr);
  }

  ArticleEntity resolve_now(const NamedEntity& e) {
    const std::string key = entity_key(e.name);
    if (key.empty()) return {e, std::nullopt};
    const Policy& p = policy(key);
    Name& n = name(key);
    if (std::find(n.used.begin(), n.used.end(), p) == n.used.end()) n.used.push_back(p);
    ArticleEntity a{e, resolve(e, key, p, tables.user)};
    show(a, +1, &p);
    return a;
  }

  // --- Writing ---------------------------------------------------------

  // The name to show for an entity: the commonest way articles write it
  // (among the forms that are its own name, not an alias), else the name an
  // alias table gives it.
  std::string display(const ResolvedEntity& r, const Shown& s) {
    const std::pair<const std::string, std::int64_t>* best = nullptr;
    const std::pair<const std::string, std::int64_t>* any = nullptr;
    for (const auto& f : s.forms) {
      if (any == nullptr || f.second > any->second) any = &f;
      if (canonical_key(r.type, entity_key(f.first)) != r.key) continue;
      if (best == nullptr || f.second > best->second) best = &f;
    }
    if (best != nullptr) return best->first;
    if (!s.fallback.empty()) return s.fallback;
    if (const std::string text = read(schema::entity_record_key(r.type, r.key)); !text.empty()) {
      if (auto old = schema::decode_entity_record(text).name; !old.empty()) return old;
    }
    return any != nullptr ? any->first : r.key;
  }

  void write_shown(Xapian::WritableDatabase& db) {
    for (auto& [r, s] : shown) {
      if (!s.dirty) continue;
      s.dirty = false;
      const std::string record_key = schema::entity_record_key(r.type, r.key);
      if (s.forms.empty()) {
        db.set_metadata(record_key, "");
        continue;
      }
      schema::EntityRecord record;
      record.name = display(r, s);
      record.forms.assign(s.forms.begin(), s.forms.end());
      std::stable_sort(record.forms.begin(), record.forms.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      db.set_metadata(record_key, schema::encode_entity_record(record));
      // Every word of every form, for prefix lookups ("bla" -> Tony Blair).
      std::set<std::string> words;
      std::vector<std::string> named{record.name};
      for (const auto& [f, n] : record.forms) named.push_back(f);
      for (const auto& f : named) {
        const std::string k = entity_key(f);
        for (std::size_t start = 0; start < k.size();) {
          const std::size_t end = std::min(k.find(' ', start), k.size());
          words.emplace(std::string_view(k).substr(start, end - start));
          start = end + 1;
        }
      }
      for (const auto& w : words) {
        const std::string word_key =
            std::string(schema::kEntityWordKeyPrefix) + facet_name(r.type) + ":" + w + '\t' + r.key;
        if (word_key.size() < 240) db.set_metadata(word_key, "1");
      }
    }
    // Bounded memory on archives of millions of articles: read again as needed.
    if (shown.size() > 200000) shown.clear();
  }

  void write_evidence(Xapian::WritableDatabase& db) {
    for (auto& [key, n] : names) {
      if (!n.stats_dirty) continue;
      n.stats_dirty = false;
      db.set_metadata(schema::stats_key(key), n.stats.total() > 0 ? n.stats.encode() : std::string());
    }
    for (auto& [k, f] : forms) {
      if (!f.dirty) continue;
      f.dirty = false;
      db.set_metadata(schema::short_form_key(k.first, k.second), f.candidates.encode());
    }
    for (const auto& marker : pending_markers) {
      if (markers.insert(marker).second) db.set_metadata(marker, "1");
    }
    pending_markers.clear();
    write_shown(db);
  }
};

EntityLedger::EntityLedger(Read read, List list, const AliasTable* knowledge, const AliasTable* user)
    : impl_(std::make_unique<Impl>()) {
  auto& impl = *impl_;
  impl.read = std::move(read);
  impl.list = std::move(list);
  impl.tables.knowledge = knowledge;
  impl.tables.user = user;
  if (knowledge != nullptr) {
    for (const auto& [alias, targets] : knowledge->entries()) {
      if (targets.size() < 2) continue;
      for (const auto& t : targets) impl.ambiguous[entity_key(t.canonical)].push_back(alias);
    }
  }
  // What a stopped run left to settle.
  for (const auto& marker : impl.list(std::string(schema::kUnsettledKeyPrefix))) {
    impl.markers.insert(marker);
    const std::string_view rest = std::string_view(marker).substr(schema::kUnsettledKeyPrefix.size());
    if (rest.substr(0, 2) == "k:") {
      impl.name(std::string(rest.substr(2))).touched = true;
    } else if (rest.substr(0, 2) == "s:") {
      const auto colon = rest.find(':', 2);
      if (colon == std::string_view::npos) continue;
      if (const auto type = parse_facet_name(rest.substr(2, colon - 2))) {
        impl.touched_forms.insert({*type, std::string(rest.substr(colon + 1))});
      }
    }
  }
  // The names a changed --aliases file re-resolves.
  if (user != nullptr) {
    const std::string before = impl.read(std::string(schema::kUserAliasesKey));
    impl.user_table = user->encode();
    if (before != impl.user_table) {
      const AliasTable old = AliasTable::parse(before, "the database's recorded aliases");
      for (const auto& key : AliasTable::changed_keys(old, *user)) {
        impl.name(key).touched = true;
        impl.pending_markers.insert(unsettled_name(key));
      }
    }
  }
}

EntityLedger::~EntityLedger() = default;

std::vector<ArticleEntity> EntityLedger::add(const std::vector<NamedEntity>& entities,
                                             const std::vector<ArticleEntity>& replaced) {
  auto& impl = *impl_;
  const std::lock_guard lock(impl.m);
  for (const auto& a : replaced) impl.uncount(a);
  for (const auto& e : entities) {
    const std::string key = entity_key(e.name);
    if (key.empty()) continue;
    auto& n = impl.name(key);
    n.stats.add(e, +1);
    impl.changed(key, n);
    impl.count_full_name(e, +1);
  }
  std::vector<ArticleEntity> out;
  out.reserve(entities.size());
  for (const auto& e : entities) out.push_back(impl.resolve_now(e));
  return out;
}

void EntityLedger::remove(const std::vector<ArticleEntity>& named) {
  auto& impl = *impl_;
  const std::lock_guard lock(impl.m);
  for (const auto& a : named) impl.uncount(a);
}

void EntityLedger::flush(Xapian::WritableDatabase& catalog) {
  auto& impl = *impl_;
  const std::lock_guard lock(impl.m);
  impl.write_evidence(catalog);
}

std::size_t EntityLedger::settle(const std::vector<Xapian::WritableDatabase*>& shards,
                                 Xapian::WritableDatabase& catalog) {
  auto& impl = *impl_;
  const std::lock_guard lock(impl.m);
  // The terms whose articles to look at again: a name whose policy is not
  // the one every article naming it was resolved with; a short form whose
  // full name changed.
  std::set<std::string> terms;
  std::set<std::string> decided;  // names whose policy is now final
  const auto check = [&](const std::string& key) {
    if (!decided.insert(key).second) return;
    Impl::Name& n = impl.name(key);
    const Policy p = impl.policy(key);
    const auto& stored = impl.stored(key, n);
    const bool all_used = std::all_of(n.used.begin(), n.used.end(), [&](const Policy& u) { return u == p; });
    if ((stored && *stored != p) || !all_used || (!stored && n.used.empty())) terms.insert(schema::name_term(key));
    if (!stored || *stored != p) {
      catalog.set_metadata(schema::policy_key(key), n.stats.total() > 0 ? p.encode() : std::string());
      n.stored = p;
    }
    n.used.assign(1, p);
  };
  std::vector<std::string> touched;
  for (const auto& [key, n] : impl.names) {
    if (n.touched) touched.push_back(key);
  }
  for (const auto& key : touched) check(key);
  for (const auto& [type, key] : impl.touched_forms) terms.insert(schema::short_form_term(type, key));

  std::size_t rewritten = 0;
  std::set<std::pair<std::size_t, Xapian::docid>> done;
  while (!terms.empty()) {
    const std::string term = *terms.begin();
    terms.erase(terms.begin());
    for (std::size_t s = 0; s < shards.size(); ++s) {
      Xapian::WritableDatabase& db = *shards[s];
      std::vector<Xapian::docid> ids;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if (done.emplace(s, *it).second) ids.push_back(*it);
      }
      for (const Xapian::docid id : ids) {
        Xapian::Document doc = db.get_document(id);
        auto entities = decode_article_entities(doc.get_value(schema::kNamedSlot));
        bool any = false;
        for (auto& a : entities) {
          const std::string key = entity_key(a.named.name);
          if (key.empty()) continue;
          // A name first met here: if its policy moved, all its articles move
          // (this one is resolved with the final policies already).
          check(key);
          const Policy& p = impl.policy(key);
          auto now = resolve(a.named, key, p, impl.tables.user);
          if (now == a.resolved) continue;
          impl.show(a, -1, nullptr);
          a.resolved = std::move(now);
          impl.show(a, +1, &p);
          any = true;
        }
        if (!any) continue;
        DocumentBuilder::set_entities(doc, entities);
        db.replace_document(id, doc);
        ++rewritten;
      }
    }
  }
  for (auto& [key, n] : impl.names) n.touched = false;
  impl.touched_forms.clear();
  impl.write_evidence(catalog);
  for (const auto& marker : impl.markers) catalog.set_metadata(marker, "");
  impl.markers.clear();
  if (!impl.user_table.empty() || impl.tables.user != nullptr) {
    catalog.set_metadata(std::string(schema::kUserAliasesKey), impl.user_table);
  }
  // Bounded memory on archives of millions of articles: read again as needed.
  if (impl.names.size() > 500000) impl.names.clear();
  // Policies are worked out again as needed: what they lean on (the short
  // forms' candidates) is read afresh too.
  impl.forms.clear();
  impl.dependents.clear();
  for (auto& [key, n] : impl.names) {
    n.depends = false;
    n.current.reset();
  }
  return rewritten;
}

void EntityLedger::discard() {
  auto& impl = *impl_;
  const std::lock_guard lock(impl.m);
  impl.names.clear();
  impl.forms.clear();
  impl.touched_forms.clear();
  impl.dependents.clear();
  impl.shown.clear();
  impl.pending_markers.clear();
}

}  // namespace newsdex
