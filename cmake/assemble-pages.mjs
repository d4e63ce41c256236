// Writes the site's HTML pages from the one shell they share (web/html/layout.html: head, CSP, header and
// navigation) and each page's settings (web/html/pages.mjs) and content (web/html/<source>), in English: every
// element marked data-word="key" gets the English catalogue's text for the key (data-word-label="key": its
// aria-label), and js/shell.js puts another language's in at load (docs/strings.md).
// The learning record stores the pages may reach (a course's `lrs`, the organisation's) go into their
// connect-src, and into site-policy.json for servers that send the policy as a header (docs/lms.md).
//   usage: node assemble-pages.mjs WEB SITE STRINGS [--courses DIR] [--lrs URL]...
//   (STRINGS: the built catalogues, <language>.json; DIR: the course folders, each course.json's `lrs` read)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { escapeMarkup } from './markup.mjs';
import { lrsConnectSources, PolicyError } from './lrs-origins.mjs';

const { positionals: [web, site, strings], values: options } = parseArgs({
  allowPositionals: true,
  options: { courses: { type: 'string' }, lrs: { type: 'string', multiple: true, default: [] } },
});
const sources = join(web, 'html');
const { NAV, DEFAULTS, PAGES } = await import(pathToFileURL(join(sources, 'pages.mjs')).href);

class PageError extends Error {}

function read(file) {
  try {
    return readFileSync(join(sources, file), 'utf8');
  } catch (error) {
    throw new PageError(`web/html/${file}: cannot be read (${error.code}); pages.mjs names it`);
  }
}

// Every file here opens with a one-line comment on its purpose; a page's becomes the page's own.
function splitPurpose(text, file) {
  const match = text.match(/^(<!--[^\n]*-->)\n/);
  if (!match) throw new PageError(`web/html/${file}: line 1 should be a one-line <!-- comment --> saying what the page is`);
  return [match[1], text.slice(match[0].length)];
}

// A page's own <head> lines, when it writes them itself: a <head>…</head> block right after its purpose.
function splitHead(text) {
  const match = text.match(/^<head>\n([\s\S]*?)\n<\/head>\n/);
  return match ? [match[1], text.slice(match[0].length)] : [null, text];
}

// {{slot}} → values.slot; a slot without a value is an error, so a misspelt slot cannot ship empty.
function fill(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (slot, name) => {
    if (values[name] === undefined) throw new PageError(`web/html/layout.html: no page setting fills ${slot}`);
    return values[name];
  });
}

// The English text of `key`; a key English lacks, or a plural string (which needs a number), stops the build.
function englishWord(english, key, file) {
  const text = english[key];
  if (typeof text !== 'string') {
    throw new PageError(`${file}: data-word "${key}" is ${text === undefined ? 'not in runtime/strings/en.json; add it to every catalogue' : 'a plural string; give the element a plain one'}`);
  }
  return escapeMarkup(text);
}

// Each data-word element gets its word as its only content (the source leaves it empty, so no English is
// written twice), and each data-word-label its aria-label.
function fillWords(html, english, file) {
  const filled = html.replace(/(<(\w+)\b[^>]*?\sdata-word="([^"]+)"[^>]*>)([^<]*)(<\/\2>)/g, (all, open, tag, key, inner, close) => {
    if (inner.trim()) throw new PageError(`${file}: <${tag} data-word="${key}"> should be empty: its text comes from the catalogue, not "${inner.trim()}"`);
    return open + englishWord(english, key, file) + close;
  }).replace(/\sdata-word-label="([^"]+)"/g, (all, key) => `${all} aria-label="${englishWord(english, key, file)}"`);
  const unfilled = filled.match(/<(\w+)\b[^>]*\sdata-word="([^"]+)"[^>]*>(?![^<]*<\/\1>)/);
  if (unfilled) throw new PageError(`${file}: <${unfilled[1]} data-word="${unfilled[2]}"> should hold only its word, no other elements`);
  return filled;
}

function settingsOf(page) {
  const unknown = Object.keys(page).filter((key) => !(key in DEFAULTS) && key !== 'source' && key !== 'title');
  if (unknown.length) throw new PageError(`pages.mjs, ${page.source}: unknown setting ${unknown.join(', ')} (known: ${Object.keys(DEFAULTS).join(', ')})`);
  if (!page.source || !page.title) throw new PageError(`pages.mjs: every page needs a source and a title (${JSON.stringify(page)})`);
  const settings = { ...DEFAULTS, ...page };
  for (const id of settings.nav) {
    if (!NAV[id]) throw new PageError(`pages.mjs, ${page.source}: no nav entry "${id}" (known: ${Object.keys(NAV).join(', ')})`);
  }
  if (!['learner', 'browser', 'view'].includes(settings.wordsFrom)) {
    throw new PageError(`pages.mjs, ${page.source}: wordsFrom is "learner", "browser" or "view", not "${settings.wordsFrom}"`);
  }
  if (settings.current && !settings.nav.includes(settings.current)) {
    throw new PageError(`pages.mjs, ${page.source}: current "${settings.current}" is not in its nav`);
  }
  return settings;
}

