// Writes a C++ source holding the interface strings catalogues (runtime/strings/<language>.json), each with
// its CLDR plural rules (npm cldr-core) and number symbols (npm cldr-numbers-full), the languages and scripts CLDR writes right to left, and the same
// catalogues as JSON for pages that run no runtime (the site's strings/<language>.json, read by js/words.js),
// each with the English of the keys it lacks under "@english", so a page falls back without a second download:
//   node embed-strings.mjs STRINGS_DIR NODE_MODULES OUT.cpp [OUT_JSON_DIR [SOURCE_ROOT]]
// With SOURCE_ROOT, the C++ copy leaves out the pages' own words (page.*) that no C++ source names: the pages
// read those from the JSON, and every byte of the C++ copy is downloaded with the canvas player (issue 28).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const [stringsDir, nodeModules, outCpp, outJsonDir, sourceRoot] = process.argv.slice(2).map((p) => resolve(p));
const plurals = JSON.parse(readFileSync(join(nodeModules, 'cldr-core/supplemental/plurals.json'), 'utf8'))
  .supplemental['plurals-type-cardinal'];

const catalogues = [];
for (const file of readdirSync(stringsDir).filter((name) => name.endsWith('.json')).sort()) {
  const language = file.slice(0, -'.json'.length);
  const catalogue = JSON.parse(readFileSync(join(stringsDir, file), 'utf8'));
  if (catalogue['@language'] !== language) throw new Error(`runtime/strings/${file}: "@language" must be "${language}"`);
  const rules = plurals[language];
  if (!rules) throw new Error(`runtime/strings/${file}: CLDR has no plural rules for "${language}"`);
  // { "one": "i = 1 and v = 0 @integer 1", "other": " @integer 0, 2~16, …" }: the samples stay, tests use them.
  // Number symbols (latn digits): the decimal and group separators and the percent pattern, from CLDR.
  const numbers = JSON.parse(readFileSync(join(nodeModules, `cldr-numbers-full/main/${language}/numbers.json`), 'utf8'))
    .main[language].numbers;
  const symbols = numbers['symbols-numberSystem-latn'];
  catalogue['@decimal'] = symbols.decimal;
  catalogue['@group'] = symbols.group;
  catalogue['@percent'] = numbers['percentFormats-numberSystem-latn'].standard;
  catalogue['@plural'] = Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key.replace('pluralRule-count-', ''), rule.trim()]));
  catalogues.push([language, catalogue]);
}
if (!catalogues.some(([language]) => language === 'en')) throw new Error('runtime/strings/en.json is missing: English is the fallback');

// Right-to-left: the scripts CLDR marks rtl, and every language whose likely script is one of them.
const scripts = JSON.parse(readFileSync(join(nodeModules, 'cldr-core/scriptMetadata.json'), 'utf8')).scriptMetadata;
const rtlScripts = Object.keys(scripts).filter((script) => scripts[script].rtl === 'YES').sort();
const likely = JSON.parse(readFileSync(join(nodeModules, 'cldr-core/supplemental/likelySubtags.json'), 'utf8'))
  .supplemental.likelySubtags;
const rtlLanguages = Object.keys(likely)
  .filter((tag) => !tag.includes('-') && tag !== 'und' && rtlScripts.includes(likely[tag].split('-')[1])).sort();
for (const [language, catalogue] of catalogues) {
  const direction = rtlLanguages.includes(language) ? 'rtl' : 'ltr';
  if (catalogue['@direction'] !== direction) {
    throw new Error(`runtime/strings/${language}.json: "@direction" must be "${direction}", as CLDR writes ${language}`);
  }
}
// The catalogue plus "@english": the English of each key it lacks (none for English itself), so a page shows
// English, with English plural forms, where a translation is missing (as the runtime does).
function withEnglishFallback(catalogue) {
  const english = catalogues.find(([language]) => language === 'en')[1];
  const missing = Object.keys(english).filter((key) => !key.startsWith('@') && !(key in catalogue));
  return missing.length ? { ...catalogue, '@english': Object.fromEntries(missing.map((key) => [key, english[key]])) } : catalogue;
}
const list = (items) => items.map((item) => `"${item}"`).join(', ');

// The page.* keys, or key prefixes ending in "." ("page.level."), that C++ sources under SOURCE_ROOT name.
function pageKeysInCpp(root) {
  const named = new Set();
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(cpp|hpp)$/.test(entry.name)) for (const m of readFileSync(path, 'utf8').matchAll(/"(page\.[A-Za-z0-9.-]*)/g)) named.add(m[1]);
    }
  };
  for (const dir of ['runtime', 'cli', 'player', 'web/bindings']) if (existsSync(join(root, dir))) visit(join(root, dir));
  return [...named];
}
const cppNamed = sourceRoot ? pageKeysInCpp(sourceRoot) : null;
const inCpp = (key) => !cppNamed || !key.startsWith('page.') || cppNamed.some((n) => key === n || (n.endsWith('.') && key.startsWith(n)));
const forCpp = (catalogue) => Object.fromEntries(Object.entries(catalogue).filter(([key]) => inCpp(key)));

let cpp = '// Generated by cmake/embed-strings.mjs from runtime/strings/*.json and CLDR (npm cldr-core); do not edit.\n';
cpp += '#include "strings/catalogue_data.hpp"\n\n#include <string>\n\nnamespace tessera::strings::detail {\n\n';
// A catalogue as C++ string literals joined at first use: one literal may hold at most 65,536 bytes (clang's
// -Woverlength-strings under -Wpedantic), so the text goes in pieces of at most 16,000 UTF-16 units (48,000
// bytes of UTF-8), never splitting a surrogate pair.
function literalPieces(text) {
  const pieces = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + 16000, text.length);
    if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end -= 1;
    pieces.push(`R"tessera_strings(${text.slice(start, end)})tessera_strings"`);
    start = end;
  }
  return pieces;
}
cpp += 'const std::vector<EmbeddedCatalogue>& embedded_catalogues() {\n';
for (const [language, catalogue] of catalogues) {
  const text = JSON.stringify(forCpp(catalogue));
  if (text.includes(')tessera_strings"')) throw new Error(`runtime/strings/${language}.json contains the raw-string delimiter`);
  cpp += `  static const std::string text_${language.replace(/\W/g, '_')} = ${literalPieces(text).map((piece) => `std::string(${piece})`).join(' +\n      ')};\n`;
  if (outJsonDir) {
    mkdirSync(outJsonDir, { recursive: true });
    writeFileSync(join(outJsonDir, `${language}.json`), `${JSON.stringify(withEnglishFallback(catalogue))}\n`);
  }
}
cpp += '  static const std::vector<EmbeddedCatalogue> catalogues = {\n';
for (const [language] of catalogues) cpp += `      {"${language}", text_${language.replace(/\W/g, '_')}},\n`;
cpp += '  };\n  return catalogues;\n}\n\n';
cpp += `const std::vector<std::string_view>& rtl_scripts() {\n  static const std::vector<std::string_view> scripts = {${list(rtlScripts)}};\n  return scripts;\n}\n\n`;
cpp += `const std::vector<std::string_view>& rtl_languages() {\n  static const std::vector<std::string_view> languages = {${list(rtlLanguages)}};\n  return languages;\n}\n\n`;
cpp += '}  // namespace tessera::strings::detail\n';
mkdirSync(dirname(outCpp), { recursive: true });
writeFileSync(outCpp, cpp);
