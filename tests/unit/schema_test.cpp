#include "schema/schema.hpp"
#include "test_support.hpp"

namespace newsdex {
namespace {

TEST(Schema, IdTermsFitXapiansTermLimit) {
  EXPECT_EQ(schema::id_term("world/gaza.txt"), "Qworld/gaza.txt");
  const std::string long_id(400, 'x');
  const std::string term = schema::id_term(long_id);
  EXPECT_LE(term.size(), 240u);
  EXPECT_EQ(term.substr(0, 10), "Qxxxxxxxxx");
  EXPECT_NE(term, schema::id_term(long_id + "y"));  // still unique
  // Never cuts a multi-byte character in half.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xC3\xA9";
  const std::string t = schema::id_term(accents);
  const std::size_t hash_at = t.rfind('#');
  EXPECT_EQ((hash_at - 1) % 2, 0u);
}

TEST(Schema, FileTermsAndKeysDependOnlyOnThePath) {
  EXPECT_EQ(schema::file_term("/a/b.txt"), schema::file_term("/a/b.txt"));
  EXPECT_NE(schema::file_term("/a/b.txt"), schema::file_term("/a/c.txt"));
  EXPECT_EQ(schema::file_term("/a/b.txt").rfind("XFILE", 0), 0u);
  EXPECT_EQ(schema::file_key("/a/b.txt").rfind("newsdex:file:", 0), 0u);
}

Article sample() {
  Article a;
  a.id = "world/gaza.txt";
  a.title = "Ceasefire holds";
  a.date = "2021-05-21";
  a.url = "https://example.com/x";
  a.source = "Newsdex Wire";
  a.body = "Para one.\n\nPara \"two\" \xE2\x80\x94 Z\xC3\xBCrich.";
  a.path = "/corpus/world/gaza.txt";
  a.line = 3;
  return a;
}

TEST(Schema, DocumentDataRoundTrips) {
  const Article a = sample();
  const Article b = schema::decode_document_data(schema::encode_document_data(a));
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.body, a.body);
  EXPECT_EQ(b.path, a.path);
  EXPECT_EQ(b.line, a.line);
  EXPECT_EQ(schema::decode_document_data("not json").id, "");  // never throws
}

TEST(Schema, ContentHashChangesWithEveryField) {
  const Article a = sample();
  const std::string h = schema::content_hash(a);
  EXPECT_EQ(h, schema::content_hash(sample()));
  std::vector<Article> variants(8, a);
  variants[0].id += "x";
  variants[1].title += "x";
  variants[2].date = "2021-05-22";
  variants[3].url += "x";
  variants[4].source += "x";
  variants[5].body += "x";
  variants[6].path += "x";
  variants[7].line += 1;
  for (const auto& v : variants) EXPECT_NE(schema::content_hash(v), h);
}

TEST(Schema, FileRecordsRoundTrip) {
  const schema::FileRecord r{"/corpus/a.jsonl.gz", 12345, 1700000000123456789, 17};
  const auto back = schema::decode_file_record(schema::encode_file_record(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->path, r.path);
  EXPECT_EQ(back->size, r.size);
  EXPECT_EQ(back->mtime_ns, r.mtime_ns);
  EXPECT_EQ(back->articles, r.articles);
  EXPECT_FALSE(schema::decode_file_record(""));
  EXPECT_FALSE(schema::decode_file_record("{\"path\":1}"));
}

}  // namespace
}  // namespace newsdex
