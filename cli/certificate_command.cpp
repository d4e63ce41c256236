// `tessera certificate CREDENTIAL --name NAME --verifier URL --out FILE.pdf`: the printable certificate of an
// Open Badges 3.0 credential as a one-page PDF (A4 or US Letter) with the credential attached, the same facts
// and words as the web app's certificate page, and a QR code of the verification link (the verifier page at
// URL with the credential deflated into its #z= fragment). The credential is verified first; a refused one
// gets no certificate. Exit 0: written; 1: refused, or the PDF could not be made; 2: wrong use or an
// unreadable file. docs/credentials.md "Certificates".
#include <hpdf.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <qrcodegen/qrcodegen.hpp>
#include <string>
#include <vector>

#include "args.hpp"
#include "clock.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/crypto.hpp"
#include "tessera/gzip.hpp"
#include "tessera/strings.hpp"
#include "tessera/utf8.hpp"
#include "tessera/verifier.hpp"

namespace tessera::cli {

namespace {

using nlohmann::json;

// Debian's fonts-noto-core (scripts/bootstrap installs it): Latin, Greek and Cyrillic, embedded as subsets.
constexpr const char* regular_font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
constexpr const char* bold_font = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

// libharu reports errors through a callback; the first one is kept and the PDF is not written.
struct PdfError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};
void on_pdf_error(HPDF_STATUS code, HPDF_STATUS detail, void* data) {
  auto* error = static_cast<PdfError*>(data);
  if (error->code == HPDF_OK) *error = {code, detail};
}

// One page being laid out from the top down, each line centred.
class Layout {
 public:
  Layout(HPDF_Page page, HPDF_Font regular, HPDF_Font bold) : page_(page), regular_(regular), bold_(bold) {
    width_ = HPDF_Page_GetWidth(page);
    y_ = HPDF_Page_GetHeight(page) - 90;
  }

  // A centred paragraph, wrapped within the page's text column.
  void paragraph(const std::string& text, float size, bool strong = false, float space_after = 8) {
    if (text.empty()) return;
    HPDF_Page_SetFontAndSize(page_, strong ? bold_ : regular_, size);
    const float left = 80;
    const float right = width_ - 80;
    const float line = size * 1.35f;
    const float height = line * static_cast<float>(lines_needed(text, right - left)) + 2;
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetTextLeading(page_, line);
    HPDF_Page_TextRect(page_, left, y_, right, y_ - height, text.c_str(), HPDF_TALIGN_CENTER, nullptr);
    HPDF_Page_EndText(page_);
    y_ -= height + space_after;
  }

  // A dark QR code of `modules` (row by row), `side` points wide, centred, with its quiet zone.
  void qr_code(const qrcodegen::QrCode& code, float side) {
    const int count = code.getSize();
    const float cell = side / static_cast<float>(count + 8);
    const float x0 = (width_ - side) / 2 + 4 * cell;
    const float top = y_ - 4 * cell;
    HPDF_Page_SetRGBFill(page_, 0, 0, 0);
    for (int y = 0; y < count; ++y) {
      for (int x = 0; x < count;) {
        if (!code.getModule(x, y)) {
          ++x;
          continue;
        }
        int run = x;
        while (run < count && code.getModule(run, y)) ++run;  // a run of dark modules is one rectangle
        HPDF_Page_Rectangle(page_, x0 + static_cast<float>(x) * cell, top - static_cast<float>(y + 1) * cell,
                            static_cast<float>(run - x) * cell, cell);
        x = run;
      }
    }
    HPDF_Page_Fill(page_);
    y_ -= side + 8;
  }

  void frame() {
    const float height = HPDF_Page_GetHeight(page_);
    HPDF_Page_SetLineWidth(page_, 3);
    HPDF_Page_Rectangle(page_, 40, 40, width_ - 80, height - 80);
    HPDF_Page_Stroke(page_);
  }

 private:
  // How many lines `text` takes at the current font within `width` points (as TextRect breaks at spaces).
  std::size_t lines_needed(const std::string& text, float width) const {
    std::size_t lines = 1;
    std::string current;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find(' ', start), text.size());
      const std::string word = text.substr(start, end - start);
      const std::string tried = current.empty() ? word : current + " " + word;
      if (!current.empty() && HPDF_Page_TextWidth(page_, tried.c_str()) > width) {
        ++lines;
        current = word;
      } else {
        current = tried;
      }
      start = end + 1;
    }
    return lines;
  }

  HPDF_Page page_;
  HPDF_Font regular_, bold_;
  float width_ = 0;
  float y_ = 0;
};

