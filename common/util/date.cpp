#include "util/date.hpp"

#include <cstdio>

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

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() > 10 && text[10] == 'T') text = text.substr(0, 10);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  const Date date{to_int(y), to_int(m), to_int(d)};
  if (!valid(date.year, date.month, date.day)) return std::nullopt;
  return date;
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
