// Bundles the HTML player's scripts into one file (esbuild) and minifies the assembled site's JavaScript in
// place (terser); both are npm devDependencies. The sources in web/ keep their comments, names and module
// files for people; what ships is small and few (the HTML player's first load and offline reload have
// budgets, docs/web-app.md: an offline reload's service worker answers each file in turn). ES modules under
// js/ and modules/ are minified as modules; sw.js and embed.js are classic scripts.
//   usage: node minify-site.mjs SITE NODE_MODULES
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';

const [site, nodeModules] = process.argv.slice(2);
const requireTool = createRequire(join(nodeModules, 'package.json'));
const { minify } = requireTool('terser');
const esbuild = requireTool('esbuild');

// The player's entry and everything it imports become one file at the entry's path, except the modules
// whose own URL matters or whose state is shared with other scripts on the page: shell.js (the site root
// comes from its URL), runtime.js (the Wasm loaders, shared with boot.js), wallet.js (loaded on completion
// only), words.js (the catalogues are found from its URL; the words in use are shared with shell.js) and
// lms/scorm.js, cmi5.js, xapi.js and outbox.js (loaded only when an LMS or an LRS is in use; the outbox is shared
// with the settings page). Imports of those are rewritten relative to the bundle.
const PLAYER_ENTRY = join(site, 'js/player/main.js');
const KEEP_SEPARATE = ['js/shell.js', 'js/runtime.js', 'js/wallet.js', 'js/words.js', 'js/lms/scorm.js', 'js/lms/cmi5.js', 'js/lms/xapi.js', 'js/lms/outbox.js'].map((path) => join(site, path));
await esbuild.build({
  entryPoints: [PLAYER_ENTRY],
  outfile: PLAYER_ENTRY,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  logLevel: 'warning',
  plugins: [{
    name: 'keep-shared-modules-separate',
    setup(build) {
      build.onResolve({ filter: /\.js$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        if (!KEEP_SEPARATE.includes(target)) return undefined;
        const path = relative(dirname(PLAYER_ENTRY), target);
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  }],
});

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'courses') walk(path, out);
    } else if (/\.(m?js)$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

let before = 0;
let after = 0;
for (const file of walk(site)) {
  const path = relative(site, file);
  const classic = path === 'sw.js' || path === 'embed.js';
  const source = readFileSync(file, 'utf8');
  const result = await minify(source, {
    module: !classic,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  }).catch((error) => {
    throw new Error(`terser could not minify ${path}: ${error.message} (line ${error.line}, column ${error.col})`);
  });
  writeFileSync(file, result.code);
  before += source.length;
  after += result.code.length;
}
console.log(`minified the site's JavaScript: ${before} → ${after} bytes`);
