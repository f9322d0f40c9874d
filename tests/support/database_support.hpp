#pragma once
// Looking straight into a newsdex database from a test (links Xapian).
#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdint>
#include <set>
#include <string>

namespace newsdex::test {

// The documents of the database's last commit; 0 while it cannot be opened.
inline std::uint64_t committed_documents(const std::string& db) {
  try {
    return Xapian::Database(db).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// The article ids in the database (its unique-id terms), checking that each
// one is on exactly one document.
inline std::set<std::string> ids_each_once(const std::string& db) {
  Xapian::Database d(db);
  std::set<std::string> ids;
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) {
    EXPECT_EQ(t.get_termfreq(), 1u) << "duplicate id " << *t;
    ids.insert((*t).substr(1));
  }
  EXPECT_EQ(ids.size(), d.get_doccount()) << "documents without an id";
  return ids;
}

}  // namespace newsdex::test
