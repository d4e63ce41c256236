// Minifies the assembled site's JavaScript in place with terser (npm devDependency): the sources in web/
// keep their comments and names for people; what ships is small (the HTML player's first load has a
// budget, docs/web-app.md). ES modules under js/ and modules/ are minified as modules; sw.js and embed.js
// are classic scripts.   usage: node minify-site.mjs SITE NODE_MODULES
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const [site, nodeModules] = process.argv.slice(2);
const { minify } = createRequire(join(nodeModules, 'terser', 'package.json'))('terser');

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
