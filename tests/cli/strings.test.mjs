// tessera strings export/import (XLIFF 2.0) and validate's missing and stale translations: round trips byte for
// byte, an edited target patches that string only, exports validate against OASIS's XLIFF 2.0 core schema.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ok, tessera } from '../lib/cli.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const SCHEMA = join(ROOT, 'tests/golden/xliff-xsd/xliff_core_2.0.xsd');
const COURSES = readdirSync(join(ROOT, 'content'), { withFileTypes: true })
  
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && existsSync(join(ROOT, 'content', entry.name, 'course.json')))
  .map((entry) => entry.name);

// A course folder of its own in a temporary directory (course.json only: the tools read nothing else).
function courseCopy(name) {
  const dir = mkdtempSync(join(tmpdir(), `strings-${name}-`));
  copyFileSync(join(ROOT, 'content', name, 'course.json'), join(dir, 'course.json'));
  return dir;
}

function schemaCheck(file) {
  return spawnSync('xmllint', ['--nonet', '--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
}

const xmlText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The XLIFF text with the unit named `pointer` given `target` (state translated).
function withTarget(xliff, pointer, target) {
  const start = xliff.indexOf(`name="${pointer}"`);
  assert.ok(start > 0, `no unit ${pointer}`);
  const end = xliff.indexOf('</unit>', start);
  let unit = xliff.slice(start, end).replace(/state="[a-z]+"/, 'state="translated"').replace(/<target>[^]*?<\/target>/, '');
  unit = unit.replace('</source>', `</source>\n        <target>${xmlText(target)}</target>`);
  return xliff.slice(0, start) + unit + xliff.slice(end);
}

test('every sample course goes out as XLIFF 2.0 that validates against the core schema, and comes back byte for byte', () => {
  assert.ok(COURSES.length >= 3);
  for (const name of COURSES) {
    for (const language of ['fr', 'ar']) {
      const dir = courseCopy(name);
      const before = readFileSync(join(dir, 'course.json'));
      const xlf = join(dir, `${language}.xlf`);
      ok('strings', 'export', dir, '--lang', language, '--out', xlf);
      const check = schemaCheck(xlf);
      assert.equal(check.status, 0, `${name} ${language}: ${check.stderr}`);
      const xliff = readFileSync(xlf, 'utf8');
      assert.match(xliff, /srcLang="en" trgLang="/);
      assert.match(xliff, /<unit id="u1" name="\/title">/);
      ok('strings', 'import', dir, xlf);
      assert.ok(readFileSync(join(dir, 'course.json')).equals(before), `${name} ${language}: course.json changed`);
    }
  }
});

// A course text as its languages: a plain string is the default language's (English in the samples).
const inLanguages = (text) => (typeof text === 'string' ? { en: text } : text);

test('the schema check is real: a wrong state is refused by xmllint', () => {
  const dir = courseCopy('spotting-phishing');
  const xlf = join(dir, 'de.xlf');  // a language the course has not: every unit is still to translate
  ok('strings', 'export', dir, '--lang', 'de', '--out', xlf);
  writeFileSync(xlf, readFileSync(xlf, 'utf8').replace('state="initial"', 'state="done"'));
  assert.notEqual(schemaCheck(xlf).status, 0);
});

test('an edited target changes exactly that string of course.json', () => {
  const dir = courseCopy('giving-feedback');
  const before = readFileSync(join(dir, 'course.json'), 'utf8');
  const course = JSON.parse(before);
  assert.ok(course.languages.includes('fr') && typeof course.title === 'object', 'giving-feedback has French titles');
  const xlf = join(dir, 'fr.xlf');
  ok('strings', 'export', dir, '--lang', 'fr', '--out', xlf);
  const edited = `${course.title.fr} <révisé> & "corrigé"`;
  writeFileSync(xlf, withTarget(readFileSync(xlf, 'utf8'), '/title', edited));
  ok('strings', 'import', dir, xlf);
  const after = readFileSync(join(dir, 'course.json'), 'utf8');
  const old = JSON.stringify(course.title.fr);
  assert.equal(before.split(old).length, 2, 'the old title appears once, so the expected bytes are unambiguous');
  assert.equal(after, before.replace(old, JSON.stringify(edited)));
  // The digest of the English it was translated from is kept beside the course.
  const record = JSON.parse(readFileSync(join(dir, 'translations.json'), 'utf8'));
  assert.match(record.fr['/title'], /^sha256:[0-9a-f]{16}$/);
});

test('a new language: a text in one language becomes an object, the course lists it, validate lists what is missing and then what is stale', () => {
  const dir = courseCopy('inclusive-meetings');
  const before = readFileSync(join(dir, 'course.json'), 'utf8');
  const original = JSON.parse(before);
  const xlf = join(dir, 'de.xlf');
  ok('strings', 'export', dir, '--lang', 'de', '--out', xlf);
  let xliff = readFileSync(xlf, 'utf8');
  const blockText = '/modules/0/blocks/1/markdown';
  xliff = withTarget(xliff, '/title', 'Inklusive Besprechungen');
  xliff = withTarget(xliff, blockText, 'Erster **Absatz**\n\nZweiter Absatz');
  writeFileSync(xlf, xliff);
  ok('strings', 'import', dir, xlf);
  const after = JSON.parse(readFileSync(join(dir, 'course.json'), 'utf8'));
  assert.deepEqual(after.title, { ...inLanguages(original.title), de: 'Inklusive Besprechungen' });
  assert.equal(after.modules[0].blocks[1].markdown.de, 'Erster **Absatz**\n\nZweiter Absatz');
  assert.deepEqual(after.languages, [...original.languages, 'de']);
  const expected = structuredClone(original);
  expected.title = after.title;
  expected.languages = after.languages;
  expected.modules[0].blocks[1].markdown = after.modules[0].blocks[1].markdown;
  assert.deepEqual(after, expected, 'nothing else changed');

  let report = JSON.parse(tessera('validate', join(dir, 'course.json'), '--json').out);
  assert.equal(report.valid, true);
  const missing = report.problems.filter((p) => /no de translation/.test(p.message)).map((p) => p.where);
  assert.ok(missing.includes('/summary') && missing.includes('/modules/0/title'));
  assert.ok(!missing.includes('/title') && !missing.includes(blockText));

  // The English title changes after the translation: the German one is now stale, and the export says so.
  const text = readFileSync(join(dir, 'course.json'), 'utf8');
  writeFileSync(join(dir, 'course.json'), text.replace(JSON.stringify(inLanguages(original.title).en), JSON.stringify('Meetings for everyone')));
  report = JSON.parse(tessera('validate', join(dir, 'course.json'), '--json').out);
  const stale = report.problems.filter((p) => /stale/.test(p.message)).map((p) => p.where);
  assert.deepEqual(stale, ['/title']);
  ok('strings', 'export', dir, '--lang', 'de', '--out', xlf);
  assert.match(readFileSync(xlf, 'utf8'), /name="\/title">\s*<notes>\s*<note>The en text changed[^<]*<\/note>\s*<\/notes>\s*<segment state="initial">/);
});

test('an XLIFF whose source no longer matches the course is skipped, and a broken file is refused with its line', () => {
  const dir = courseCopy('spotting-phishing');
  const xlf = join(dir, 'fr.xlf');
  ok('strings', 'export', dir, '--lang', 'fr', '--out', xlf);
  const course = JSON.parse(readFileSync(join(dir, 'course.json'), 'utf8'));
  writeFileSync(xlf, withTarget(readFileSync(xlf, 'utf8'), '/title', 'Repérer l’hameçonnage'));
  const text = readFileSync(join(dir, 'course.json'), 'utf8');
  writeFileSync(join(dir, 'course.json'), text.replace(JSON.stringify(inLanguages(course.title).en), JSON.stringify('Phishing, spotted')));
  const run = ok('strings', 'import', dir, xlf);
  assert.match(run.err, /skipped \/title: its source text changed/);
  writeFileSync(xlf, '<xliff version="2.0"><file>');
  const broken = tessera('strings', 'import', dir, xlf);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /line \d+/);
});

test('the interface catalogue: export validates, an unchanged import keeps fr.json, an edited target changes that string only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strings-interface-'));
  mkdirSync(join(dir, 'strings'));
  for (const file of ['en.json', 'fr.json']) copyFileSync(join(ROOT, 'runtime/strings', file), join(dir, 'strings', file));
  const strings = join(dir, 'strings');
  const before = readFileSync(join(strings, 'fr.json'), 'utf8');
  const xlf = join(dir, 'fr.xlf');
  ok('strings', 'export', '--interface', '--lang', 'fr', '--dir', strings, '--out', xlf);
  assert.equal(schemaCheck(xlf).status, 0);
  ok('strings', 'import', '--interface', xlf, '--dir', strings);
  assert.equal(readFileSync(join(strings, 'fr.json'), 'utf8'), before);
  const french = JSON.parse(before);
  writeFileSync(xlf, withTarget(readFileSync(xlf, 'utf8'), '/action.open.next', 'Continuer'));
  ok('strings', 'import', '--interface', xlf, '--dir', strings);
  assert.equal(readFileSync(join(strings, 'fr.json'), 'utf8'),
    before.replace(`"action.open.next": ${JSON.stringify(french['action.open.next'])}`, '"action.open.next": "Continuer"'));
});

