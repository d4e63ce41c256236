// The learning record stores a site's pages may reach (issue 21): each course's `lrs` and the organisation's LRS
// named at assembly go into the pages' connect-src and site-policy.json (which the server's header follows);
// the verifier keeps its own; an LRS address that is not https:// stops the assembly with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from '../../scripts/lib/serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONNECT = /connect-src ([^;]*);/;

// Assembles web/'s pages with courses whose course.json holds `lrs` (one course each) and `args`.
async function assemble(courseLrs, args, inspect) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-policy-'));
  try {
    mkdirSync(join(dir, 'strings'));
    cpSync(join(ROOT, 'runtime/strings/en.json'), join(dir, 'strings/en.json'));
    courseLrs.forEach((lrs, i) => {
      mkdirSync(join(dir, `courses/course-${i}`), { recursive: true });
      writeFileSync(join(dir, `courses/course-${i}/course.json`), JSON.stringify({ id: `course-${i}`, lrs }));
    });
    mkdirSync(join(dir, 'courses/_template'), { recursive: true });
    writeFileSync(join(dir, 'courses/_template/course.json'), JSON.stringify({ lrs: 'ftp://never.example' }));
    const run = spawnSync(process.execPath, [join(ROOT, 'cmake/assemble-pages.mjs'), join(ROOT, 'web'), join(dir, 'site'),
      join(dir, 'strings'), '--courses', join(dir, 'courses'), ...args], { encoding: 'utf8' });
    return await inspect(run, join(dir, 'site'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const page = (site, path) => readFileSync(join(site, path), 'utf8').match(CONNECT)[1];

test('the courses\' and the organisation\'s LRS origins go into the pages\' connect-src, once each, sorted; the verifier keeps its own', async () => {
  await assemble(['https://lrs.example.org/xAPI/', 'https://lrs.example.org/other/', 'https://b.example.net:8443/x'],
    ['--lrs', 'https://lrs.corp.example/data/xAPI', '--lrs', 'http://127.0.0.1:28431/xAPI/'], async (run, site) => {
      assert.equal(run.status, 0, run.stderr);
      const expected = "'self' http://127.0.0.1:28431 https://b.example.net:8443 https://lrs.corp.example https://lrs.example.org";
      for (const path of ['player.html', 'settings.html', 'index.html', 'canvas.html']) assert.equal(page(site, path), expected, path);
      assert.equal(page(site, 'verify/index.html'), "'self' https:");
      assert.deepEqual(JSON.parse(readFileSync(join(site, 'site-policy.json'), 'utf8')), { connect: expected });
      // The server sends the same policy as a header (scripts/lib/serve.mjs reads site-policy.json).
      const server = await serveSite(site, { port: 0 });
      try {
        const response = await fetch(`http://127.0.0.1:${server.address().port}/player.html`);
        assert.equal(response.headers.get('content-security-policy').match(CONNECT)[1], expected);
      } finally {
        server.close();
      }
    });
});

test('without an LRS the pages reach their own origin only', async () => {
  await assemble([], [], (run, site) => {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(page(site, 'player.html'), "'self'");
  });
});

test('an LRS that is not https:// (http only on loopback) stops the assembly, naming where it came from', async () => {
  await assemble([], ['--lrs', 'http://lrs.example.org/xAPI/'], (run) => {
    assert.equal(run.status, 1);
    assert.match(run.stderr, /the site's LRS \(TESSERA_LRS \/ --lrs\): "http:\/\/lrs\.example\.org\/xAPI\/" must be an https:\/\/ address \(http:\/\/ only on localhost or 127\.0\.0\.1\)/);
  });
  await assemble(['lrs.example.org'], [], (run) => {
    assert.equal(run.status, 1);
    assert.match(run.stderr, /course-0\/course\.json, \/lrs: "lrs\.example\.org" is not an address; write the LRS's xAPI endpoint/);
  });
});
