// `tessera insights [INPUT...] --course PACKAGE_DIR --out DIR [--lrs URL [--lrs-auth VALUE]] [--activity IRI]
// [--min-group N]`: what learners' shared records say
// about a course (item analysis as Moodle's quiz statistics define it, the journey, scenarios and surveys),
// computed by SQLite from the SQL in cli/insights/ and written as CSV, JSON and an HTML report (docs/insights.md).
// Exit 0: the report is written (inputs that failed their checks are counted in it); 1: the package does not
// verify or the report cannot be written; 2: wrong use, or the package cannot be read.
#include <cstdio>
#include <filesystem>
#include <set>

#include "args.hpp"
#include "credential_support.hpp"
#include "files.hpp"
#include "insights_load.hpp"
#include "insights_lrs.hpp"
#include "insights_report.hpp"
#include "insights_sql.hpp"
#include "output.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

std::set<std::string> table_names(SqliteDb& db) {
  std::set<std::string> names;
  for (const auto& row : db.query("SELECT name FROM sqlite_master WHERE type = 'table'").rows)
    names.insert(std::get<std::string>(row[0]));
  return names;
}

// Runs every SQL file after the schema and returns the tables they made, in the order they were made.
std::vector<insights::NamedTable> run_analyses(SqliteDb& db) {
  std::vector<insights::NamedTable> made;
  for (const auto& file : insights::sql_files()) {
    if (file.name.starts_with("00-")) continue;
    const auto before = table_names(db);
    db.exec(file.text, file.name);
    for (const auto& name : table_names(db)) {
      if (before.count(name) == 0) made.push_back({name, {}});
    }
  }
  for (auto& named : made) named.table = db.query("SELECT * FROM \"" + named.name + "\"");
  return made;
}

int write_report(const fs::path& out, const insights::ReportFacts& facts,
                 const std::vector<insights::NamedTable>& tables) {
  std::error_code error;
  fs::create_directories(out, error);
  if (error) {
    std::fprintf(stderr, "tessera insights: cannot make %s: %s\n", utf8::printable(out.string()).c_str(),
                 error.message().c_str());
    return 1;
  }
  std::vector<std::pair<std::string, std::string>> files;
  files.reserve(tables.size() + 2);
  for (const auto& named : tables) files.emplace_back(named.name + ".csv", insights::to_csv(named.table));
  files.emplace_back("insights.json", insights::to_json_text(facts, tables));
  files.emplace_back("index.html", insights::to_html(facts, tables));
  for (const auto& [name, text] : files) {
    if (const auto failure = write_file_atomically(out / name, text); !failure.empty()) {
      std::fprintf(stderr, "tessera insights: %s\n", utf8::printable(failure).c_str());
      return 1;
    }
  }
  return 0;
}

// The course's statements in the LRS: those about the course or with it among their context activities, and the
// answers, whose context names the assessment block they were given in.
std::string read_from_lrs(insights::Loader& loader, const course::Course& course, const std::string& url,
                          const std::string& authorization) {
  std::vector<std::string> activities = {loader.activity()};
  for (const auto& module : course.modules)
    for (const auto& block : module.blocks)
      if (block.type == course::BlockType::assessment) activities.push_back(loader.activity() + "/" + block.id);
  // The queries overlap (an attempt's passed names the block and has the course as parent): each statement the
  // LRS returns is taken once here; a repeat the LRS itself holds is still counted by the loader.
  std::set<std::string> seen;
  std::size_t pages = 0;
  return insights::read_lrs(url, authorization, activities, [&](const nlohmann::json& statements) {
    nlohmann::json fresh = nlohmann::json::array();
    for (const auto& statement : statements) {
      const auto id = statement.is_object() ? statement.find("id") : statement.end();
      if (id == statement.end() || !id->is_string() || seen.insert(id->get<std::string>()).second)
        fresh.push_back(statement);
    }
    loader.load_statements("LRS " + url + " page " + std::to_string(++pages), fresh);
  });
}

}  // namespace

int insights_command(Args args) {
  static const CommandLine line{
      .command = "insights",
      .usage =
          "tessera insights [INPUT...] --course PACKAGE_DIR --out DIR [--lrs URL [--lrs-auth VALUE]] "
          "[--activity IRI] [--min-group N]",
      .positional = {"INPUT"},
      .last_repeats = true,
      .last_optional = true,
      .options = {"--course", "--out", "--min-group", "--lrs", "--lrs-auth", "--activity"},
      .required = {"--course", "--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  if (parsed->positional.empty() && !parsed->has("--lrs"))
    return usage_error(line, "give at least one INPUT (records, proofs, statements) or an LRS with --lrs URL");
  if (parsed->has("--lrs-auth") && !parsed->has("--lrs")) return usage_error(line, "--lrs-auth goes with --lrs URL");
  const std::string min_group_text = parsed->get("--min-group", "5");
  if (min_group_text.empty() || min_group_text.size() > 6 ||
      min_group_text.find_first_not_of("0123456789") != std::string::npos || std::stoi(min_group_text) < 1)
    return usage_error(line, "--min-group must be a whole number of learners from 1 to 999999");
  bool unreadable = false;
  const auto package = open_verified_package(parsed->get("--course"), "insights", {}, unreadable);
  if (!package) return unreadable ? 2 : 1;
  auto loaded = course::load(package->files.at("course.json"));
  if (!loaded.course) {
    print_problems(stderr, parsed->get("--course") + "/course.json", loaded.problems);
    return 1;
  }
  const auto course = std::make_shared<const course::Course>(std::move(*loaded.course));
  insights::ReportFacts facts{course->id, course->version,          course->title.in(course->default_language, ""), 0,
                              0,          std::stoi(min_group_text)};
  try {
    SqliteDb db;
    // 512 MiB of page cache: a classroom's records stay in memory; 100,000 learners spill to the temporary file.
    db.exec("PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY; PRAGMA journal_mode = OFF");
    db.exec(insights::sql_files().front().text, insights::sql_files().front().name);
    db.exec("INSERT INTO settings VALUES ('min_group', " + std::to_string(facts.min_group) + ")");
    db.exec("BEGIN");
    insights::Loader loader(db, *package, course);
    loader.load_course();
    if (parsed->has("--activity")) loader.set_activity(parsed->get("--activity"));
    for (const auto& input : parsed->positional) loader.load_input(input);
    if (parsed->has("--lrs")) {
      if (const auto failure = read_from_lrs(loader, *course, parsed->get("--lrs"), parsed->get("--lrs-auth", ""));
          !failure.empty()) {
        std::fprintf(stderr, "tessera insights: %s\n", utf8::printable(failure).c_str());
        return 1;
      }
    }
    loader.finish_statements();
    db.exec("COMMIT");
    facts.learners = static_cast<std::int64_t>(loader.kept());
    facts.dropped = static_cast<std::int64_t>(loader.dropped());
    const auto tables = run_analyses(db);
    if (const int failed = write_report(parsed->get("--out"), facts, tables)) return failed;
  } catch (const SqlError& error) {
    std::fprintf(stderr, "tessera insights: SQLite: %s\n", utf8::printable(error.what()).c_str());
    return 1;
  }
  std::printf("%lld learner%s analysed, %lld input%s left out; report in %s\n", static_cast<long long>(facts.learners),
              facts.learners == 1 ? "" : "s", static_cast<long long>(facts.dropped), facts.dropped == 1 ? "" : "s",
              utf8::printable((fs::path(parsed->get("--out")) / "index.html").string()).c_str());
  return 0;
}

}  // namespace tessera::cli
