#pragma once
// Calendar dates as news archives write them.
#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  std::string iso() const;      // "2021-05-21"
  std::string compact() const;  // "20210521": sorts as text, Xapian's date format
  friend bool operator==(const Date&, const Date&) = default;
};

// Parses exactly "YYYY-MM-DD" and checks the calendar (no 2021-02-30).
// An ISO timestamp's date part is accepted too: "2021-05-21T10:00:00Z".
std::optional<Date> parse_iso_date(std::string_view text);

// A date bound for --since/--until: "2021-05-21", "2021-05" or "2021".
// Partial dates widen towards the bound's side: until "2021" is 2021-12-31.
enum class Bound { lower, upper };
std::optional<Date> parse_date_bound(std::string_view text, Bound side);

}  // namespace newsdex
