// A small static file server for the built site: right MIME types (application/wasm), a strict
// Content-Security-Policy on every response ('wasm-unsafe-eval' only on the pages that run the Wasm
// runtime), optionally under a path prefix (as on an intranet), loopback only. Used by scripts/run, the
// browser tests and the benchmarks. The pages repeat their policy in a <meta> tag for static hosts that
// cannot set headers; a browser test checks the two agree. The learning record stores the pages may reach
// were named when the site was assembled: its site-policy.json holds their connect-src (docs/lms.md).
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function policy(scriptSource, connectSource = "'self'") {
  return [
    "default-src 'self'",
    `script-src ${scriptSource}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src ${connectSource}`,
    "font-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    ].join('; ');
}

// Pages that instantiate WebAssembly; every other response gets the policy without 'wasm-unsafe-eval'.
export const WASM_PAGES = ['index.html', 'player.html', 'canvas.html', 'dashboard.html', 'review.html', 'plan.html', 'settings.html', 'verify/index.html'];
// Workers that instantiate WebAssembly: a worker is governed by its own script's policy, not its page's.
export const WASM_WORKERS = ['js/credentials-worker.js'];
export const STRICT_CONTENT_SECURITY_POLICY = policy("'self'");
// The verifier page also downloads issuers' status lists, which live on the issuers' own https hosts.
export const VERIFIER_CONTENT_SECURITY_POLICY = policy("'self' 'wasm-unsafe-eval'", "'self' https:");
// frame-ancestors is meaningful only as a header, so the pages' <meta> copies leave it out.
export const metaPolicy = (header) => header.replace(/; frame-ancestors [^;]*/, '');

// The connect-src the site was assembled with (cmake/assemble-pages.mjs), or the site's own origin alone.
export function siteConnectSources(siteRoot) {
  const file = join(siteRoot, 'site-policy.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).connect : "'self'";
}

function policyFor(siteRoot, file, connect) {
  const page = file.slice(siteRoot.length + 1).split(sep).join('/');
  if (page === 'verify/index.html') return VERIFIER_CONTENT_SECURITY_POLICY;
  return policy(WASM_PAGES.includes(page) || WASM_WORKERS.includes(page) ? "'self' 'wasm-unsafe-eval'" : "'self'", connect);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': STRICT_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null; // no escaping the site folder
  try {
    const info = await stat(candidate);
    if (info.isDirectory()) {
      const index = join(candidate, 'index.html');
      return (await stat(index)).isFile() ? index : null;
    }
    return info.isFile() ? candidate : null;
  } catch {
    return null;
  }
}

// Starts serving `root` on host:port (port 0 picks a free one), at `prefix` (e.g. "/intranet/learning/";
// default "/"). `extraRoutes` maps exact paths to files outside the site (test host pages). Resolves to
// the node http.Server.
export function serveSite(root, { host = '127.0.0.1', port = 8080, prefix = '/', extraRoutes = {}, gzip = false } = {}) {
  const siteRoot = resolve(root);
  const connect = siteConnectSources(siteRoot);
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const url = request.url || '/';
    let file = null;
    const routed = extraRoutes[url.split('?')[0]];
    if (routed) {
      file = routed;
    } else if (url.startsWith(base)) {
      file = await resolveFile(siteRoot, `/${url.slice(base.length)}`);
    } else if (url.split('?')[0] === base.slice(0, -1)) {
      response.writeHead(301, { Location: base, ...SECURITY_HEADERS }).end();
      return;
    }
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      response.end('Not found\n');
      return;
    }
    const type = MIME_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {  // a routed file that is gone (a test removed it)
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      response.end('Not found\n');
      return;
    }
    const headers = {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      ...SECURITY_HEADERS,
      'Content-Security-Policy': routed ? STRICT_CONTENT_SECURITY_POLICY : policyFor(siteRoot, file, connect),
    };
    // gzip on request (the benchmark measures transfer sizes as a static host with compression sends them).
    const compress = gzip && /gzip/.test(request.headers['accept-encoding'] || '') && /text|json|javascript|wasm|svg|font\/ttf/.test(type);
    if (compress) {
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    } else {
      headers['Content-Length'] = info.size;
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(file);
    if (compress) stream.pipe(createGzip({ level: 9 })).pipe(response);
    else stream.pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

// Run directly: node scripts/lib/serve.mjs SITE_DIR [PORT]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, portText = '8080'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node scripts/lib/serve.mjs SITE_DIR [PORT]');
    process.exit(2);
  }
  const server = await serveSite(root, { port: Number(portText) }).catch((error) => {
    console.error(`tessera: cannot serve on 127.0.0.1:${portText}: ${error.message}` +
      (error.code === 'EADDRINUSE' ? ' (the port is taken: stop the other server or pass --port N)' : ''));
    process.exit(1);
  });
  const { port } = server.address();
  console.log(`Tessera is served at http://127.0.0.1:${port}/  (Ctrl-C stops)`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
