// The pages' words (issue 18): js/words.js's lookup (plural forms and numbers by the language, the English of a
// key a catalogue lacks, the view's words as they come), which language a page picks, the catalogues the build
// writes for pages (a missing key's English under "@english"), and the page assembly's data-word checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPageWords, say, useWords, word, wordsLanguage } from '../../web/js/words.js';
import { interfaceLanguage } from '../../web/js/settings.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NNBSP = '\u202f';

// A French catalogue as the build writes it for pages, cut down by hand: "page.catalog.none" is missing, so its
// English comes under "@english".
const french = {
  '@language': 'fr', '@direction': 'ltr',
  'page.catalog.count': { one: '{count} cours disponible.', many: '{count} de cours disponibles.', other: '{count} cours disponibles.' },
  'page.dashboard.met-count': { '@count': 'met', one: '{met} condition remplie sur {total}.', other: '{met} conditions remplies sur {total}.' },
  'page.course.downloading': 'Téléchargement du fichier {done} sur {all}…',
  '@english': {
    'page.catalog.none': 'No courses are published here yet.',
    'page.catalog.count-en': { one: '{count} course available.', other: '{count} courses available.' },
  },
};

test('a plural string takes the form its language needs for the number its @count names (CLDR via Intl)', () => {
  // French: 0 and 1 are "one", a million is "many"; English: 0 is "other" (CLDR plural rules, by hand).
  assert.equal(say('page.catalog.count', { count: 0 }, french), '0 cours disponible.');
  assert.equal(say('page.catalog.count', { count: 1 }, french), '1 cours disponible.');
  assert.equal(say('page.catalog.count', { count: 3 }, french), '3 cours disponibles.');
  assert.equal(say('page.catalog.count', { count: 1000000 }, french), `1${NNBSP}000${NNBSP}000 de cours disponibles.`);
  // French agrees with what is met, whatever the total.
  assert.equal(say('page.dashboard.met-count', { met: 1, total: 4 }, french), '1 condition remplie sur 4.');
  assert.equal(say('page.dashboard.met-count', { met: 2, total: 4 }, french), '2 conditions remplies sur 4.');
});

test('numbers are written as the language writes them; text values go in as they are', () => {
  assert.equal(say('page.course.downloading', { done: 1234, all: 2000 }, french), `Téléchargement du fichier 1${NNBSP}234 sur 2${NNBSP}000…`);
  assert.equal(say('page.course.downloading', { done: '12', all: 'x' }, french), 'Téléchargement du fichier 12 sur x…');
});

test('a key the catalogue lacks is said in English, with English plural rules; a key nobody has shows as itself', () => {
  assert.equal(say('page.catalog.none', {}, french), 'No courses are published here yet.');
  // English 0 is "other", where French would take "one".
  assert.equal(say('page.catalog.count-en', { count: 0 }, french), '0 courses available.');
  assert.equal(say('page.catalog.count-en', { count: 1 }, french), '1 course available.');
  assert.equal(say('page.nowhere', {}, french), 'page.nowhere');
});

test('the HTML player\'s words are the view\'s, used as they come; `word` reads "ui.*"', () => {
  useWords({ 'ui.moved': '« {text} » est maintenant en position {place} sur {count}.', 'ui.true': 'Vrai' });
  assert.equal(word('true'), 'Vrai');
  // The view's words carry no language: numbers are not reformatted.
  assert.equal(word('moved', { text: 'B', place: 1000, count: 2000 }), '« B » est maintenant en position 1000 sur 2000.');
  assert.equal(wordsLanguage(), 'en');
  useWords(french);
  assert.equal(say('page.course.downloading', { done: 1, all: 2 }), 'Téléchargement du fichier 1 sur 2…');
  assert.equal(wordsLanguage(), 'fr');
  useWords({});
});

test('on a player\'s page the view\'s words come first, then the page\'s catalogue for the page\'s own messages', async () => {
  assert.equal(say('page.course.downloading', { done: 1, all: 2 }), 'page.course.downloading', 'no page catalogue yet');
  const savedFetch = globalThis.fetch;
  const fetched = [];
  globalThis.fetch = async (url) => {
    fetched.push(String(url));
    return { ok: true, json: async () => ({ ...french, 'ui.true': 'Vrai (catalogue)' }) };
  };
  try {
    await loadPageWords('fr');
  } finally {
    globalThis.fetch = savedFetch;
  }
  assert.match(fetched[0], /\/strings\/fr\.json$/);
  // The player then draws a view: its words are in use, and the page's messages still find theirs.
  useWords({ 'ui.true': 'Vrai' });
  assert.equal(word('true'), 'Vrai');
  assert.equal(say('page.course.downloading', { done: 1, all: 2 }), 'Téléchargement du fichier 1 sur 2…');
  assert.equal(say('page.catalog.none'), 'No courses are published here yet.', 'the catalogue\'s @english');
  // Words passed explicitly are the only source.
  assert.equal(say('page.course.downloading', {}, { 'ui.true': 'Vrai' }), 'page.course.downloading');
  useWords({});
});

