#include "article/article_parser.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <ctime>

#include "util/date.hpp"
#include "util/json_text.hpp"
#include "util/utf8.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kTitleMaxBytes = 120;
constexpr std::size_t kMaxJsonDepth = 64;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Collapses runs of white space inside a one-line field (title, url, source).
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : trim(s)) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string clean_body(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : trim(s)) {
    if (c != '\r') out += c;
  }
  return out;
}

void report_sanitized(DiagnosticSink& diag, const utf8::SanitizeReport& r, const std::string& file, std::size_t line) {
  if (r.invalid > 0) {
    diag.warning(file, line,
                 "invalid UTF-8 (" + std::to_string(r.invalid) +
                     " byte(s) replaced with U+FFFD); indexed anyway, re-save the file as UTF-8 to fix",
                 "encoding");
  } else if (r.controls > 0) {
    diag.warning(file, line, std::to_string(r.controls) + " control character(s) replaced with spaces; indexed anyway",
                 "controls");
  }
}

// A Unix timestamp (seconds, or milliseconds past 2001-09-09) as a UTC date,
// for dates from 1970 to 2100.
std::optional<Date> date_from_unix_time(std::int64_t t) {
  if (t > 100000000000) t /= 1000;  // milliseconds
  if (t < 0 || t > 4102444800) return std::nullopt;
  const std::time_t time = static_cast<std::time_t>(t);
  std::tm tm{};
  if (gmtime_r(&time, &tm) == nullptr) return std::nullopt;
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// "date", "Date:", "TITLE" -> "date", "date", "title": header keys are
// matched without regard to case or a trailing colon.
std::string header_key(std::string_view word) {
  if (!word.empty() && word.back() == ':') word.remove_suffix(1);
  return word.size() > 8 ? std::string() : utf8::ascii_lower(word);
}

// Abbreviations after which a period does not end a sentence.
bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 24> kAbbrev = {"Mr",  "Mrs",  "Ms",  "Dr",   "St", "Sr",  "Jr",  "Gen",
                                                               "Gov", "Sen",  "Rep", "Prof", "Lt", "Col", "Sgt", "Capt",
                                                               "Inc", "Corp", "Co",  "Ltd",  "No", "vs",  "etc", "Jan"};
  for (const auto a : kAbbrev) {
    if (word == a) return true;
  }
  // Initials and acronyms written with periods: "U.S.", "J."
  return word.size() == 1 || (word.size() >= 2 && word[word.size() - 2] == '.');
}

// Finds the end of the first sentence of `text` (index one past its final
// punctuation), or npos.
std::size_t first_sentence_end(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') return i;
    if (c != '.' && c != '!' && c != '?') continue;
    const bool at_end = i + 1 == text.size();
    if (!at_end && !is_space(text[i + 1])) continue;  // "3.5", "U.S.A"
    if (c == '.') {
      std::size_t start = i;
      while (start > 0 && !is_space(text[start - 1])) --start;
      if (is_abbreviation(text.substr(start, i - start))) continue;
    }
    return i + (c == '.' ? 0 : 1);  // keep "!" and "?", drop the period
  }
  return std::string_view::npos;
}

}  // namespace

std::string ArticleParser::derive_title(std::string_view body) {
  body = trim(body);
  std::string_view sentence = body.substr(0, first_sentence_end(body));
  sentence = trim(sentence);
  std::string title = one_line(sentence);
  if (title.size() <= kTitleMaxBytes) return title;
  std::string cut(utf8::cut_at_word(title, kTitleMaxBytes));
  return cut + "\u2026";
}

std::optional<Article> ArticleParser::parse_text(std::string text, std::string id, const std::string& file) {
  const auto report = utf8::sanitize(text);
  // A file that is mostly control characters or invalid bytes is not an article.
  if (report.invalid + report.controls > std::max<std::size_t>(16, text.size() / 10)) {
    diag_.error(file, report.first_line,
                "looks like a binary file, not UTF-8 text; skipped (keep only article text files in the folders you "
                "index)");
    return std::nullopt;
  }
  report_sanitized(diag_, report, file, report.first_line);

  std::string_view rest = text;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // byte-order mark
  // Leading white space, counting lines so that messages point at the right one.
  std::size_t line = 1;
  while (!rest.empty() && is_space(rest.front())) {
    if (rest.front() == '\n') ++line;
    rest.remove_prefix(1);
  }

  Article a;
  a.id = std::move(id);
  bool have_date_line = false;
  std::string_view body;
  // The header block: "key value" lines until a blank line or a non-key line.
  for (;;) {
    if (rest.empty()) break;
    const std::size_t eol = rest.find('\n');
    std::string_view ln = rest.substr(0, eol);
    if (trim(ln).empty()) {  // blank line: the body follows
      rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
      break;
    }
    const std::size_t sp = ln.find_first_of(" \t");
    const std::string key = header_key(ln.substr(0, sp));
    const std::string_view value = sp == std::string_view::npos ? std::string_view() : trim(ln.substr(sp + 1));
    if (key != "date" && key != "title" && key != "url" && key != "source") break;  // body starts here
    std::string_view after = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    if (key == "date") {
      have_date_line = true;
      std::string_view tail;
      if (const auto d = parse_news_date(value)) {
        a.date = d->date.iso();
        tail = trim(value.substr(d->length));
      } else {
        const std::size_t tok_end = value.find_first_of(" \t");
        tail = tok_end == std::string_view::npos ? std::string_view() : trim(value.substr(tok_end));
        diag_.warning(file, line,
                      "date '" + std::string(value.substr(0, tok_end)) +
                          "' is not a date we can read; indexed without a date (write e.g. 'date 2021-05-21')",
                      "undated");
      }
      if (!tail.empty()) {
        // The sample's layout: the first paragraph follows the date on its line.
        body = std::string_view(tail.data(), static_cast<std::size_t>(text.data() + text.size() - tail.data()));
        rest = {};
        break;
      }
    } else if (key == "title") {
      a.title = one_line(value);
    } else if (key == "url") {
      a.url = one_line(value);
    } else {
      a.source = one_line(value);
    }
    rest = after;
    ++line;
  }
  if (body.empty()) body = rest;
  a.body = clean_body(body);
  if (a.title.empty()) a.title = derive_title(a.body);
  if (a.title.empty() && a.body.empty()) {
    diag_.error(file, 0,
                "no text to index (the file is empty or only white space); skipped (give it text or delete it)");
    return std::nullopt;
  }
  if (!have_date_line) {
    diag_.warning(file, 1, "no 'date YYYY-MM-DD' line at the top; indexed without a date (add one as the first line)",
                  "undated");
  }
  return a;
}

