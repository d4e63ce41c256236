// The site's pages: what each one sets in the shell they share (layout.html); each page's own content is
// web/html/<source>. cmake/assemble-pages.mjs writes them into the site. Unset settings take DEFAULTS.

// The main navigation's entries; a page lists the ones it shows (`nav`) and marks its own (`current`).
export const NAV = {
  catalog: { href: './', text: 'Catalog' },
  dashboard: { href: 'dashboard.html', text: 'My learning' },
  settings: { href: 'settings.html', text: 'Settings' },
  verify: { href: 'verify/', text: 'Verify a credential' },
  canvas: { href: 'canvas.html', text: 'Canvas player' },
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
  skipText: 'Skip to content',
};

export const PAGES = [
  { source: 'index.html', title: 'course catalog', script: 'js/pages/catalog.js', current: 'catalog' },
  { source: 'course.html', title: 'course', script: 'js/pages/course.js', wasm: false },
  { source: 'dashboard.html', title: 'my learning', script: 'js/pages/dashboard.js', current: 'dashboard' },
  { source: 'settings.html', title: 'settings', script: 'js/pages/settings.js', current: 'settings' },
  // Its own <head> lines (in player.html): the runtime is asked for first, for the offline reload's budget.
  {
    source: 'player.html', title: 'course player', nav: ['catalog', 'dashboard', 'settings'],
    bodyClass: 'html-player', skipTo: '#block', skipText: 'Skip to the lesson',
  },
  {
    source: 'canvas.html', title: 'canvas player', script: 'js/canvas-page.js', dir: null, manifest: false,
    nav: ['catalog', 'dashboard', 'settings', 'canvas'], current: 'canvas', bodyClass: 'player-body',
  },
  // The verifier also downloads issuers' status lists, which live on the issuers' own https hosts.
  {
    source: 'verify.html', path: 'verify/index.html', title: 'verify a credential', script: 'js/verify/page.js',
    connect: "'self' https:", current: 'verify',
  },
];
