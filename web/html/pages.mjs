// The site's pages: what each one sets in the shell they share (layout.html); each page's own content is
// web/html/<source>. cmake/assemble-pages.mjs writes them into the site. Unset settings take DEFAULTS.
// Words are keys of the interface catalogues (runtime/strings/<language>.json), never text.

// The main navigation's entries; a page lists the ones it shows (`nav`) and marks its own (`current`).
export const NAV = {
  catalog: { href: './', word: 'nav.catalog' },
  dashboard: { href: 'dashboard.html', word: 'nav.dashboard' },
  settings: { href: 'settings.html', word: 'nav.settings' },
  verify: { href: 'verify/', word: 'nav.verify' },
  canvas: { href: 'canvas.html', word: 'nav.canvas' },
};

export const DEFAULTS = {
  path: null,           // where the page goes in the site; else its source's name
  dir: 'ltr',           // <html dir>; null: none
  // The CSP's script-src: 'wasm-unsafe-eval' only where the runtime is instantiated (as serve.mjs's
  // WASM_PAGES); a browser test checks that each page's <meta> policy is the header the server sends.
  wasm: true,
  connect: "'self'",    // the CSP's connect-src
  script: null,         // the page's module; a page without one writes its own <head> lines
  manifest: true,       // link the web app manifest
  nav: ['catalog', 'dashboard', 'settings', 'verify'],
  current: null,        // the nav entry marked aria-current="page"
  bodyClass: null,
  skipTo: '#main',
  skipWord: 'nav.skip',
  // Whose languages choose the interface's: the learner's (their setting, then the browser's); on a page
  // for no learner, the browser's only; on the HTML player's, its view's (settings.js interfaceLanguage).
  wordsFrom: 'learner',
};

export const PAGES = [
  { source: 'index.html', title: 'page.title.catalog', script: 'js/pages/catalog.js', current: 'catalog' },
  { source: 'course.html', title: 'page.title.course', script: 'js/pages/course.js', wasm: false },
  { source: 'dashboard.html', title: 'page.title.dashboard', script: 'js/pages/dashboard.js', current: 'dashboard' },
  { source: 'review.html', title: 'page.title.review', script: 'js/pages/review.js', wordsFrom: 'learner' },
  // The credentials module runs in its worker (its own policy), so the page itself needs no WebAssembly.
  { source: 'certificate.html', title: 'page.title.certificate', script: 'js/pages/certificate.js', wasm: false },
  { source: 'plan.html', title: 'page.title.plan', script: 'js/pages/plan.js' },
  { source: 'settings.html', title: 'page.title.settings', script: 'js/pages/settings.js', current: 'settings' },
  // Every component in each state (docs/design.md); linked from Settings' "About this site".
  { source: 'design.html', title: 'page.title.design', script: 'js/pages/design.js', wasm: false },
  // Its own <head> lines (in player.html): the runtime is asked for first, for the offline reload's budget.
  {
    source: 'player.html', title: 'page.title.player', nav: ['catalog', 'dashboard', 'settings'],
    bodyClass: 'html-player', skipTo: '#block', skipWord: 'nav.skip-lesson', wordsFrom: 'view',
  },
  {
    source: 'canvas.html', title: 'page.title.canvas', script: 'js/canvas-page.js', dir: null, manifest: false,
    nav: ['catalog', 'dashboard', 'settings', 'canvas'], current: 'canvas', bodyClass: 'player-body',
  },
  // The verifier also downloads issuers' status lists, which live on the issuers' own https hosts. It has
  // no learner: its words follow the browser's languages.
  {
    source: 'verify.html', path: 'verify/index.html', title: 'page.title.verify', script: 'js/verify/page.js',
    connect: "'self' https:", current: 'verify', wordsFrom: 'browser',
  },
];