// The head lines of a page with one module: icon, manifest, styles, then the page's script.
function standardHead(settings, root) {
  return [
    `  <link rel="icon" href="${root}icons/tessera.svg" type="image/svg+xml">`,
    ...(settings.manifest ? [`  <link rel="manifest" href="${root}manifest.webmanifest">`] : []),
    `  <link rel="stylesheet" href="${root}css/site.css">`,
    `  <script type="module" src="${root}${settings.script}"></script>`,
  ].join('\n');
}

function assemble(layout, page, catalogues, lrsConnect) {
  const settings = settingsOf(page);
  // A page on the default policy may reach the named LRSs; a page with its own (the verifier's) keeps it.
  if (!('connect' in page)) settings.connect = lrsConnect;
  const path = settings.path || settings.source;
  // Links in the shell are relative to the page: verify/index.html reaches the site's root as ../.
  const root = '../'.repeat(path.split('/').length - 1);
  const home = root || './';
  const [purpose, afterPurpose] = splitPurpose(read(settings.source), settings.source);
  const [ownHead, content] = splitHead(afterPurpose);
  if (Boolean(ownHead) === Boolean(settings.script)) {
    throw new PageError(`web/html/${settings.source}: give either a script in pages.mjs or the page's own <head> block, not ${ownHead ? 'both' : 'neither'}`);
  }
  const navItems = settings.nav.map((id) => {
    const href = NAV[id].href === './' ? home : root + NAV[id].href;
    const current = id === settings.current ? ' aria-current="page"' : '';
    return `        <li><a href="${href}"${current} data-word="${NAV[id].word}"></a></li>`;
  });
  const html = fill(layout, {
    purpose,
    dirAttribute: settings.dir ? ` dir="${settings.dir}"` : '',
    wordsFromAttribute: settings.wordsFrom === 'learner' ? '' : ` data-words-from="${settings.wordsFrom}"`,
    languages: catalogues.languages.join(' '),
    scriptSources: settings.wasm ? "'self' 'wasm-unsafe-eval'" : "'self'",
    connectSources: settings.connect,
    title: settings.title,
    head: ownHead ?? standardHead(settings, root),
    bodyClassAttribute: settings.bodyClass ? ` class="${settings.bodyClass}"` : '',
    skipTo: settings.skipTo,
    skipWord: settings.skipWord,
    home,
    navItems: navItems.join('\n'),
    content: content.replace(/\n$/, '').replace('{{languageOptions}}', catalogues.languageOptions),
  });
  return [path, fillWords(html, catalogues.english, `web/html/${settings.source}`)];
}

// One <option> per language the site has words in, each named in its own language: the Settings page offers
// exactly the interface languages there are catalogues for.
function languageOptions(languages) {
  return languages.map((language) => {
    const catalogue = JSON.parse(readFileSync(join(strings, `${language}.json`), 'utf8'));
    const dir = catalogue['@direction'] === 'rtl' ? ' dir="rtl"' : '';
    return `<option value="${language}" lang="${language}"${dir}>${catalogue['@name'] || language}</option>`;
  }).join('\n            ');
}

// The languages the site has words in, the English catalogue the pages are written in, and Settings' options.
function readCatalogues() {
  if (!strings) throw new PageError('usage: node assemble-pages.mjs WEB SITE STRINGS (the built catalogues)');
  let languages;
  try {
    languages = readdirSync(strings).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort();
  } catch (error) {
    throw new PageError(`${strings}: cannot be read (${error.code}); build the runtime's strings first (cmake/embed-strings.mjs)`);
  }
  if (!languages.includes('en')) throw new PageError(`${strings}: no en.json; English is what the pages are written in`);
  return { languages, english: JSON.parse(readFileSync(join(strings, 'en.json'), 'utf8')), languageOptions: languageOptions(languages) };
}

try {
  const [, layout] = splitPurpose(read('layout.html'), 'layout.html');
  const catalogues = readCatalogues();
  const lrsConnect = lrsConnectSources(DEFAULTS.connect, options.lrs, options.courses);
  const written = new Set();
  for (const page of PAGES) {
    const [path, html] = assemble(layout, page, catalogues, lrsConnect);
    if (written.has(path)) throw new PageError(`pages.mjs: two pages go to ${path}`);
    written.add(path);
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), html);
  }
  writeFileSync(join(site, 'site-policy.json'), `${JSON.stringify({ connect: lrsConnect }, null, 2)}\n`);
} catch (error) {
  if (!(error instanceof PageError) && !(error instanceof PolicyError)) throw error;
  console.error(`assembling the pages: ${error.message}`);
  process.exit(1);
}
