// XLIFF 2.0 core, written and read with libxml2 (xliff.hpp).
#include "xliff.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include <memory>
#include <string_view>
#include <utility>

#include "tessera/strings.hpp"

namespace tessera::cli {

namespace {

constexpr const char* xliff_namespace = "urn:oasis:names:tc:xliff:document:2.0";

const xmlChar* x(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

// libxml2's strings are unsigned char; ours are std::string.
std::string attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, x(name));
  if (!value) return {};
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

std::string content(xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  std::string result = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return result;
}

bool is(xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && node->ns &&
         std::string_view(reinterpret_cast<const char*>(node->ns->href)) == xliff_namespace &&
         std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

xmlNode* child(xmlNode* parent, std::string_view name) {
  for (xmlNode* node = parent->children; node; node = node->next) {
    if (is(node, name)) return node;
  }
  return nullptr;
}

void write_unit(xmlTextWriterPtr writer, const XliffUnit& unit, std::size_t index) {
  xmlTextWriterStartElement(writer, x("unit"));
  // Unit ids are NMTOKENs, which a pointer's '/' is not: the pointer is the unit's name.
  xmlTextWriterWriteAttribute(writer, x("id"), x(("u" + std::to_string(index + 1)).c_str()));
  xmlTextWriterWriteAttribute(writer, x("name"), x(unit.pointer.c_str()));
  if (!unit.note.empty()) {
    xmlTextWriterStartElement(writer, x("notes"));
    xmlTextWriterWriteElement(writer, x("note"), x(unit.note.c_str()));
    xmlTextWriterEndElement(writer);
  }
  xmlTextWriterStartElement(writer, x("segment"));
  xmlTextWriterWriteAttribute(writer, x("state"), x(unit.state.c_str()));
  xmlTextWriterWriteElement(writer, x("source"), x(unit.source.c_str()));
  if (unit.target) xmlTextWriterWriteElement(writer, x("target"), x(unit.target->c_str()));
  xmlTextWriterEndElement(writer);
  xmlTextWriterEndElement(writer);
}

std::optional<XliffUnit> read_unit(xmlNode* node, std::string& error) {
  XliffUnit unit;
  unit.pointer = attribute(node, "name");
  xmlNode* segment = child(node, "segment");
  xmlNode* source = segment ? child(segment, "source") : nullptr;
  if (unit.pointer.empty() || !source) {
    error = "line " + std::to_string(xmlGetLineNo(node)) + ": a unit needs a name (the text's JSON pointer) and a " +
            "segment with a source; keep the units as `tessera strings export` wrote them";
    return std::nullopt;
  }
  unit.source = content(source);
  if (xmlNode* target = child(segment, "target")) unit.target = content(target);
  const std::string state = attribute(segment, "state");
  unit.state = state.empty() ? "initial" : state;
  return unit;
}

void read_units(xmlNode* parent, XliffDocument& document, std::string& error) {
  for (xmlNode* node = parent->children; node && error.empty(); node = node->next) {
    if (is(node, "group")) read_units(node, document, error);
    if (!is(node, "unit")) continue;
    if (auto unit = read_unit(node, error)) document.units.push_back(std::move(*unit));
  }
}

}  // namespace

std::string write_xliff(const XliffDocument& document) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), xmlBufferFree);
  xmlTextWriterPtr writer = xmlNewTextWriterMemory(buffer.get(), 0);
  xmlTextWriterSetIndent(writer, 1);
  xmlTextWriterSetIndentString(writer, x("  "));
  xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nullptr);
  xmlTextWriterStartElementNS(writer, nullptr, x("xliff"), x(xliff_namespace));
  xmlTextWriterWriteAttribute(writer, x("version"), x("2.0"));
  xmlTextWriterWriteAttribute(writer, x("srcLang"), x(document.source_language.c_str()));
  xmlTextWriterWriteAttribute(writer, x("trgLang"), x(document.target_language.c_str()));
  xmlTextWriterStartElement(writer, x("file"));
  xmlTextWriterWriteAttribute(writer, x("id"), x("f1"));
  xmlTextWriterWriteAttribute(writer, x("original"), x(document.original.c_str()));
  xmlTextWriterWriteAttribute(writer, x("canResegment"), x("no"));
  // Texts are Markdown: their line breaks and spaces are meant.
  xmlTextWriterWriteAttribute(writer, x("xml:space"), x("preserve"));
  for (std::size_t i = 0; i < document.units.size(); ++i) write_unit(writer, document.units[i], i);
  xmlTextWriterEndDocument(writer);
  xmlFreeTextWriter(writer);
  return {reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
          static_cast<std::size_t>(xmlBufferLength(buffer.get()))};
}

std::optional<XliffDocument> read_xliff(const std::string& text, std::string& error) {
  // No network, no external entities, no DTD loading: the file is the translator's, read as data.
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlReadMemory(text.data(), static_cast<int>(text.size()), "file.xlf", nullptr, XML_PARSE_NONET), xmlFreeDoc);
  if (!doc) {
    const xmlError* last = xmlGetLastError();
    error = last ? "line " + std::to_string(last->line) + ": " + std::string(last->message ? last->message : "")
                 : "not XML";
    while (!error.empty() && error.back() == '\n') error.pop_back();
    return std::nullopt;
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || !is(root, "xliff") || !attribute(root, "version").starts_with("2.")) {
    error = "not an XLIFF 2 document: its root must be <xliff version=\"2.0\" xmlns=\"" + std::string(xliff_namespace) +
            "\">";
    return std::nullopt;
  }
  XliffDocument document;
  document.source_language = attribute(root, "srcLang");
  document.target_language = attribute(root, "trgLang");
  if (document.target_language.empty()) {
    error = "the <xliff> element has no trgLang: say which language the targets are in";
    return std::nullopt;
  }
  // The languages name files (strings/<trgLang>.json) and course members: a tag's shape, nothing else.
  for (const auto& [name, tag] :
       {std::pair{"srcLang", &document.source_language}, std::pair{"trgLang", &document.target_language}}) {
    if (!strings::is_language_tag(*tag)) {
      error = std::string("the <xliff> element's ") + name + " '" + *tag +
              "' is not a language tag: write a BCP 47 tag such as \"fr\"";
      return std::nullopt;
    }
  }
  for (xmlNode* file = root->children; file && error.empty(); file = file->next) {
    if (!is(file, "file")) continue;
    if (document.original.empty()) document.original = attribute(file, "original");
    read_units(file, document, error);
  }
  if (!error.empty()) return std::nullopt;
  return document;
}

}  // namespace tessera::cli
