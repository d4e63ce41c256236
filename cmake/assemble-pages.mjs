// Writes the site's HTML pages from the one shell they share (web/html/layout.html: head, CSP, header and
// navigation) and each page's settings (web/html/pages.mjs) and content (web/html/<source>).
//   usage: node assemble-pages.mjs WEB SITE
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [web, site] = process.argv.slice(2);
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

function settingsOf(page) {
  const unknown = Object.keys(page).filter((key) => !(key in DEFAULTS) && key !== 'source' && key !== 'title');
  if (unknown.length) throw new PageError(`pages.mjs, ${page.source}: unknown setting ${unknown.join(', ')} (known: ${Object.keys(DEFAULTS).join(', ')})`);
  if (!page.source || !page.title) throw new PageError(`pages.mjs: every page needs a source and a title (${JSON.stringify(page)})`);
  const settings = { ...DEFAULTS, ...page };
  for (const id of settings.nav) {
    if (!NAV[id]) throw new PageError(`pages.mjs, ${page.source}: no nav entry "${id}" (known: ${Object.keys(NAV).join(', ')})`);
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

function assemble(layout, page) {
  const settings = settingsOf(page);
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
    return `        <li><a href="${href}"${current}>${NAV[id].text}</a></li>`;
  });
  const html = fill(layout, {
    purpose,
    dirAttribute: settings.dir ? ` dir="${settings.dir}"` : '',
    scriptSources: settings.wasm ? "'self' 'wasm-unsafe-eval'" : "'self'",
    connectSources: settings.connect,
    title: settings.title,
    head: ownHead ?? standardHead(settings, root),
    bodyClassAttribute: settings.bodyClass ? ` class="${settings.bodyClass}"` : '',
    skipTo: settings.skipTo,
    skipText: settings.skipText,
    home,
    navItems: navItems.join('\n'),
    content: content.replace(/\n$/, ''),
  });
  return [path, html];
}

try {
  const [, layout] = splitPurpose(read('layout.html'), 'layout.html');
  const written = new Set();
  for (const page of PAGES) {
    const [path, html] = assemble(layout, page);
    if (written.has(path)) throw new PageError(`pages.mjs: two pages go to ${path}`);
    written.add(path);
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), html);
  }
} catch (error) {
  if (!(error instanceof PageError)) throw error;
  console.error(`assembling the pages: ${error.message}`);
  process.exit(1);
}
