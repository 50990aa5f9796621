// quiz: flashcards asked in the terminal, or from piped answers one per line.
#include "mlkg/cards.hpp"
#include "mlkg/error.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"
#include "query_options.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>
#include <random>

namespace mlkg::cli {

namespace {

struct QuizOptions {
  std::string section, type, kind;
  std::size_t count = 10;
  std::uint32_t seed = 0;
  bool seeded = false;
};

class Session {
public:
  Session(Context& ctx, std::vector<Card> cards) : ctx_(ctx), graph_(ctx.graph()), cards_(std::move(cards)) {}

  int run() {
    for (const Card& card : cards_) {
      ctx_.out << "\n" << asked_ + 1 << "/" << cards_.size() << "  " << card.question << "\n";
      if (!(card.kind == CardKind::contrast ? ask_in_words(card) : ask_names(card))) {
        ctx_.out << "\nStopped after " << asked_ << " of " << cards_.size() << " cards.\n";
        break;
      }
      ++asked_;
    }
    ctx_.out << "Score: " << right_ << " of " << asked_;
    if (asked_ > 0) ctx_.out << " (" << right_ * 100 / asked_ << "%)";
    ctx_.out << "\n";
    return exit_ok;
  }

private:
  // No answer is this long: a longer line is input that is not answers (`< /dev/zero`), and is not read whole.
  static constexpr std::size_t max_answer_bytes = 4096;

  // The next answer, or nothing when input ends or the user quits.
  std::optional<std::string> read_line() {
    if (ctx_.in.terminal) ctx_.out << "> " << std::flush;
    std::string line;
    std::streambuf& input = *ctx_.in.stream.rdbuf();
    int c = 0;
    while ((c = input.sbumpc()) != std::char_traits<char>::eof() && c != '\n') {
      if (line.size() == max_answer_bytes)
        throw Error(ErrorKind::usage, "an answer is longer than " + grouped(max_answer_bytes) + " bytes",
                    "is standard input a file of answers, one per line?");
      line += static_cast<char>(c);
    }
    if (c == std::char_traits<char>::eof() && line.empty()) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!ctx_.in.terminal) ctx_.out << "> " << line << "\n";
    if (line == "q" || line == "Q") return std::nullopt;
    return line;
  }

  std::string labels(const std::vector<NodeIndex>& nodes) const {
    std::vector<std::string> names;
    names.reserve(nodes.size());
    for (NodeIndex n : nodes) names.push_back(graph_.node(n).label);
    return join(names);
  }

  void reveal(const Card& card) {
    if (card.kind == CardKind::contrast) {
      ctx_.out << card.answer_text << "\n";
    } else {
      ctx_.out << "Answer: " << labels(card.answers) << "\n";
    }
    for (const std::string& note : card.notes) ctx_.out << "  " << note << "\n";
    if (!card.source.empty()) ctx_.out << "  (notes " << cited_lines(card.source) << ")\n";
  }

  bool ask_names(const Card& card) {
    for (;;) {
      const std::optional<std::string> line = read_line();
      if (!line) return false;
      const Grade grade = grade_answer(ctx_.names(), card, *line);
      if (!grade.unknown.empty()) {
        ctx_.out << "No node is called " << join(grade.unknown) << "; try again (empty line: show the answer).\n";
        continue;
      }
      if (grade.correct()) {
        ++right_;
        ctx_.out << "Right. ";
      } else if (grade.right.empty() && grade.wrong.empty()) {
        ctx_.out << "Skipped. ";
      } else if (grade.expected == 1) {
        ctx_.out << "Not quite. ";
      } else {
        ctx_.out << "Not quite: " << grade.right.size() << " of " << grade.expected << " named";
        if (!grade.wrong.empty()) ctx_.out << "; not answers: " << labels(grade.wrong);
        ctx_.out << ". ";
      }
      reveal(card);
      return true;
    }
  }

  // A contrast is answered in words, so the user marks their own answer.
  bool ask_in_words(const Card& card) {
    ctx_.out << "(answer in your own words, or an empty line)\n";
    if (!read_line()) return false;
    reveal(card);
    ctx_.out << "Did you know it? [y/n]\n";
    for (;;) {
      const std::optional<std::string> verdict = read_line();
      if (!verdict) return false;
      const std::string said = lowercase(*verdict);
      if (said == "y" || said == "yes") {
        ++right_;
        return true;
      }
      if (said == "n" || said == "no") return true;
      ctx_.out << "Answer y or n.\n";
    }
  }

  Context& ctx_;
  const Graph& graph_;
  std::vector<Card> cards_;
  std::size_t asked_ = 0;
  std::size_t right_ = 0;
};

std::vector<Card> chosen_cards(Context& ctx, const QuizOptions& options, std::uint32_t seed) {
  const Graph& graph = ctx.graph();
  CardFilter filter;
  if (!options.section.empty()) filter.section = resolve_section(graph, options.section);
  if (!options.type.empty()) filter.type = resolve_type(graph.schema(), options.type);
  if (!options.kind.empty()) filter.kind = card_kind_from(options.kind);
  const std::vector<Card> all = filter_cards(graph, make_cards(graph), filter);
  if (all.empty()) throw Error(ErrorKind::no_result, "no cards match the given --section, --type and --kind");
  std::vector<Card> chosen;
  for (std::size_t i : shuffled_order(all.size(), seed)) {
    if (chosen.size() == options.count) break;
    chosen.push_back(all[i]);
  }
  return chosen;
}

} // namespace

void add_quiz(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<QuizOptions>();
  CLI::App* cmd = app.add_subcommand("quiz", "Flashcards in the terminal: answer with names or aliases, q quits");
  cmd->add_option("--section", options->section, "Only cards about nodes of this section of the notes");
  cmd->add_option("--type", options->type, "Only cards about nodes of this type (see `mlkg stats`)");
  cmd->add_option("--kind", options->kind, "Only cards of this kind: relation, fact or contrast");
  cmd->add_option("--count", options->count, "How many cards")
      ->capture_default_str()
      ->check(decimal())
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000}));
  CLI::Option* seed_option =
      cmd->add_option("--seed", options->seed, "Seed of the card order: the same seed asks the same cards in order")
          ->check(decimal());
  cmd->callback([&ctx, options, seed_option] {
    options->seeded = seed_option->count() > 0;
    ctx.action = [&ctx, options] {
      const std::uint32_t seed = options->seeded ? options->seed : std::random_device{}();
      std::vector<Card> cards = chosen_cards(ctx, *options, seed);
      ctx.out << "Quiz: " << cards.size() << (cards.size() == 1 ? " card" : " cards") << " (--seed " << seed
              << "). Answer with names or aliases, several separated by commas;\n"
                 "an empty line shows the answer, q or end of input stops.\n";
      return Session(ctx, std::move(cards)).run();
    };
  });
}

} // namespace mlkg::cli
