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
  std::string compact_month() const;  // "202105": the month term's form (Omega's M prefix)
  std::string compact_year() const;   // "2021"
  friend bool operator==(const Date&, const Date&) = default;
};

// Parses exactly "YYYY-MM-DD" and checks the calendar (no 2021-02-30).
// An ISO timestamp's date part is accepted too: "2021-05-21T10:00:00Z".
std::optional<Date> parse_iso_date(std::string_view text);

// Parses exactly "YYYYMMDD" (Date::compact(), as date values are stored)
// and checks the calendar.
std::optional<Date> parse_compact_date(std::string_view text);

// A date at the start of `text`, as news archives and feeds write it:
//   "2021-05-21", "2021-05-21T10:00:00Z", "2021/05/21", "20210521",
//   "21 May 2021", "May 21, 2021", "Sept. 3, 2020", "Friday, May 21, 2021",
//   "Fri, 21 May 2021 10:00:00 +0000" (RFC 2822, as in RSS feeds).
// A time of day and a zone right after the date are taken with it. Numeric
// day/month orders ("05/06/2021") are ambiguous and refused.
// `length` is how many bytes of `text` the date (and time) took.
struct DatePrefix {
  Date date;
  std::size_t length = 0;
};
std::optional<DatePrefix> parse_news_date(std::string_view text);

// The whole of `text` is one date in a form parse_news_date() reads.
std::optional<Date> parse_news_date_only(std::string_view text);

// A date bound for --since/--until: "2021-05-21", "2021-05" or "2021".
// Partial dates widen towards the bound's side: until "2021" is 2021-12-31.
enum class Bound { lower, upper };
std::optional<Date> parse_date_bound(std::string_view text, Bound side);

}  // namespace newsdex
