// The report of `tessera insights` (see insights_report.hpp).
#include "insights_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "lms_manifests.hpp"
#include "tessera/crypto.hpp"

namespace tessera::cli::insights {

namespace {

using lms::xml_escaped;

// A real as text: up to 10 significant digits, the shortest that shows them ("0.704", "-7.065076753").
std::string number_text(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[32];
  if (std::snprintf(buffer, sizeof buffer, "%.10g", value) < 0) return {};
  return buffer;
}

std::string value_text(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return number_text(*real);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return {};
}

std::optional<double> value_number(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  return std::nullopt;
}

nlohmann::ordered_json value_json(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value))
    return std::isfinite(*real) ? nlohmann::ordered_json(*real) : nullptr;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return nullptr;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// What each table is, for people: its heading and one sentence.
struct TableText {
  const char* heading;
  const char* about;
};

const std::map<std::string, TableText>& table_texts() {
  static const std::map<std::string, TableText> texts = {
      {"dropped_reasons", {"Inputs left out", "Records and proofs that failed a check, by reason; none is analysed."}},
      {"item_stats",
       {"Item analysis",
        "Per item, as Moodle's quiz statistics define them: facility index, standard deviation, discrimination "
        "index and discriminative efficiency, over each learner's first attempt and over all attempts."}},
      {"assessment_stats",
       {"Assessment statistics",
        "Per assessment: attempt totals, and the coefficient of internal consistency (Cronbach's alpha, as a "
        "percentage), error ratio and standard error."}},
      {"distractors", {"Choices picked", "How often each choice was picked, over every submitted attempt."}},
      {"item_flags", {"Items to review", "Items flagged with the reason, from learners' first attempts."}},
      {"funnel", {"Journey: every block", "Learners who reached and who completed each block, in course order."}},
      {"module_stops", {"Where learners stop", "Learners who have not finished, by the module of their last step."}},
      {"module_time",
       {"Time on task per module",
        "Minutes spent by the learners who completed each module, against its declared "
        "estimate (gaps over 5 minutes count as 5)."}},
      {"attempts_to_pass",
       {"Attempts to pass", "Per assessment with a pass mark: who passed, after how many attempts."}},
      {"mastery_rates",
       {"Mastery per competency", "Learners assessed on each competency and the share who mastered it."}},
      {"pretest_skips",
       {"Pre-test skip rates",
        "Per pre-test and each module it lets learners skip: who took it, who passed, and who skipped the module "
        "by it (the module counted complete without its blocks)."}},
      {"scenario_meters_at_end",
       {"Scenario meters at the end",
        "Per ending, each meter's value when runs ended there: least, quartiles, median, most and mean, against "
        "the meter's declared range."}},
      {"scenario_endings", {"Scenario endings", "How many runs reached each ending (empty: still under way)."}},
      {"scenario_paths", {"Scenario paths", "Each path of choices and how many runs took it."}},
      {"survey_likert", {"Survey: scales", "Answers per point of each Likert item."}},
      {"survey_text",
       {"Survey: written answers",
        "Only from learners who chose to share their own words; reflections are never "
        "shown."}}};
  return texts;
}

const SqlTable* find_table(const std::vector<NamedTable>& tables, std::string_view name) {
  const auto found = std::find_if(tables.begin(), tables.end(), [&](const NamedTable& t) { return t.name == name; });
  return found == tables.end() ? nullptr : &found->table;
}

std::size_t column_of(const SqlTable& table, std::string_view name) {
  const auto found = std::find(table.columns.begin(), table.columns.end(), name);
  return static_cast<std::size_t>(found - table.columns.begin());
}

// One bar of a chart: its label and a value per series (nullopt: not shown, a small group).
struct Bar {
  std::string label;
  std::vector<std::optional<double>> values;
};

// A horizontal bar chart as SVG: one row per bar, one colour per series, scaled to `scale_max`. The figure's
// numbers are in the table that follows it, so the SVG is an image with a title and a description.
std::string bar_chart(const std::string& id, const std::string& title, const std::vector<std::string>& series,
                      const std::vector<Bar>& bars, double scale_max) {
  constexpr int label_width = 220;
  constexpr int plot_width = 420;
  constexpr int row_height = 22;
  const int bar_height = static_cast<int>(16 / std::max<std::size_t>(series.size(), 1));
  const auto height = static_cast<int>(bars.size()) * row_height + 30;
  std::string svg = "<figure><svg role=\"img\" aria-labelledby=\"" + id + "-t\" viewBox=\"0 0 " +
                    std::to_string(label_width + plot_width + 60) + " " + std::to_string(height) + "\" width=\"" +
                    std::to_string(label_width + plot_width + 60) + "\" height=\"" + std::to_string(height) +
                    "\"><title id=\"" + id + "-t\">" + xml_escaped(title) + "</title>";
  for (std::size_t b = 0; b < bars.size(); ++b) {
    const int y = static_cast<int>(b) * row_height + 4;
    svg += "<text x=\"" + std::to_string(label_width - 6) + "\" y=\"" + std::to_string(y + 13) +
           "\" text-anchor=\"end\" class=\"label\">" + xml_escaped(bars[b].label) + "</text>";
    for (std::size_t s = 0; s < bars[b].values.size(); ++s) {
      const auto& v = bars[b].values[s];
      if (!v || scale_max <= 0) continue;
      const int w = static_cast<int>(std::lround(std::clamp(*v / scale_max, 0.0, 1.0) * plot_width));
      svg += "<rect class=\"series" + std::to_string(s) + "\" x=\"" + std::to_string(label_width) + "\" y=\"" +
             std::to_string(y + static_cast<int>(s) * bar_height) + "\" width=\"" + std::to_string(w) + "\" height=\"" +
             std::to_string(bar_height - 1) + "\"/>";
    }
  }
  const int legend_y = static_cast<int>(bars.size()) * row_height + 20;
  for (std::size_t s = 0; s < series.size(); ++s) {
    const int x = label_width + static_cast<int>(s) * 160;
    svg += "<rect class=\"series" + std::to_string(s) + "\" x=\"" + std::to_string(x) + "\" y=\"" +
           std::to_string(legend_y - 10) + "\" width=\"12\" height=\"12\"/><text x=\"" + std::to_string(x + 16) +
           "\" y=\"" + std::to_string(legend_y) + "\" class=\"label\">" + xml_escaped(series[s]) + "</text>";
  }
  return svg + "</svg><figcaption>" + xml_escaped(title) +
         " (the numbers are in the table below)</figcaption></figure>\n";
}

// Bars from a table's columns: the label joined from `label_columns`, one series per `value_columns`.
std::vector<Bar> bars_from(const SqlTable& table, const std::vector<std::string_view>& label_columns,
                           const std::vector<std::string_view>& value_columns,
                           const std::function<bool(const std::vector<SqlValue>&)>& keep) {
  std::vector<Bar> bars;
  for (const auto& row : table.rows) {
    if (!keep(row)) continue;
    Bar bar;
    for (const auto name : label_columns)
      bar.label += (bar.label.empty() ? "" : " / ") + value_text(row[column_of(table, name)]);
    for (const auto name : value_columns) bar.values.push_back(value_number(row[column_of(table, name)]));
    bars.push_back(std::move(bar));
  }
  return bars;
}

double largest(const std::vector<Bar>& bars) {
  double most = 0;
  for (const auto& bar : bars)
    for (const auto& v : bar.values) most = std::max(most, v.value_or(0));
  return most;
}

// One row of a range chart: the five-number summary and mean of a value, on the row's own scale.
struct Range {
  std::string label;
  std::optional<double> least, lower, median, upper, most, mean;
  double scale_min = 0, scale_max = 1;
};

// A box plot as SVG, one row per range: a line from least to most, a box over the quartiles, a bar at the median
// and a diamond at the mean, each row scaled to its own [scale_min, scale_max] (printed at its ends).
std::string range_chart(const std::string& id, const std::string& title, const std::vector<Range>& rows) {
  constexpr int label_width = 260;
  constexpr int plot_width = 380;
  constexpr int row_height = 26;
  const int height = static_cast<int>(rows.size()) * row_height + 8;
  const int width = label_width + plot_width + 90;
  std::string svg = "<figure><svg role=\"img\" aria-labelledby=\"" + id + "-t\" viewBox=\"0 0 " +
                    std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) + "\"><title id=\"" + id + "-t\">" + xml_escaped(title) +
                    "</title>";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Range& row = rows[r];
    const int y = static_cast<int>(r) * row_height + 4;
    const double span = row.scale_max > row.scale_min ? row.scale_max - row.scale_min : 1;
    const auto px = [&](double v) {
      return label_width + std::lround(std::clamp((v - row.scale_min) / span, 0.0, 1.0) * plot_width);
    };
    const auto x = [&](double v) { return std::to_string(px(v)); };
    svg += "<text x=\"" + std::to_string(label_width - 6) + "\" y=\"" + std::to_string(y + 14) +
           "\" text-anchor=\"end\" class=\"label\">" + xml_escaped(row.label) + "</text>";
    svg += "<text x=\"" + std::to_string(label_width + plot_width + 6) + "\" y=\"" + std::to_string(y + 14) +
           "\" class=\"label\">" + xml_escaped(number_text(row.scale_min) + "–" + number_text(row.scale_max)) +
           "</text>";
    if (!row.least || !row.most || !row.lower || !row.upper || !row.median) continue;  // a small group
    const std::string mid = std::to_string(y + 10);
    svg += "<line class=\"whisker\" x1=\"" + x(*row.least) + "\" x2=\"" + x(*row.most) + "\" y1=\"" + mid + "\" y2=\"" +
           mid + "\"/>";
    svg += "<rect class=\"series0\" x=\"" + x(*row.lower) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
           std::to_string(std::max(2L, px(*row.upper) - px(*row.lower))) + "\" height=\"14\"/>";
    svg += "<rect class=\"series1\" x=\"" + x(*row.median) + "\" y=\"" + std::to_string(y + 1) +
           "\" width=\"3\" height=\"18\"/>";
    if (row.mean) {
      const std::string cx = x(*row.mean);
      svg += "<path class=\"series2\" d=\"M" + cx + " " + std::to_string(y + 3) + "l6 7-6 7-6-7z\"/>";
    }
  }
  return svg + "</svg><figcaption>" + xml_escaped(title) +
         ": the line runs from the least to the most value, the box covers the quartiles, the bar is the median "
         "and the diamond the mean (the numbers are in the table below)</figcaption></figure>\n";
}