// Every word the web code asks for by a literal key, e.g. say('page.storage.download') or word('true').
function wordsAskedFor() {
  const asked = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        const text = readFileSync(path, 'utf8');
        for (const [, key] of text.matchAll(/\bsay\(\s*'([a-z][\w.-]*)'/g)) asked.set(key, path);
        for (const [, key] of text.matchAll(/\bword\(\s*'([a-z][\w.-]*)'/g)) asked.set(`ui.${key}`, path);
      }
    }
  };
  walk(join(ROOT, 'web/js'));
  return asked;
}

test('every word the web code asks for by name is in the English catalogue, and every page word in the French one', () => {
  const english = JSON.parse(readFileSync(join(ROOT, 'runtime/strings/en.json'), 'utf8'));
  const frenchCatalogue = JSON.parse(readFileSync(join(ROOT, 'runtime/strings/fr.json'), 'utf8'));
  const asked = wordsAskedFor();
  assert.ok(asked.size > 100, `found ${asked.size} keys asked for in web/js`);
  const missing = [...asked].filter(([key]) => english[key] === undefined).map(([key, path]) => `${key} (${path})`);
  assert.deepEqual(missing, [], 'keys asked for that runtime/strings/en.json lacks');
  const untranslated = [...asked.keys()].filter((key) => key.startsWith('page.') && frenchCatalogue[key] === undefined);
  assert.deepEqual(untranslated, [], 'page words runtime/strings/fr.json lacks');
});

test('every sentence the verifier core asks for is in the English and the French catalogue', () => {
  const english = JSON.parse(readFileSync(join(ROOT, 'runtime/strings/en.json'), 'utf8'));
  const french = JSON.parse(readFileSync(join(ROOT, 'runtime/strings/fr.json'), 'utf8'));
  // The verifier core, the status checks it runs and the endorsement check for each endorsement a credential carries.
  const source = ['verifier.cpp', 'status_check.cpp', 'endorsement.cpp'].map((file) => readFileSync(join(ROOT, 'runtime/src/credential', file), 'utf8')).join('\n');
  const asked = new Set([...source.matchAll(/"(verify\.[a-z][\w.-]*)"/g)].map(([, key]) => key));
  // proof_label builds its key from these two and a suffix.
  for (const key of ['verify.proof.the', 'verify.proof.nth']) asked.add(`${key}-with-id`);
  // status_check.cpp's purpose_key builds "verify.status.[suspension-]WHAT" from a prefix and the word it names.
  asked.delete('verify.status.');
  // missing_list gives it the word for a list that could not be had: "unreachable" or "no-list".
  const missingListWords = source.match(/missing_list\([^)]*\) \{[\s\S]*?\n\}/)[0].matchAll(/"([a-z-]+)"/g);
  const words = [...source.matchAll(/purpose_key\([^,()]+,\s*"([a-z-]+)"\)/g), ...missingListWords];
  for (const [, what] of words) {
    asked.add(`verify.status.${what}`);
    asked.add(`verify.status.suspension-${what}`);
  }
  assert.ok(asked.size > 70, `found ${asked.size} keys in verifier.cpp, status_check.cpp and endorsement.cpp`);
  assert.deepEqual([...asked].filter((key) => english[key] === undefined), [], 'keys en.json lacks');
  assert.deepEqual([...asked].filter((key) => french[key] === undefined), [], 'keys fr.json lacks');
  const unused = Object.keys(english).filter((key) => key.startsWith('verify.') && !asked.has(key));
  assert.deepEqual(unused, [], 'verify.* keys no code asks for');
});

// A stand-in for the page: its <html data-words-from>, the site's languages <meta>, the browser's languages.
function withPage({ from, languages = 'en fr', browser }, run) {
  const saved = { document: globalThis.document, navigator: globalThis.navigator };
  globalThis.document = {
    documentElement: { dataset: from ? { wordsFrom: from } : {} },
    querySelector: () => ({ content: languages }),
  };
  Object.defineProperty(globalThis, 'navigator', { value: { languages: browser }, configurable: true });
  try {
    return run();
  } finally {
    globalThis.document = saved.document;
    Object.defineProperty(globalThis, 'navigator', { value: saved.navigator, configurable: true });
  }
}

