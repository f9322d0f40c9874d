#include "search/query_syntax.hpp"

#include <array>
#include <cctype>

#include "util/utf8.hpp"

namespace newsdex {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_binary_operator(std::string_view w) {
  if (w == "AND" || w == "OR" || w == "XOR" || w == "NEAR" || w == "ADJ") return true;
  // NEAR/3, ADJ/5: the window size.
  for (const std::string_view op : {"NEAR/", "ADJ/"}) {
    if (w.size() > op.size() && w.substr(0, op.size()) == op) {
      const std::string_view n = w.substr(op.size());
      bool digits = true;
      for (const char c : n) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
      if (digits) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<QueryToken> tokenize_query(std::string_view q) {
  std::vector<QueryToken> tokens;
  std::size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    QueryToken t;
    t.begin = i;
    if (c == '"') {
      const std::size_t close = q.find('"', i + 1);
      t.kind = QueryToken::phrase;
      t.closed = close != std::string_view::npos;
      t.end = t.closed ? close + 1 : q.size();
    } else if (c == '(' || c == ')') {
      t.kind = c == '(' ? QueryToken::open : QueryToken::close;
      t.end = i + 1;
    } else {
      std::size_t j = i;
      while (j < q.size() && !is_space(q[j]) && q[j] != '"' && q[j] != '(' && q[j] != ')') ++j;
      t.end = j;
      const std::string_view w = q.substr(i, j - i);
      t.kind = w == "NOT" ? QueryToken::not_op : is_binary_operator(w) ? QueryToken::binary_op : QueryToken::word;
    }
    i = t.end;
    tokens.push_back(t);
  }
  return tokens;
}

namespace {

// "+word" and "-word": Xapian's love/hate operators.
bool signed_word(std::string_view q, const QueryToken& t) {
  return t.kind == QueryToken::word && t.end - t.begin > 1 && (q[t.begin] == '+' || q[t.begin] == '-');
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80) != 0;
}

bool starts_operand(const QueryToken& t) {
  return t.kind == QueryToken::word || t.kind == QueryToken::phrase || t.kind == QueryToken::open;
}
bool ends_operand(const QueryToken& t) {
  return t.kind == QueryToken::word || t.kind == QueryToken::phrase || t.kind == QueryToken::close;
}

}  // namespace

std::string_view field_of(std::string_view word, bool attached) {
  if (!word.empty() && (word[0] == '+' || word[0] == '-')) word.remove_prefix(1);
  std::size_t n = 0;
  while (n < word.size() && std::isalpha(static_cast<unsigned char>(word[n])) != 0) ++n;
  if (n == 0 || n >= word.size() || word[n] != ':') return {};
  if (n + 1 == word.size() && !attached) return {};
  return word.substr(0, n);
}

namespace {

// What is wrong, where, and how a forgiving reading mends it.
enum class Problem {
  unclosed_quote,
  stray_close,
  unclosed_open,
  lone_operator,
  signed_next_to_operator,
  unknown_field,
  empty_field,
  bad_year,
  date_without_range,
  bad_date,
  range_outside_date,
};

struct SyntaxProblem {
  Problem problem;
  std::size_t begin = 0, end = 0;  // the token's bytes
  std::string detail;              // what a strict reading says
};

class Checker {
 public:
  explicit Checker(std::string_view q) : q_(q), tokens_(tokenize_query(q)) {}