std::string meter_chart(const SqlTable& table) {
  std::vector<Range> rows;
  const auto number = [&](const std::vector<SqlValue>& row, std::string_view column) {
    return value_number(row[column_of(table, column)]);
  };
  for (const auto& row : table.rows) {
    Range range{value_text(row[column_of(table, "block")]) + " / " + value_text(row[column_of(table, "ending")]) +
                    " / " + value_text(row[column_of(table, "meter")]),
                number(row, "least"),
                number(row, "lower_quartile"),
                number(row, "median"),
                number(row, "upper_quartile"),
                number(row, "most"),
                number(row, "mean")};
    // The declared bounds, else the values seen.
    range.scale_min = number(row, "meter_min").value_or(std::min(0.0, range.least.value_or(0)));
    range.scale_max = number(row, "meter_max").value_or(std::max(range.most.value_or(1), range.scale_min + 1));
    rows.push_back(std::move(range));
  }
  return range_chart("chart-meters", "Each meter's value at each ending", rows);
}

std::string chart_for(const std::string& name, const SqlTable& table) {
  const auto all = [](const std::vector<SqlValue>&) { return true; };
  if (name == "funnel") {
    const auto bars = bars_from(table, {"block"}, {"reached", "completed"}, all);
    return bar_chart("chart-funnel", "Learners reaching and completing each block", {"reached", "completed"}, bars,
                     largest(bars));
  }
  if (name == "item_stats") {
    const std::size_t kind = column_of(table, "kind");
    const auto bars = bars_from(table, {"assessment", "item"}, {"facility"},
                                [kind](const std::vector<SqlValue>& row) { return value_text(row[kind]) == "first"; });
    return bar_chart("chart-facility", "Facility index per item, first attempts (1 = everyone right)", {"facility"},
                     bars, 1);
  }
  if (name == "module_time") {
    const auto bars = bars_from(table, {"module"}, {"declared_minutes", "median_minutes"}, all);
    return bar_chart("chart-time", "Declared and median minutes per module", {"declared", "median spent"}, bars,
                     largest(bars));
  }
  if (name == "module_stops") {
    const auto bars = bars_from(table, {"module"}, {"stop_rate"}, all);
    return bar_chart("chart-stops", "Share of learners who stopped in each module", {"stop rate"}, bars, 1);
  }
  if (name == "pretest_skips") {
    const auto bars = bars_from(table, {"assessment", "module"}, {"skip_rate"}, all);
    return bar_chart("chart-skips", "Share of pre-test takers who skipped each module", {"skip rate"}, bars, 1);
  }
  if (name == "scenario_meters_at_end") return meter_chart(table);
  if (name == "survey_likert") {
    const auto bars = bars_from(table, {"block", "item", "point"}, {"answers"}, all);
    return bar_chart("chart-likert", "Answers per point of each scale", {"answers"}, bars, largest(bars));
  }
  return {};
}

