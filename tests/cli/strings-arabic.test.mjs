// The Arabic interface catalogue (runtime/strings/ar.json): exactly English's keys, the same placeholders per
// key, every plural string in the six categories CLDR gives Arabic, and the hand-checked plural forms of
// tests/golden/strings/ar-plurals.json said the same way by the pages' lookup (web/js/words.js) as by the runtime
// (tests/unit/strings_test.cpp reads the same file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { say } from '../../web/js/words.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const english = readJson('runtime/strings/en.json');
const arabic = readJson('runtime/strings/ar.json');
const golden = readJson('tests/golden/strings/ar-plurals.json');

// The {name}s of a string, or of all the forms of a plural string, as a sorted list.
function placeholders(entry) {
  const texts = typeof entry === 'string' ? [entry] : Object.entries(entry).filter(([k]) => !k.startsWith('@')).map(([, t]) => t);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{([a-z-]+)\}/g)].map((m) => m[1])))].sort();
}

test('ar.json has exactly the keys of en.json, in the same order, and says it is Arabic, right to left', () => {
  assert.deepEqual(Object.keys(arabic).filter((k) => !k.startsWith('@')), Object.keys(english).filter((k) => !k.startsWith('@')));
  assert.equal(arabic['@language'], 'ar');
  assert.equal(arabic['@direction'], 'rtl');
  assert.equal(arabic['@name'], 'العربية');
});

test('every Arabic string has the placeholders of its English one, and no English text is left in it', () => {
  const differ = [];
  const untranslated = [];
  for (const [key, entry] of Object.entries(english)) {
    if (key.startsWith('@')) continue;
    if (placeholders(arabic[key]).join() !== placeholders(entry).join()) differ.push(`${key}: ${placeholders(arabic[key])} ≠ ${placeholders(entry)}`);
    // Text with no Arabic letter is a value left in English, unless it is only placeholders, names and signs.
    const texts = typeof arabic[key] === 'string' ? [arabic[key]] : Object.values(arabic[key]).filter((t) => t !== arabic[key]['@count']);
    for (const text of texts) {
      const words = text.replace(/\{[a-z-]+\}/g, '').replace(/Tessera|JSON|[^A-Za-z\u0600-\u06ff]+/g, ' ').trim();
      if (words && !/[\u0600-\u06ff]/.test(words)) untranslated.push(`${key}: ${text}`);
    }
  }
  assert.deepEqual(differ, []);
  assert.deepEqual(untranslated, []);
});

test('every plural string has exactly the six categories CLDR gives Arabic, and keeps the argument it counts', () => {
  const rules = readJson('node_modules/cldr-core/supplemental/plurals.json').supplemental['plurals-type-cardinal'].ar;
  const categories = Object.keys(rules).map((k) => k.replace('pluralRule-count-', '')).sort();
  assert.deepEqual(categories, ['few', 'many', 'one', 'other', 'two', 'zero']);
  const plural = Object.keys(english).filter((k) => typeof english[k] === 'object');
  assert.ok(plural.length >= 30, `${plural.length} plural strings`);
  for (const key of plural) {
    assert.equal(typeof arabic[key], 'object', key);
    assert.deepEqual(Object.keys(arabic[key]).filter((c) => !c.startsWith('@')).sort(), categories, key);
    assert.equal(arabic[key]['@count'], english[key]['@count'], key);
  }
});

test('the hand-checked Arabic plural categories agree with ICU (Intl.PluralRules), and the pages say the golden texts', () => {
  const rules = new Intl.PluralRules('ar');
  for (const [n, category] of Object.entries(golden.categories)) assert.equal(rules.select(Number(n)), category, `n = ${n}`);
  for (const { key, values, text } of golden.texts) assert.equal(say(key, values, arabic), text, `${key} ${JSON.stringify(values)}`);
});

test('in a right-to-left sentence each value is a bidi isolate; in a left-to-right one it goes in as it is', () => {
  assert.equal(say('page.wallet.download-named', { name: 'SBI basics' }, arabic), 'تنزيل: \u2068SBI basics\u2069');
  assert.equal(say('page.wallet.download-named', { name: 'SBI basics' }, english), 'Download: SBI basics');
});