// "2027-01-02" of an ISO 8601 date-time: a date every reader parses, whatever their language.
std::string day_of(const json& value) { return value.is_string() ? value.get<std::string>().substr(0, 10) : ""; }

// "Issued by: Example Academy" ("Délivré par : …"): each language's own punctuation.
std::string fact(const strings::Catalogue& words, const char* label, const std::string& value) {
  return words.text("page.certificate.fact", {{"label", words.text(label)}, {"value", value}});
}

std::string score_text(const json& score, const strings::Catalogue& words) {
  if (!score.is_string()) return "";
  std::string value = score.get<std::string>();
  const auto slash = value.find('/');
  if (slash == std::string::npos) return value;
  return words.text("page.verify.score", {{"score", value.substr(0, slash)}, {"max", value.substr(slash + 1)}});
}

struct Certificate {
  std::string name, link, verdict_line, attachment;
  json subject;
  HPDF_PageSizes paper = HPDF_PAGE_SIZE_A4;
};

// Lays out and saves the certificate; false after printing why.
bool write_pdf(const Certificate& c, const strings::Catalogue& words, const std::filesystem::path& out) {
  qrcodegen::QrCode code = qrcodegen::QrCode::encodeText("", qrcodegen::QrCode::Ecc::LOW);
  try {
    code = qrcodegen::QrCode::encodeBinary(std::vector<std::uint8_t>(c.link.begin(), c.link.end()),
                                           qrcodegen::QrCode::Ecc::MEDIUM);
  } catch (const qrcodegen::data_too_long&) {
    std::fprintf(stderr, "tessera certificate: the verification link is %zu bytes, more than a QR code holds\n",
                 c.link.size());
    return false;
  }
  PdfError error;
  HPDF_Doc pdf = HPDF_New(on_pdf_error, &error);
  if (!pdf) return false;
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  const char* regular_name = HPDF_LoadTTFontFromFile(pdf, regular_font, HPDF_TRUE);
  const char* bold_name = HPDF_LoadTTFontFromFile(pdf, bold_font, HPDF_TRUE);
  HPDF_Page page = HPDF_AddPage(pdf);
  if (error.code == HPDF_OK) {
    HPDF_Page_SetSize(page, c.paper, HPDF_PAGE_PORTRAIT);
    Layout layout(page, HPDF_GetFont(pdf, regular_name, "UTF-8"), HPDF_GetFont(pdf, bold_name, "UTF-8"));
    layout.frame();
    layout.paragraph(words.text("page.certificate.kind-credential"), 14, true, 14);
    layout.paragraph(words.text("page.certificate.certifies"), 12);
    layout.paragraph(c.name, 26, true, 10);
    layout.paragraph(words.text("page.certificate.earned"), 12);
    layout.paragraph(c.subject.value("achievement", ""), 22, true, 6);
    layout.paragraph(c.subject.value("description", json("")).is_string() ? c.subject.value("description", "") : "", 11,
                     false, 14);
    layout.paragraph(fact(words, "page.certificate.issuer", c.subject.value("issuer", "")), 12, false, 2);
    layout.paragraph(fact(words, "page.certificate.issued", day_of(c.subject.value("validFrom", json()))), 12, false,
                     2);
    const std::string until = day_of(c.subject.value("validUntil", json()));
    layout.paragraph(
        fact(words, "page.certificate.valid-until", until.empty() ? words.text("page.certificate.no-expiry") : until),
        12, false, 2);
    const std::string score = score_text(c.subject.value("score", json()), words);
    if (!score.empty()) layout.paragraph(fact(words, "page.certificate.score", score), 12, false, 2);
    std::string competencies;
    for (const auto& name : c.subject.value("competencies", json::array())) {
      competencies += (competencies.empty() ? "" : " · ") + name.get<std::string>();
    }
    if (!competencies.empty()) layout.paragraph(fact(words, "page.certificate.competencies", competencies), 12);
    // The issuer's policy links (its signed profile's), as on the certificate page.
    const json policies = c.subject.value("policies", json::object());
    for (const char* kind : {"eligibility", "verification", "appeal"}) {
      const json link = policies.value(kind, json());
      const std::string label = std::string("page.policy.") + kind;
      if (link.is_string()) layout.paragraph(fact(words, label.c_str(), link.get<std::string>()), 10, false, 2);
    }
    layout.paragraph(" ", 6);
    layout.qr_code(code, 160);
    layout.paragraph(c.verdict_line, 10);
  }
  // The credential itself, attached under its own file name: relative to its folder, so no path leaks in.
  const auto here = std::filesystem::current_path();
  const std::filesystem::path attachment = std::filesystem::absolute(c.attachment);
  std::filesystem::current_path(attachment.parent_path());
  if (error.code == HPDF_OK) HPDF_AttachFile(pdf, attachment.filename().c_str());
  if (error.code == HPDF_OK) HPDF_SaveToFile(pdf, std::filesystem::absolute(here / out).c_str());
  std::filesystem::current_path(here);
  HPDF_Free(pdf);
  if (error.code != HPDF_OK) {
    std::fprintf(stderr, "tessera certificate: the PDF could not be made (libharu error 0x%04X, detail %u)\n",
                 static_cast<unsigned>(error.code), static_cast<unsigned>(error.detail));
    return false;
  }
  return true;
}

}  // namespace