std::string html_table(const std::string& name, const SqlTable& table) {
  const auto text = table_texts().find(name);
  const std::string heading = text == table_texts().end() ? name : text->second.heading;
  std::string html =
      "<section aria-labelledby=\"h-" + name + "\"><h2 id=\"h-" + name + "\">" + xml_escaped(heading) + "</h2>\n";
  if (text != table_texts().end()) html += "<p>" + xml_escaped(text->second.about) + "</p>\n";
  if (table.rows.empty()) return html + "<p>Nothing to show.</p></section>\n";
  html += chart_for(name, table);
  html += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"h-" + name + "\"><table><caption>" +
          xml_escaped(heading) + " (" + name + ".csv)</caption><thead><tr>";
  for (const auto& column : table.columns) html += "<th scope=\"col\">" + xml_escaped(column) + "</th>";
  html += "</tr></thead><tbody>\n";
  for (const auto& row : table.rows) {
    html += "<tr>";
    for (const auto& value : row) {
      const bool number = value_number(value).has_value();
      html += std::string(number ? "<td class=\"n\">" : "<td>") + xml_escaped(value_text(value)) + "</td>";
    }
    html += "</tr>\n";
  }
  return html + "</tbody></table></div></section>\n";
}

constexpr const char* style_text =
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1a1a1a;"
    "background:#fff;line-height:1.45}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem}"
    "table{border-collapse:collapse;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.3rem 0}"
    "th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}.scroll:focus{outline:3px solid #1d4ed8}"
    "svg{max-width:100%;height:auto}.label{font-size:12px;fill:#1a1a1a}.series0{fill:#1d4ed8}"
    ".series1{fill:#b45309}.series2{fill:#047857}.whisker{stroke:#1a1a1a;stroke-width:2}figure{margin:1rem "
    "0}figcaption{font-size:.85rem;color:#333}";

