#include "util/date.hpp"

#include "util/utf8.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace newsdex {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool valid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::compact() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::string Date::compact_month() const {
  return compact().substr(0, 6);
}

std::string Date::compact_year() const {
  return compact().substr(0, 4);
}

std::optional<Date> parse_compact_date(std::string_view text) {
  if (text.size() != 8 || !digits(text)) return std::nullopt;
  const Date d{to_int(text.substr(0, 4)), to_int(text.substr(4, 2)), to_int(text.substr(6, 2))};
  if (!valid(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() > 10 && text[10] == 'T') text = text.substr(0, 10);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  const Date date{to_int(y), to_int(m), to_int(d)};
  if (!valid(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

namespace {

struct Token {
  std::string_view text;  // without trailing ',' or '.'
  std::size_t end = 0;    // offset just past the token (punctuation included)
};

std::vector<Token> first_tokens(std::string_view s, std::size_t max) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (out.size() < max) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size() || s[i] == '\n' || s[i] == '\r') break;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ++i;
    std::string_view t = s.substr(start, i - start);
    while (!t.empty() && (t.back() == ',' || t.back() == '.')) t.remove_suffix(1);
    out.push_back({t, i});
  }
  return out;
}

int month_of(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kMonths = {"january",   "february", "march",    "april",
                                                               "may",       "june",     "july",     "august",
                                                               "september", "october",  "november", "december"};
  const std::string t = utf8::ascii_lower(token);
  if (t.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (t == kMonths[m] || t == kMonths[m].substr(0, 3) || (m == 8 && t == "sept")) return static_cast<int>(m) + 1;
  }
  return 0;
}

bool weekday(std::string_view token) {
  static constexpr std::array<std::string_view, 7> kDays = {"monday", "tuesday",  "wednesday", "thursday",
                                                            "friday", "saturday", "sunday"};
  const std::string t = utf8::ascii_lower(token);
  if (t.size() < 3) return false;
  for (const auto d : kDays) {
    if (t == d || t == d.substr(0, 3) || (t.size() >= 3 && d.substr(0, t.size()) == t && t.size() <= 5)) return true;
  }
  return false;
}

// "21", "3rd", "21st" -> day number, or 0.
int day_of(std::string_view t) {
  if (t.size() > 2 && (t.substr(t.size() - 2) == "st" || t.substr(t.size() - 2) == "nd" ||
                       t.substr(t.size() - 2) == "rd" || t.substr(t.size() - 2) == "th")) {
    t.remove_suffix(2);
  }
  if (t.empty() || t.size() > 2 || !digits(t)) return 0;
  return to_int(t);
}

int year_of(std::string_view t) {
  return t.size() == 4 && digits(t) ? to_int(t) : 0;
}

// "2021/05/21", "2021.05.21", "20210521".
std::optional<Date> numeric_date(std::string_view t) {
  if (auto d = parse_iso_date(t)) return d;
  if (t.size() == 10 && (t[4] == '/' || t[4] == '.') && t[7] == t[4]) {
    const auto y = t.substr(0, 4), m = t.substr(5, 2), d = t.substr(8, 2);
    if (digits(y) && digits(m) && digits(d) && valid(to_int(y), to_int(m), to_int(d))) {
      return Date{to_int(y), to_int(m), to_int(d)};
    }
  }
  if (const auto d = parse_compact_date(t); d && d->year >= 1800 && d->year <= 2200) return d;
  return std::nullopt;
}

bool time_of_day(std::string_view t) {
  const auto colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return false;
  for (const char c : t) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.')) return false;
  }
  return true;
}

bool zone(std::string_view t) {
  if ((t.size() == 5 && (t[0] == '+' || t[0] == '-') && digits(t.substr(1))) ||
      (t.size() == 6 && (t[0] == '+' || t[0] == '-') && t[3] == ':')) {
    return true;
  }
  if (t.empty() || t.size() > 4) return false;
  for (const char c : t) {
    if (c < 'A' || c > 'Z') return false;
  }
  return t == "GMT" || t == "UTC" || t == "Z" || (t.size() == 3 && (t[1] == 'S' || t[1] == 'D') && t[2] == 'T');
}

}  // namespace

std::optional<DatePrefix> parse_news_date(std::string_view text) {
  const auto tokens = first_tokens(text, 7);
  std::size_t i = 0;
  if (!tokens.empty() && weekday(tokens[0].text)) i = 1;
  std::optional<Date> date;
  std::size_t next = i;
  if (i < tokens.size()) {
    if (auto d = numeric_date(tokens[i].text)) {
      date = d;
      next = i + 1;
    } else if (i + 2 < tokens.size()) {
      const auto& a = tokens[i].text;
      const auto& b = tokens[i + 1].text;
      const int year = year_of(tokens[i + 2].text);
      int day = day_of(a), month = month_of(b);
      if (day == 0 || month == 0) {
        day = day_of(b);
        month = month_of(a);
      }
      if (day > 0 && month > 0 && year > 0 && valid(year, month, day)) {
        date = Date{year, month, day};
        next = i + 3;
      }
    }
  }
  if (!date) return std::nullopt;
  if (next < tokens.size() && time_of_day(tokens[next].text)) {
    ++next;
    if (next < tokens.size() && zone(tokens[next].text)) ++next;
  }
  // A bare ISO timestamp "2021-05-21T10:00:00Z" is one token already.
  return DatePrefix{*date, tokens[next - 1].end};
}

std::optional<Date> parse_news_date_only(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  const auto p = parse_news_date(text);
  if (!p || p->length != text.size()) return std::nullopt;
  return p->date;
}

std::optional<Date> parse_date_bound(std::string_view text, Bound side) {
  if (text.size() == 10) return parse_iso_date(text);
  const bool upper = side == Bound::upper;
  if (text.size() == 7 && text[4] == '-' && digits(text.substr(0, 4)) && digits(text.substr(5, 2))) {
    const int y = to_int(text.substr(0, 4)), m = to_int(text.substr(5, 2));
    if (!valid(y, m, 1)) return std::nullopt;
    return Date{y, m, upper ? days_in_month(y, m) : 1};
  }
  if (text.size() == 4 && digits(text)) {
    const int y = to_int(text);
    if (!valid(y, 1, 1)) return std::nullopt;
    return upper ? Date{y, 12, 31} : Date{y, 1, 1};
  }
  return std::nullopt;
}

}  // namespace newsdex