test('a learner\'s page speaks the learner\'s language, the verifier the browser\'s; English when the site has neither', () => {
  assert.equal(withPage({ browser: ['en-GB'] }, () => interfaceLanguage({ language: 'fr' })), 'fr');
  assert.equal(withPage({ browser: ['de-DE', 'fr-CA'] }, () => interfaceLanguage({ language: '' })), 'fr');
  assert.equal(withPage({ browser: ['de-DE'] }, () => interfaceLanguage({ language: 'es' })), 'en');
  // The verifier has no learner: a stored choice does not count.
  assert.equal(withPage({ from: 'browser', browser: ['en-US', 'fr'] }, () => interfaceLanguage({ language: 'fr' })), 'en');
  assert.equal(withPage({ from: 'browser', browser: ['fr-FR', 'en'] }, () => interfaceLanguage({ language: '' })), 'fr');
});

test('the build writes each catalogue for pages with the English of the keys it lacks under "@english"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-words-'));
  try {
    const strings = join(dir, 'strings');
    mkdirSync(strings);
    cpSync(join(ROOT, 'runtime/strings/en.json'), join(strings, 'en.json'));
    const fr = JSON.parse(readFileSync(join(ROOT, 'runtime/strings/fr.json'), 'utf8'));
    delete fr['page.catalog.none'];
    writeFileSync(join(strings, 'fr.json'), JSON.stringify(fr));
    const run = spawnSync(process.execPath, [join(ROOT, 'cmake/embed-strings.mjs'), strings, join(ROOT, 'node_modules'),
      join(dir, 'out/strings.cpp'), join(dir, 'out/json')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const built = JSON.parse(readFileSync(join(dir, 'out/json/fr.json'), 'utf8'));
    assert.deepEqual(built['@english'], { 'page.catalog.none': 'No courses are published here yet.' });
    assert.equal(say('page.catalog.none', {}, built), 'No courses are published here yet.');
    assert.equal(say('page.catalog.count', { count: 2 }, built), '2 cours disponibles.');
    assert.equal(built['@decimal'], ',');
    assert.equal(JSON.parse(readFileSync(join(dir, 'out/json/en.json'), 'utf8'))['@english'], undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Assembles the site's pages from a copy of web/ whose catalog page has `content` as its body.
function assembleWith(content) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pages-'));
  try {
    cpSync(join(ROOT, 'web/html'), join(dir, 'web/html'), { recursive: true });
    writeFileSync(join(dir, 'web/html/index.html'), `<!-- The catalog. -->\n${content}\n`);
    mkdirSync(join(dir, 'strings'));
    writeFileSync(join(dir, 'strings/en.json'), JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'runtime/strings/en.json'), 'utf8'))));
    writeFileSync(join(dir, 'strings/fr.json'), '{}');
    const run = spawnSync(process.execPath, [join(ROOT, 'cmake/assemble-pages.mjs'), join(dir, 'web'), join(dir, 'site'), join(dir, 'strings')], { encoding: 'utf8' });
    return { code: run.status, err: run.stderr, html: run.status === 0 ? readFileSync(join(dir, 'site/index.html'), 'utf8') : '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the pages are assembled in English from the catalogue, with the site\'s languages; a wrong data-word stops the build', () => {
  const ok = assembleWith('<h1 data-word="page.catalog.heading"></h1><nav data-word-label="nav.main"></nav>');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.html, /<h1 data-word="page.catalog.heading">Courses<\/h1>/);
  assert.match(ok.html, /<nav data-word-label="nav.main" aria-label="Main">/);
  assert.match(ok.html, /<meta name="tessera-languages" content="en fr">/);
  assert.match(ok.html, /<title data-word="page.title.catalog">Tessera — course catalog<\/title>/);
  assert.match(ok.html, /<a href="dashboard.html" data-word="nav.dashboard">My learning<\/a>/);

  const written = assembleWith('<h1 data-word="page.catalog.heading">Courses</h1>');
  assert.equal(written.code, 1);
  assert.match(written.err, /web\/html\/index.html: <h1 data-word="page.catalog.heading"> should be empty: its text comes from the catalogue, not "Courses"/);
  const unknown = assembleWith('<p data-word="page.no-such-key"></p>');
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /data-word "page.no-such-key" is not in runtime\/strings\/en.json; add it to every catalogue/);
  const plural = assembleWith('<p data-word="page.catalog.count"></p>');
  assert.equal(plural.code, 1);
  assert.match(plural.err, /"page.catalog.count" is a plural string/);
  const nested = assembleWith('<p data-word="page.catalog.lead"><a href="x">x</a></p>');
  assert.equal(nested.code, 1);
  assert.match(nested.err, /should hold only its word, no other elements/);
});