  void run() const {
    std::vector<const QueryToken*> brackets;
    for (std::size_t k = 0; k < tokens_.size(); ++k) {
      const QueryToken& t = tokens_[k];
      const QueryToken* prev = k > 0 ? &tokens_[k - 1] : nullptr;
      const QueryToken* next = k + 1 < tokens_.size() ? &tokens_[k + 1] : nullptr;
      switch (t.kind) {
        case QueryToken::phrase:
          if (!t.closed) {
            fail(t, Problem::unclosed_quote,
                 "unbalanced quote: the '\"' at column " + column(t) +
                     " is never closed; add the closing '\"', or remove it to search for the words");
          }
          break;
        case QueryToken::open:
          brackets.push_back(&t);
          break;
        case QueryToken::close:
          if (brackets.empty()) {
            fail(t, Problem::stray_close,
                 "')' at column " + column(t) + " has no matching '('; remove it, or add the '('");
          }
          brackets.pop_back();
          break;
        case QueryToken::binary_op:
          check_no_signed_word_next_to(t, prev);
          check_no_signed_word_next_to(t, next);
          if (prev == nullptr || !ends_operand(*prev) || next == nullptr ||
              !(starts_operand(*next) || next->kind == QueryToken::not_op)) {
            fail(t, Problem::lone_operator,
                 "'" + text(t) + "' at column " + column(t) + " needs a query on each side, as in 'ceasefire " +
                     text(t) + " gaza'; to search for the word itself, write it in lower case");
          }
          break;
        case QueryToken::not_op:
          check_no_signed_word_next_to(t, next);
          if (next == nullptr || !starts_operand(*next)) {
            fail(t, Problem::lone_operator,
                 "'NOT' at column " + column(t) +
                     " needs a query after it, as in 'ceasefire NOT gaza'; to search for the word itself, write it "
                     "in lower case");
          }
          break;
        case QueryToken::word:
          check_field(t, next != nullptr && next->begin == t.end && next->kind != QueryToken::close);
          check_no_range(t);
          break;
      }
    }
    if (!brackets.empty()) {
      fail(*brackets.back(), Problem::unclosed_open,
           "'(' at column " + column(*brackets.back()) + " is never closed; add a ')', or remove it");
    }
  }

 private:
  std::string text(const QueryToken& t) const { return std::string(q_.substr(t.begin, t.end - t.begin)); }
  std::string column(const QueryToken& t) const { return std::to_string(utf8::length(q_.substr(0, t.begin)) + 1); }
  [[noreturn]] void fail(const QueryToken& t, Problem problem, const std::string& detail) const {
    throw SyntaxProblem{problem, t.begin, t.end, detail};
  }

  // Xapian cannot read "-a AND b" or "-t NEAR x y": it gives up on the
  // operators and reads the whole query as plain words (leaking memory on
  // the way, as fuzz_query found). So + and - are not allowed next to them.
  void check_no_signed_word_next_to(const QueryToken& op, const QueryToken* neighbour) const {
    if (neighbour == nullptr || !signed_word(q_, *neighbour)) return;
    fail(*neighbour, Problem::signed_next_to_operator,
         "'" + text(*neighbour) + "' at column " + column(*neighbour) + " is next to '" + text(op) +
             "': + and - do not mix with AND, OR, XOR, NEAR, ADJ and NOT; write 'a AND NOT b' rather "
             "than 'a AND -b', or leave the operator out: 'a -b'");
  }

  // Only date: takes a range: "1..5" would be Xapian's "Unknown range
  // operation". Dots with a word on one side only ("canyon...") are
  // punctuation (see without_stray_dots).
  void check_no_range(const QueryToken& t) const {
    const std::string word = text(t);
    if (field_of(word, false) == "date") return;
    for (std::size_t dots = word.find(".."); dots != std::string::npos; dots = word.find("..", dots + 2)) {
      const std::size_t after = word.find_first_not_of('.', dots);
      if (dots > 0 && after != std::string::npos && is_word_char(word[dots - 1]) && is_word_char(word[after])) {
        std::string detail = "'" + word + "' at column " + column(t);
        detail +=
            ": only date: takes a range A..B, as in date:2021..2022; to search for the text, put it in quotes: \"";
        fail(t, Problem::range_outside_date, detail.append(word).append("\""));
      }
    }
  }

