#include "schema/schema.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "entities/keys.hpp"
#include "util/hash.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace newsdex::schema {
std::string id_term(std::string_view id) {
  std::string term(kIdPrefix);
  if (id.size() + term.size() <= kMaxTermBytes) return term.append(id);
  // Keep a readable start, cut on a character boundary, and make it unique.
  std::size_t keep = kMaxTermBytes - term.size() - 17;
  while (keep > 0 && (static_cast<unsigned char>(id[keep]) & 0xC0) == 0x80) --keep;
  return term.append(id.substr(0, keep)).append("#").append(Hasher().add(id).hex());
}

std::string file_term(std::string_view canonical_path) {
  return std::string(kFilePrefix) + Hasher().add(canonical_path).hex();
}

std::string file_key(std::string_view canonical_path) {
  return std::string(kFileKeyPrefix) + Hasher().add(canonical_path).hex();
}

std::string content_hash(const Article& a, std::string_view entities) {
  // The line and path are included: --prune and "path" in hits depend on them.
  return Hasher()
      .add(entities)
      .add(kVersion)
      .add(a.id)
      .add(a.title)
      .add(a.date)
      .add(a.url)
      .add(a.source)
      .add(a.body)
      .add(a.path)
      .add(std::to_string(a.line))
      .hex();
}

std::string encode_document_data(const Article& a) {
  nlohmann::json j = {{"id", a.id},         {"title", a.title}, {"date", a.date}, {"url", a.url},
                      {"source", a.source}, {"path", a.path},   {"line", a.line}, {"body", a.body}};
  return j.dump();
}

Article decode_document_data(std::string_view data) {
  Article a;
  const auto j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return a;
  auto get = [&](const char* key, std::string& out) {
    if (const auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
  };
  get("id", a.id);
  get("title", a.title);
  get("date", a.date);
  get("url", a.url);
  get("source", a.source);
  get("path", a.path);
  get("body", a.body);
  if (const auto it = j.find("line"); it != j.end() && it->is_number_unsigned()) a.line = it->get<std::size_t>();
  return a;
}

std::string encode_file_record(const FileRecord& r) {
  return nlohmann::json{{"path", r.path}, {"size", r.size}, {"mtime_ns", r.mtime_ns}, {"articles", r.articles}}.dump();
}

std::optional<FileRecord> decode_file_record(std::string_view data) {
  const auto j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    return FileRecord{j.at("path").get<std::string>(), j.at("size").get<std::uint64_t>(),
                      j.at("mtime_ns").get<std::int64_t>(), j.at("articles").get<std::size_t>()};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// Indexed by EntityType (person, place, org).
std::string_view entity_prefix(EntityType type) {
  static constexpr std::array<std::string_view, 3> kPrefixes{kPersonPrefix, kPlacePrefix, kOrgPrefix};
  return kPrefixes[static_cast<std::size_t>(type)];
}

Slot entity_slot(EntityType type) {
  static constexpr std::array<Slot, 3> kSlots{kPersonSlot, kPlaceSlot, kOrgSlot};
  return kSlots[static_cast<std::size_t>(type)];
}

std::string entity_term(EntityType type, std::string_view key) {
  return std::string(entity_prefix(type)).append(key);
}

std::string name_term(std::string_view key) {
  return std::string(kNamePrefix).append(key);
}

std::string short_form_term(EntityType type, std::string_view key) {
  return std::string(kShortFormPrefix) + facet_name(type) + ":" + std::string(key);
}

std::string short_form_key(EntityType type, std::string_view key) {
  return std::string(kShortFormKeyPrefix) + facet_name(type) + ":" + std::string(key);
}

std::string stats_key(std::string_view key) {
  return std::string(kStatsKeyPrefix).append(key);
}

std::string policy_key(std::string_view key) {
  return std::string(kPolicyKeyPrefix).append(key);
}

std::string entity_record_key(EntityType type, std::string_view key) {
  return std::string(kEntityKeyPrefix) + facet_name(type) + ":" + std::string(key);
}

std::string alias_key(std::string_view key) {
  return std::string(kAliasKeyPrefix).append(key);
}

std::string encode_entity_record(const EntityRecord& r) {
  std::string out = r.name;
  for (const auto& [form, n] : r.forms) out += '\n' + std::to_string(n) + '\t' + form;
  return out;
}

EntityRecord decode_entity_record(std::string_view text) {
  EntityRecord r;
  const auto lines = split(text, '\n');
  r.name = std::string(lines[0]);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto tab = lines[i].find('\t');
    if (tab == std::string_view::npos || tab + 1 >= lines[i].size()) continue;
    std::int64_t n = 0;
    for (const char c : lines[i].substr(0, tab)) {
      if (c < '0' || c > '9') break;
      n = n * 10 + (c - '0');
    }
    if (n > 0) r.forms.emplace_back(std::string(lines[i].substr(tab + 1)), n);
  }
  return r;
}

std::string encode_entity_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (n.empty() || n.find('\n') != std::string::npos) continue;  // cannot be read back
    if (!out.empty()) out += '\n';
    out += n;
  }
  return out;
}

std::vector<std::string_view> decode_entity_list(std::string_view value) {
  if (value.empty()) return {};
  return split(value, '\n');
}

std::string shard_folder(std::size_t index) {
  return "shard-" + std::to_string(index);
}

}  // namespace newsdex::schema