int certificate_command(Args args) {
  static const CommandLine line{
      .command = "certificate",
      .usage =
          "tessera certificate CREDENTIAL --name NAME --verifier URL --out FILE.pdf [--paper a4|letter] "
          "[--status-list FILE] [--now ISO] [--language TAG]",
      .positional = {"CREDENTIAL"},
      .options = {"--name", "--verifier", "--out", "--paper", "--status-list", "--now", "--language"},
      .required = {"--name", "--verifier", "--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string verifier = parsed->get("--verifier");
  if (!verifier.starts_with("https://") && !verifier.starts_with("http://")) {
    return usage_error(line, "--verifier takes the verifier page's URL, e.g. https://learn.example/verify/");
  }
  const std::string paper = parsed->get("--paper", "a4");
  if (paper != "a4" && paper != "letter") return usage_error(line, "--paper takes a4 or letter");
  for (const char* font : {regular_font, bold_font}) {
    if (!std::filesystem::exists(font)) {
      std::fprintf(stderr, "tessera certificate: %s is missing; install Debian's fonts-noto-core\n", font);
      return 2;
    }
  }
  const std::string path = parsed->positional[0];
  const auto text = read_input_file(path, "certificate");
  if (!text) return 2;
  credential::VerifyOptions options;
  std::optional<json> status_list;
  if (parsed->has("--status-list")) {
    JsonFile list = read_json_file(parsed->get("--status-list"), "certificate");
    if (!list.value) return list.exit_code;
    status_list = std::move(list.value);
    options.status_lists.push_back(&*status_list);
  }
  options.now = parsed->get("--now", now_utc());
  options.language = parsed->get("--language");
  const auto report = credential::verify_text(*text, options);
  const auto& words = strings::Catalogue::for_language(report.language);
  if (!report.ok()) {
    for (const auto& check : report.checks) {
      if (check.status == credential::CheckStatus::fail) {
        std::fprintf(stderr, "tessera certificate: %s\n",
                     words.text("page.certificate.refused", {{"reason", check.sentence}}).c_str());
        break;
      }
    }
    return 1;
  }
  if (report.kind != "achievement-credential") {
    std::fprintf(stderr,
                 "tessera certificate: %s is a learner's completion proof, not an issued credential; issue a "
                 "credential from it (tessera issue), or print its certificate page from the wallet\n",
                 utf8::printable(path).c_str());
    return 1;
  }
  Certificate certificate;
  certificate.name = parsed->get("--name");
  certificate.subject = report.to_json()["subject"];
  certificate.attachment = path;
  certificate.paper = paper == "a4" ? HPDF_PAGE_SIZE_A4 : HPDF_PAGE_SIZE_LETTER;
  // The credential without the file's white space (a signature covers its canonical form, not its spacing), so
  // a credential with its learning outcomes still fits the QR code.
  const std::string compact = report.document.dump();
  const auto deflated = gzip::compress_raw(crypto::as_bytes(compact));
  certificate.link = verifier + "#z=" + crypto::base64url_encode(crypto::ByteView(deflated.data(), deflated.size()));
  const auto undecided = report.undecided();
  certificate.verdict_line =
      undecided.empty()
          ? words.text("page.certificate.verified", {{"date", options.now.substr(0, 10)}, {"host", verifier}})
          : words.text("page.certificate.undecided",
                       {{"date", options.now.substr(0, 10)}, {"what", report.checks[undecided.front()].sentence}});
  const std::string out = parsed->get("--out");
  if (!write_pdf(certificate, words, out)) return 1;
  std::fprintf(stderr, "tessera certificate: wrote %s (%s, the credential attached)\n", utf8::printable(out).c_str(),
               paper == "a4" ? "A4" : "US Letter");
  return 0;
}

}  // namespace tessera::cli