  void check_field(const QueryToken& t, bool attached) const {
    const std::string word = text(t);
    // "person:" with nothing after it: a filter by no name.
    if (!attached && (word == "person:" || word == "place:" || word == "org:" || word == "-person:" ||
                      word == "-place:" || word == "-org:")) {
      fail(t, Problem::empty_field,
           "'" + word + "' at column " + column(t) + " has no value; give one, as in '" + word + "Gaza'");
    }
    const std::string_view field = field_of(word, attached);
    if (field.empty() || field == "title" || field == "id" || field == "person" || field == "place" || field == "org") {
      return;
    }
    const std::string_view value = std::string_view(word).substr(word.find(':') + 1);
    if (field == "year") {
      bool four_digits = value.size() == 4;
      for (const char c : value) four_digits = four_digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
      if (!four_digits) {
        fail(t, Problem::bad_year,
             "'" + word + "' at column " + column(t) + ": year: needs a four-digit year, as in 'year:2021'");
      }
      return;
    }
    if (field == "date") {
      const std::size_t dots = value.find("..");
      if (dots == std::string_view::npos) {
        fail(t, Problem::date_without_range,
             "'" + word + "' at column " + column(t) +
                 ": date: needs a range A..B, as in 'date:2021-05-01..2021-05-31', 'date:2021..2021' or "
                 "'date:2016..'");
      }
      std::string from, to;
      try {
        from = date_range_bound(value.substr(0, dots), Bound::lower);
        to = date_range_bound(value.substr(dots + 2), Bound::upper);
      } catch (const QueryError& e) {
        fail(t, Problem::bad_date, "'" + word + "' at column " + column(t) + ": " + e.what());
      }
      if (from > to) {
        fail(t, Problem::bad_date,
             "'" + word + "' at column " + column(t) + ": the range ends before it starts; write date:" +
                 std::string(value.substr(dots + 2)) + ".." + std::string(value.substr(0, dots)));
      }
      return;
    }
    fail(t, Problem::unknown_field,
         "unknown field '" + std::string(field) + ":' at column " + column(t) +
             " (the fields are title:, id:, year:, date:, person:, place: and org:); to search for the text, put it "
             "in quotes: \"" +
             word + "\"");
  }

