#include "ner/model.hpp"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "util/errors.hpp"

namespace newsdex::ner {

namespace {

constexpr char kMagic[8] = {'N', 'D', 'X', 'N', 'E', 'R', '0', '3'};

struct GzFile {
  gzFile file = nullptr;
  ~GzFile() {
    if (file != nullptr) gzclose(file);
  }
};

class Writer {
 public:
  explicit Writer(const std::filesystem::path& path) : path_(path) {
    gz_.file = gzopen(path.c_str(), "wb6");
    if (gz_.file == nullptr) throw Error("cannot write " + path.string() + ": " + std::strerror(errno));
  }
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
      const auto chunk = static_cast<unsigned>(std::min<std::size_t>(size, 1U << 30));
      if (gzwrite(gz_.file, p, chunk) != static_cast<int>(chunk)) throw Error("cannot write " + path_.string());
      p += chunk;
      size -= chunk;
    }
  }
  template <typename T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
  template <typename T>
  void vector(const std::vector<T>& v) {
    value(static_cast<std::uint64_t>(v.size()));
    bytes(v.data(), v.size() * sizeof(T));
  }
  // Key-value tables (gazetteer, clusters) as two parallel arrays.
  void pairs(const std::vector<std::pair<std::uint64_t, std::uint32_t>>& entries) {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> values;
    for (const auto& [k, v] : entries) {
      keys.push_back(k);
      values.push_back(v);
    }
    vector(keys);
    vector(values);
  }
  void close() {
    const int rc = gzclose(gz_.file);
    gz_.file = nullptr;
    if (rc != Z_OK) throw Error("cannot write " + path_.string());
  }

 private:
  std::filesystem::path path_;
  GzFile gz_;
};

class Reader {
 public:
  explicit Reader(const std::filesystem::path& path) : path_(path) {
    gz_.file = gzopen(path.c_str(), "rb");
    if (gz_.file == nullptr) throw InputError("cannot read NER model " + path.string() + ": " + std::strerror(errno));
    gzbuffer(gz_.file, 1U << 20);
  }
  void bytes(void* data, std::size_t size) {
    auto* p = static_cast<char*>(data);
    while (size > 0) {
      const auto chunk = static_cast<unsigned>(std::min<std::size_t>(size, 1U << 30));
      if (gzread(gz_.file, p, chunk) != static_cast<int>(chunk)) {
        throw InputError(path_.string() + ": error: truncated or corrupt NER model; retrain it or reinstall");
      }
      p += chunk;
      size -= chunk;
    }
  }
  template <typename T>
  T value() {
    T v{};
    bytes(&v, sizeof v);
    return v;
  }
  template <typename T>
  std::vector<T> vector(std::uint64_t max_size) {
    const auto n = value<std::uint64_t>();
    if (n > max_size) throw InputError(path_.string() + ": error: corrupt NER model (a table is too large)");
    std::vector<T> v(n);
    bytes(v.data(), n * sizeof(T));
    return v;
  }

  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs(std::uint64_t max_size) {
    const auto keys = vector<std::uint64_t>(max_size);
    const auto values = vector<std::uint32_t>(max_size);
    if (keys.size() != values.size()) throw InputError(path_.string() + ": error: corrupt NER model");
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) entries[i] = {keys[i], values[i]};
    return entries;
  }

 private:
  std::filesystem::path path_;
  GzFile gz_;
};

}  // namespace

Model Model::from_weights(const std::vector<std::pair<std::uint64_t, std::array<float, kTagCount>>>& rows,
                          Gazetteer gazetteer, WordClusters clusters, std::string info, float prune) {
  float largest = 0;
  for (const auto& [k, w] : rows) {
    for (const float x : w) largest = std::max(largest, std::abs(x));
  }
  // One scale for all weights: sums of ~60 features stay far inside int32.
  const float scale = largest > 0 ? 32000.0F / largest : 1.0F;
  Model m;
  for (const auto& [k, w] : rows) {
    float row_max = 0;
    for (const float x : w) row_max = std::max(row_max, std::abs(x));
    if (row_max < prune || row_max * scale < 0.5F) continue;
    m.keys_.push_back(k);
    for (const float x : w) m.weights_.push_back(static_cast<std::int16_t>(std::lround(x * scale)));
  }
  m.gazetteer_ = std::move(gazetteer);
  m.clusters_ = std::move(clusters);
  m.info_ = std::move(info);
  m.build_index();
  return m;
}

void Model::build_index() {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  entries.reserve(keys_.size());
  for (std::size_t i = 0; i < keys_.size(); ++i) entries.emplace_back(keys_[i], static_cast<std::uint32_t>(i + 1));
  index_.build(entries);
}

void Model::save(const std::filesystem::path& path) const {
  // Written to a temporary name and renamed, so a failed save never leaves half a model.
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    Writer w(tmp);
    w.bytes(kMagic, sizeof kMagic);
    w.value(static_cast<std::uint32_t>(kTagCount));
    std::vector<char> info(info_.begin(), info_.end());
    w.vector(info);
    w.vector(keys_);
    w.vector(weights_);
    w.pairs(gazetteer_.entries());
    w.pairs(clusters_.entries());
    w.vector(std::vector<char>(names_.begin(), names_.end()));
    w.close();
  }
  std::filesystem::rename(tmp, path);
}

Model Model::load(const std::filesystem::path& path) {
  Reader r(path);
  char magic[sizeof kMagic];
  r.bytes(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    throw InputError(path.string() + ": error: not a newsdex NER model (or one from another version); retrain it");
  }
  if (r.value<std::uint32_t>() != kTagCount) throw InputError(path.string() + ": error: NER model has another tag set");
  constexpr std::uint64_t kMax = 1ULL << 24;  // 16 M entries: far above any real model, bounded for a corrupt one
  Model m;
  const auto info = r.vector<char>(1U << 20);
  m.info_.assign(info.begin(), info.end());
  m.keys_ = r.vector<std::uint64_t>(kMax);
  m.weights_ = r.vector<std::int16_t>(kMax * kTagCount);
  if (m.weights_.size() != m.keys_.size() * kTagCount) throw InputError(path.string() + ": error: corrupt NER model");
  m.gazetteer_.set_entries(r.pairs(kMax));
  m.clusters_.set_entries(r.pairs(kMax));
  const auto names = r.vector<char>(1U << 26);
  m.names_.assign(names.begin(), names.end());
  m.build_index();
  return m;
}

std::filesystem::path default_model_path() {
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("NEWSDEX_NER_MODEL"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path() / "ner.model");
    candidates.push_back(exe.parent_path().parent_path() / "share" / "newsdex" / "ner.model");
  }
#ifdef NEWSDEX_SOURCE_MODEL
  candidates.emplace_back(NEWSDEX_SOURCE_MODEL);
#endif
  std::string tried;
  for (const auto& c : candidates) {
    if (std::filesystem::is_regular_file(c, ec)) return c;
    tried += (tried.empty() ? "" : ", ") + c.string();
  }
  throw InputError("no NER model found (looked at " + tried +
                   "); set NEWSDEX_NER_MODEL or give --model, or retrain it with scripts/train-ner.sh");
}

}  // namespace newsdex::ner