test("a plural key new in English reaches an Arabic translator with all six of Arabic's CLDR categories", () => {
  const dir = mkdtempSync(join(tmpdir(), 'strings-plural-'));
  const strings = join(dir, 'strings');
  mkdirSync(strings);
  for (const file of ['en.json', 'ar.json']) copyFileSync(join(ROOT, 'runtime/strings', file), join(strings, file));
  const english = JSON.parse(readFileSync(join(strings, 'en.json'), 'utf8'));
  english['test.new-count'] = { one: '{count} new card', other: '{count} new cards' };
  writeFileSync(join(strings, 'en.json'), JSON.stringify(english, null, 2));
  const xlf = join(dir, 'ar.xlf');
  ok('strings', 'export', '--interface', '--lang', 'ar', '--dir', strings, '--out', xlf);
  const named = [...readFileSync(xlf, 'utf8').matchAll(/name="\/test\.new-count\/([a-z]+)"/g)].map((m) => m[1]).sort();
  // CLDR's Arabic plural categories (cldr-core plurals.json, "ar"): zero, one, two, few, many, other.
  assert.deepEqual(named, ['few', 'many', 'one', 'other', 'two', 'zero']);
});

test('an import into a published package is refused, saying to translate the source and pack again', () => {
  const work = mkdtempSync(join(tmpdir(), 'strings-published-'));
  const dir = join(work, 'spotting-phishing');
  cpSync(join(ROOT, 'content/spotting-phishing'), dir, { recursive: true });
  const keys = join(work, 'keys');
  ok('keygen', '--out', keys, '--seed', '22'.repeat(32));
  const dist = join(work, 'dist');
  ok('pack', dir, '--key', join(keys, 'publisher.key'), '--out', dist);
  const published = join(dist, 'spotting-phishing', JSON.parse(readFileSync(join(dir, 'course.json'), 'utf8')).version);
  const before = readFileSync(join(published, 'course.json'));
  const xlf = join(dir, 'fr.xlf');
  ok('strings', 'export', published, '--lang', 'fr', '--out', xlf);
  const run = tessera('strings', 'import', published, xlf);
  assert.equal(run.code, 1);
  assert.match(run.err, /is a published package; translate the course's source folder, then tessera pack it again/);
  assert.ok(readFileSync(join(published, 'course.json')).equals(before), 'the package is untouched');
});

test("a file from the other kind of export is refused, and so is a trgLang that is not a language tag; nothing is written", () => {
  const dir = mkdtempSync(join(tmpdir(), 'strings-crossed-'));
  const strings = join(dir, 'strings');
  mkdirSync(strings);
  for (const file of ['en.json', 'fr.json']) copyFileSync(join(ROOT, 'runtime/strings', file), join(strings, file));
  const interfaceXlf = join(dir, 'interface-fr.xlf');
  ok('strings', 'export', '--interface', '--lang', 'fr', '--dir', strings, '--out', interfaceXlf);
  const course = courseCopy('spotting-phishing');
  const courseBefore = readFileSync(join(course, 'course.json'));
  const intoCourse = tessera('strings', 'import', course, interfaceXlf);
  assert.equal(intoCourse.code, 1);
  assert.match(intoCourse.err, /exported from 'strings\/fr\.json', not course\.json: import an interface catalogue's file with --interface/);
  const courseXlf = join(dir, 'course-fr.xlf');
  ok('strings', 'export', course, '--lang', 'fr', '--out', courseXlf);
  const frBefore = readFileSync(join(strings, 'fr.json'));
  const intoInterface = tessera('strings', 'import', '--interface', courseXlf, '--dir', strings);
  assert.equal(intoInterface.code, 1);
  assert.match(intoInterface.err, /exported from 'course\.json', not strings\/fr\.json/);
  // A trgLang names the catalogue file written: one that climbs out of the folder is not a tag.
  writeFileSync(interfaceXlf, readFileSync(interfaceXlf, 'utf8').replace('trgLang="fr"', 'trgLang="../fr"'));
  const climbing = tessera('strings', 'import', '--interface', interfaceXlf, '--dir', strings);
  assert.equal(climbing.code, 1);
  assert.match(climbing.err, /trgLang '\.\.\/fr' is not a language tag/);
  assert.ok(readFileSync(join(course, 'course.json')).equals(courseBefore), 'the course is untouched');
  assert.ok(readFileSync(join(strings, 'fr.json')).equals(frBefore), 'fr.json is untouched');
});