  std::string_view q_;
  std::vector<QueryToken> tokens_;
};

}  // namespace

QueryError query_error(std::string_view query, std::string_view detail) {
  return QueryError("cannot parse query '" + std::string(query) + "': " + std::string(detail));
}

void check_query_syntax(std::string_view query) {
  try {
    Checker(query).run();
  } catch (const SyntaxProblem& p) {
    throw query_error(query, p.detail);
  }
}

std::vector<std::string> repair_query_syntax(std::string& query) {
  std::vector<std::string> notes;
  for (int round = 0; round < 64; ++round) {
    try {
      Checker(query).run();
      return notes;
    } catch (const SyntaxProblem& p) {
      const std::string token = query.substr(p.begin, p.end - p.begin);
      const std::string column = std::to_string(utf8::length(std::string_view(query).substr(0, p.begin)) + 1);
      const std::string at =
          "'" + (token.size() > 40 ? token.substr(0, 40) + "\u2026" : token) + "' at column " + column;
      switch (p.problem) {
        case Problem::unclosed_quote:
          query.erase(p.begin, 1);
          notes.push_back("the '\"' at column " + column + " is never closed: its words were searched as plain words");
          break;
        case Problem::stray_close:
        case Problem::unclosed_open:
          query.erase(p.begin, 1);
          notes.push_back(std::string("the '") + token[0] + "' at column " + column + " has no partner: left out");
          break;
        case Problem::lone_operator:
          query.erase(p.begin, p.end - p.begin);
          notes.push_back(at + " has nothing to join on one side: left out");
          break;
        case Problem::signed_next_to_operator:
          query.erase(p.begin, 1);
          notes.push_back(at + " is next to an operator: searched without its '" + token.substr(0, 1) + "'");
          break;
        case Problem::unknown_field:
          query[query.find(':', p.begin)] = ' ';
          notes.push_back(at + ": no such field (title:, id:, year:, date:, person:, place:, org:): searched as words");
          break;
        case Problem::empty_field:
        case Problem::bad_date:
          query.erase(p.begin, p.end - p.begin);
          notes.push_back(at + (p.problem == Problem::empty_field ? " has no value" : " is not a date range") +
                          ": left out");
          break;
        case Problem::bad_year:
          query.erase(p.begin, token.find(':') + 1);
          notes.push_back(at + ": year: takes a four-digit year: searched as a word");
          break;
        case Problem::date_without_range: {
          // date:2021 means the whole of 2021.
          const std::size_t colon = query.find(':', p.begin);
          const std::string value = query.substr(colon + 1, p.end - colon - 1);
          query.insert(p.end, ".." + value);
          notes.push_back(at + " read as date:" + value + ".." + value);
          break;
        }
        case Problem::range_outside_date:
          for (std::size_t i = p.begin; i + 1 < p.end; ++i) {
            if (query[i] == '.' && query[i + 1] == '.') query[i] = query[i + 1] = ' ';
          }
          notes.push_back(at + ": only date: takes a range A..B: searched as words");
          break;
      }
    }
  }
  // Never reached in practice: every repair removes a problem.
  query.clear();
  notes.push_back("the query could not be read; nothing was searched");
  return notes;
}

std::string date_range_bound(std::string_view text, Bound side) {
  if (text.empty()) return side == Bound::lower ? "00000101" : "99991231";
  const auto d = parse_date_bound(text, side);
  if (!d) {
    throw QueryError("invalid date '" + std::string(text) +
                     "' in date:A..B (use YYYY-MM-DD, YYYY-MM or YYYY, e.g. date:2021-05-01..2021-05-31)");
  }
  return d->compact();
}

bool bound_query_length(std::string& query, std::size_t max_bytes) {
  if (query.size() <= max_bytes) return false;
  query = std::string(utf8::cut_at_word(query, max_bytes));
  auto tokens = tokenize_query(query);
  if (!tokens.empty() && !tokens.back().closed) query += '"';
  // Drop operators and '(' the cut left at the end: "a AND (b" -> "a AND (b)", "a AND" -> "a".
  while (!tokens.empty() && (tokens.back().kind == QueryToken::binary_op || tokens.back().kind == QueryToken::not_op ||
                             tokens.back().kind == QueryToken::open)) {
    query.resize(tokens.back().begin);
    tokens.pop_back();
  }
  while (!query.empty() && is_space(query.back())) query.pop_back();
  std::size_t open = 0;
  for (const auto& t : tokens) {
    if (t.kind == QueryToken::open) ++open;
    if (t.kind == QueryToken::close && open > 0) --open;
  }
  query.append(open, ')');
  return true;
}

std::string without_stray_dots(std::string_view query) {
  std::string out(query);
  for (const QueryToken& t : tokenize_query(query)) {
    if (t.kind != QueryToken::word || field_of(query.substr(t.begin, t.end - t.begin), false) == "date") continue;
    for (std::size_t i = t.begin; i + 1 < t.end; ++i) {
      if (out[i] != '.' || out[i + 1] != '.') continue;
      while (i < t.end && out[i] == '.') out[i++] = ' ';
    }
  }
  return out;
}

std::vector<WildcardWord> wildcard_words(std::string_view query) {
  std::vector<WildcardWord> out;
  for (const QueryToken& t : tokenize_query(query)) {
    if (t.kind != QueryToken::word) continue;
    std::string_view w = query.substr(t.begin, t.end - t.begin);
    if (w.size() < 2 || w.back() != '*') continue;
    const std::string word(w);
    const std::string_view field = field_of(w, false);
    if (!w.empty() && (w[0] == '+' || w[0] == '-')) w.remove_prefix(1);
    if (!field.empty()) w.remove_prefix(field.size() + 1);
    if (w.size() < 2 || (!field.empty() && field != "title")) continue;
    out.push_back({std::string(field), std::string(w.substr(0, w.size() - 1)), word});
  }
  return out;
}

}  // namespace newsdex