// The CSP hash source of the one style element: 'sha256-' and the standard base64 of its SHA-256.
std::string style_hash() {
  std::string encoded = crypto::base64url_encode(crypto::sha256(crypto::as_bytes(std::string_view(style_text))));
  std::replace(encoded.begin(), encoded.end(), '-', '+');
  std::replace(encoded.begin(), encoded.end(), '_', '/');
  while (encoded.size() % 4 != 0) encoded += '=';
  return "'sha256-" + encoded + "'";
}

}  // namespace

std::string to_csv(const SqlTable& table) {
  std::string csv;
  for (std::size_t c = 0; c < table.columns.size(); ++c) csv += (c ? "," : "") + csv_field(table.columns[c]);
  csv += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) csv += (c ? "," : "") + csv_field(value_text(row[c]));
    csv += "\r\n";
  }
  return csv;
}

std::string to_json_text(const ReportFacts& facts, const std::vector<NamedTable>& tables) {
  nlohmann::ordered_json out = {{"format", "tessera-insights"},
                                {"version", 1},
                                {"course", {{"id", facts.course_id}, {"version", facts.course_version}}},
                                {"learners", facts.learners},
                                {"dropped", facts.dropped},
                                {"minGroup", facts.min_group},
                                {"tables", nlohmann::ordered_json::object()}};
  for (const auto& named : tables) {
    auto rows = nlohmann::ordered_json::array();
    for (const auto& row : named.table.rows) {
      nlohmann::ordered_json object = nlohmann::ordered_json::object();
      for (std::size_t c = 0; c < row.size(); ++c) object[named.table.columns[c]] = value_json(row[c]);
      rows.push_back(std::move(object));
    }
    out["tables"][named.name] = std::move(rows);
  }
  return out.dump(2) + "\n";
}

std::string to_html(const ReportFacts& facts, const std::vector<NamedTable>& tables) {
  const std::string title = "Insights: " + facts.course_title + " " + facts.course_version;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src " +
      style_hash() +
      "; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      xml_escaped(title) + "</title>\n<style>" + style_text + "</style></head>\n<body><main>\n<h1>" +
      xml_escaped(title) + "</h1>\n<p>" + std::to_string(facts.learners) + " learners analysed; " +
      std::to_string(facts.dropped) + " inputs left out. Groups of fewer than " + std::to_string(facts.min_group) +
      " learners are shown only as counts. Every table is also in a CSV file beside this page, and all of them "
      "in insights.json.</p>\n";
  const std::vector<std::string_view> order = {
      "item_flags",    "dropped_reasons",  "item_stats",     "assessment_stats",       "distractors",
      "funnel",        "module_stops",     "module_time",    "pretest_skips",          "attempts_to_pass",
      "mastery_rates", "scenario_endings", "scenario_paths", "scenario_meters_at_end", "survey_likert",
      "survey_text"};
  for (const auto name : order) {
    if (const auto* table = find_table(tables, name)) html += html_table(std::string(name), *table);
  }
  for (const auto& named : tables) {
    if (std::find(order.begin(), order.end(), named.name) == order.end()) html += html_table(named.name, named.table);
  }
  return html + "</main></body></html>\n";
}

}  // namespace tessera::cli::insights