std::optional<Article> ArticleParser::parse_json_line(std::string line, const std::string& file, std::size_t line_no) {
  if (trim(line).empty()) return std::nullopt;
  const auto report = utf8::sanitize(line);
  if (json_depth(line) > kMaxJsonDepth) {
    diag_.error(file, line_no, "JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep; skipped");
    return std::nullopt;
  }
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e400
    diag_.error(file, line_no, "bad JSON (" + json_error_text(e.what()) + "); skipped (fix the line or remove it)");
    return std::nullopt;
  }
  if (!record.is_object()) {
    diag_.error(file, line_no,
                std::string("expected a JSON object, got ") + record.type_name() +
                    "; skipped (each line must be one {\"body\": ...} object)");
    return std::nullopt;
  }
  utf8::SanitizeReport escapes;  // "\u0000" and friends decode to control characters

  Article a;
  a.line = line_no;
  bool ok = true;
  // Reads an optional string field; wrong types are reported once each.
  auto text_field = [&](const char* name, std::string& out) -> bool {
    const auto it = record.find(name);
    if (it == record.end()) return false;
    if (it->is_null()) return true;
    if (!it->is_string()) {
      diag_.error(file, line_no,
                  std::string("field '") + name + "' must be a string, not " + it->type_name() + "; skipped");
      ok = false;
      return true;
    }
    out = it->get<std::string>();
    const auto r = utf8::sanitize(out);
    escapes.controls += r.controls;
    return true;
  };

  if (const auto it = record.find("id"); it != record.end() && !it->is_null()) {
    if (it->is_string()) {
      std::string id = it->get<std::string>();
      escapes.controls += utf8::sanitize(id).controls;
      a.id = one_line(id);
    } else if (it->is_number_integer() || it->is_number_unsigned()) {
      a.id = it->dump();
    } else {
      diag_.error(file, line_no,
                  std::string("field 'id' must be a string or an integer, not ") + it->type_name() + "; skipped");
      return std::nullopt;
    }
  }
  if (a.id.empty()) a.id = file + ":" + std::to_string(line_no);

  std::string date, title;
  // Feeds often give Unix time; seconds or milliseconds since 1970 (UTC).
  const auto date_it = record.find("date");
  const bool has_date = date_it != record.end();
  const auto unix_date =
      has_date && date_it->is_number_integer() ? date_from_unix_time(date_it->get<std::int64_t>()) : std::nullopt;
  if (unix_date) {
    date = unix_date->iso();
  } else {
    text_field("date", date);  // a string, or an error naming the wrong type
  }
  text_field("title", title);
  const bool has_body = text_field("body", a.body);
  text_field("url", a.url);
  text_field("source", a.source);
  if (!ok) return std::nullopt;
  if (!has_body) {
    diag_.error(file, line_no, "no 'body' field; skipped (give \"body\": \"\" for a title-only item)");
    return std::nullopt;
  }
  report_sanitized(diag_, {report.invalid, report.controls + escapes.controls, line_no}, file, line_no);
  a.title = one_line(title);
  a.url = one_line(a.url);
  a.source = one_line(a.source);
  a.body = clean_body(a.body);

  date = std::string(trim(date));
  if (const auto d = parse_news_date_only(date)) {
    a.date = d->iso();
  } else if (!date.empty()) {
    diag_.warning(file, line_no,
                  "date '" + date + "' is not a date we can read (use YYYY-MM-DD); indexed without a date", "undated");
  } else {
    diag_.warning(file, line_no,
                  std::string(has_date ? "'date' is empty" : "no 'date' field") +
                      "; indexed without a date (give \"date\": \"YYYY-MM-DD\" to date it)",
                  "undated");
  }

  if (a.title.empty()) a.title = derive_title(a.body);
  if (a.title.empty() && a.body.empty()) {
    // A record of the archive all the same: keep it, findable by id and date.
    diag_.warning(file, line_no, "empty 'title' and 'body'; indexed with its id and date only", "empty");
  }
  return a;
}

}  // namespace newsdex
