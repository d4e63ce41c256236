// Tests of `tessera export scorm12|scorm2004|cmi5`: the zip an LMS imports — manifests valid against the
// standards' own XSDs (tests/golden/lms-xsd, checked offline by xmllint), the signed package inside byte for
// byte, the launch page and the player's site files present, a refused package refused, the same bytes twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const GOLDEN = join(ROOT, 'tests/golden');
const XSD = join(GOLDEN, 'lms-xsd');
// The schema file xmllint starts from, and the manifest's name, for each standard (tests/golden/lms-xsd/README.md).
const STANDARDS = {
  scorm12: { schema: join(XSD, 'scorm12/adlcp_rootv1p2.xsd'), manifest: 'imsmanifest.xml' },
  scorm2004: { schema: join(XSD, 'scorm2004/all.xsd'), manifest: 'imsmanifest.xml' },
  cmi5: { schema: join(XSD, 'cmi5/CourseStructure.xsd'), manifest: 'cmi5.xml' },
};
// What the HTML player needs from the site, and what of the site stays out of the zip.
const PLAYER_FILES = ['player.html', 'manifest.webmanifest', 'css/site.css', 'icons/tessera.svg', 'js/shell.js',
  'js/player/main.js', 'strings/en.json', 'strings/fr.json', 'modules/runtime.mjs', 'modules/runtime.wasm',
  'modules/credentials.mjs', 'modules/credentials.wasm'];
const OTHER_SITE_FILES = ['index.html', 'sw.js', 'courses/catalog.json', 'modules/player.wasm', 'verify/index.html'];
const TITLE = 'Checking <a> course & "its" proof';
const SPACED = 'media/notes (draft) é & co.txt';

function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8', cwd: work });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

function unzip(zip, into) {
  rmSync(into, { recursive: true, force: true });
  const run = spawnSync('unzip', ['-q', zip, '-d', into], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return into;
}

// Every byte value, so a file copied as text (or re-encoded) would differ.
const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));

// A packed course in work/dist-NAME from the golden course, with `edit` applied to its course.json.
function packCourse(name, edit) {
  const src = join(work, `src-${name}`);
  mkdirSync(join(src, 'media'), { recursive: true });
  const course = JSON.parse(readFileSync(join(GOLDEN, 'credential/course.json'), 'utf8'));
  edit(course);
  writeFileSync(join(src, 'course.json'), JSON.stringify(course, null, 2));
  for (const file of readFileSync(join(GOLDEN, 'course/valid/files.txt'), 'utf8').split('\n')) {
    if (file.startsWith('media/')) writeFileSync(join(src, file), Buffer.concat([Buffer.from(file), binary]));
  }
  // A name a package may hold that a URL must percent-encode (docs/package-format.md, "Package paths").
  writeFileSync(join(src, SPACED), 'notes');
  const run = tessera('pack', src, '--key', join(work, 'keys/publisher.key'), '--out', join(work, `dist-${name}`));
  assert.equal(run.code, 0, run.err);
  return join(work, `dist-${name}`, course.id, course.version);
}

let work, site, pkg, fifths, plain;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-export-'));
  assert.equal(tessera('keygen', '--out', join(work, 'keys'), '--seed', '22'.repeat(32)).code, 0);
  // A pass mark of 2/3: 66.666…% is written rounded up, 66.67 (SCORM 1.2) and 0.6667 (SCORM 2004, cmi5),
  // so an LMS never passes a score the course fails.
  pkg = packCourse('golden', (course) => {
    course.title.en = TITLE;
    course.assessments.find((a) => a.id === 'final-check').passMark = '2/3';
  });
  fifths = packCourse('fifths', (course) => {
    course.id = 'four-fifths';
    course.assessments.find((a) => a.id === 'final-check').passMark = '4/5';
  });
  plain = packCourse('plain', (course) => {
    course.id = 'no-pass-mark';
    delete course.completion.mustPass;
  });
  site = join(work, 'site');
  for (const file of [...PLAYER_FILES, ...OTHER_SITE_FILES]) {
    mkdirSync(dirname(join(site, file)), { recursive: true });
    writeFileSync(join(site, file), Buffer.concat([Buffer.from(`site file ${file}\n`), binary]));
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

function exportZip(standard, packageDir, name = standard, env = {}) {
  const out = join(work, `${name}.zip`);
  const run = spawnSync(TESSERA, ['export', standard, packageDir, '--site', site, '--out', out],
    { encoding: 'utf8', cwd: work, env: { ...process.env, ...env } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^exported (golden-course|four-fifths|no-pass-mark) 1\.0\.0 for /);
  return out;
}

for (const [standard, { schema, manifest }] of Object.entries(STANDARDS)) {
  test(`${standard}: the manifest validates against the standard's XSD, offline`, () => {
    const dir = unzip(exportZip(standard, pkg), join(work, `unzipped-${standard}`));
    assert.ok(existsSync(join(dir, manifest)), `${manifest} in the zip`);
    const check = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, join(dir, manifest)], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stderr, /validates$/m);
    // The check can fail: the same manifest with a value the schema refuses does not validate.
    const broken = readFileSync(join(dir, manifest), 'utf8').replace(/identifier="tessera-golden-course-item"|moveOn="CompletedAndPassed"/, (found) =>
      found.startsWith('moveOn') ? 'moveOn="Finished"' : 'identifier="9 not an id"');
    writeFileSync(join(work, `broken-${standard}.xml`), broken);
    const refused = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, join(work, `broken-${standard}.xml`)], { encoding: 'utf8' });
    assert.notEqual(refused.status, 0, `a broken ${standard} manifest must not validate`);
  });

  test(`${standard}: the zip holds the signed package byte for byte, the launch page and the player's site files`, () => {
    const dir = unzip(exportZip(standard, pkg), join(work, `contents-${standard}`));
    for (const file of filesUnder(pkg)) {
      assert.ok(readFileSync(join(dir, 'courses/golden-course/1.0.0', file)).equals(readFileSync(join(pkg, file))), file);
    }
    assert.deepEqual(filesUnder(join(dir, 'courses/golden-course/1.0.0')), filesUnder(pkg), 'nothing added to the package');
    for (const file of PLAYER_FILES) assert.ok(readFileSync(join(dir, file)).equals(readFileSync(join(site, file))), file);
    for (const file of OTHER_SITE_FILES.filter((f) => f !== 'courses/catalog.json')) assert.ok(!existsSync(join(dir, file)), file);

    const xml = readFileSync(join(dir, manifest), 'utf8');
    const launch = standard === 'cmi5' ? xml.match(/<url>([^<]+)<\/url>/)[1] : xml.match(/<resource [^>]*href="([^"]+)"/)[1];
    assert.equal(launch, 'launch.html');
    const page = readFileSync(join(dir, launch), 'utf8');
    // The launch names the LMS side the player loads (docs/lms.md).
    assert.ok(page.includes(`<a href="player.html?course=golden-course&amp;embed=1&amp;no-sw&amp;lms=${standard}">`), page);
    if (standard === 'cmi5') {
      // cmi5's launch parameters come on this page's URL: one inline script, allowed by its SHA-256 alone, moves
      // the five of them on to the player.
      const script = page.match(/<script>([^<]*)<\/script>/)[1];
      const hash = createHash('sha256').update(script).digest('base64');
      assert.ok(page.includes(`content="default-src 'none'; script-src 'sha256-${hash}'"`), page);
      const location = { search: '?endpoint=https%3A%2F%2Flrs.example%2FxAPI%2F&fetch=f&actor=%7B%7D&registration=r&activityId=a&other=x', replace(url) { this.went = url; } };
      new Function('location', script)(location);
      const params = new URLSearchParams(location.went.split('?')[1]);
      assert.deepEqual([...params.keys()], ['course', 'embed', 'no-sw', 'lms', 'endpoint', 'fetch', 'actor', 'registration', 'activityId']);
      assert.equal(params.get('lms'), 'cmi5');
      assert.equal(params.get('endpoint'), 'https://lrs.example/xAPI/');
    } else {
      assert.ok(page.includes(`<meta http-equiv="refresh" content="0; url=player.html?course=golden-course&amp;embed=1&amp;no-sw&amp;lms=${standard}">`), page);
      assert.ok(!page.includes('<script'), 'a SCORM launch runs no script');
    }
    assert.match(page, /<title>Checking &lt;a&gt; course &amp; &quot;its&quot; proof<\/title>/);
    // The catalog the player reads pins the package's publisher, so the player checks the signature.
    const catalog = JSON.parse(readFileSync(join(dir, 'courses/catalog.json'), 'utf8'));
    const publisher = JSON.parse(readFileSync(join(pkg, 'manifest.json'), 'utf8')).publisher;
    assert.deepEqual(catalog.courses, [{ id: 'golden-course', version: '1.0.0', path: 'golden-course/1.0.0', publisher }]);
    if (standard !== 'cmi5') {  // SCORM lists every file of the resource: each one in the zip, and no more
      const hrefs = [...xml.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1]);
      // Percent-encoded as a URL path, then XML-escaped: space %20, é the UTF-8 bytes C3 A9, & as &amp;.
      assert.ok(hrefs.includes('courses/golden-course/1.0.0/media/notes%20(draft)%20%C3%A9%20&amp;%20co.txt'), hrefs.join(' '));
      const listed = hrefs.map((href) => decodeURIComponent(href.replaceAll('&amp;', '&'))).sort();
      assert.deepEqual(listed, filesUnder(dir).filter((f) => f !== manifest));
    }
  });
}

test('titles are escaped and the pass mark goes where each standard keeps it, rounded up', () => {
  const read = (standard, manifest) =>
    readFileSync(join(unzip(exportZip(standard, pkg), join(work, `marks-${standard}`)), manifest), 'utf8');
  const scorm12 = read('scorm12', 'imsmanifest.xml');
  assert.match(scorm12, /<title>Checking &lt;a&gt; course &amp; &quot;its&quot; proof<\/title>/);
  assert.match(scorm12, /<adlcp:masteryscore>66\.67<\/adlcp:masteryscore>/);
  const scorm2004 = read('scorm2004', 'imsmanifest.xml');
  assert.match(scorm2004, /<imsss:primaryObjective objectiveID="[^"]+" satisfiedByMeasure="true">\s*<imsss:minNormalizedMeasure>0\.6667<\/imsss:minNormalizedMeasure>/);
  assert.match(scorm2004, /<schemaversion>2004 4th Edition<\/schemaversion>/);
  const cmi5 = read('cmi5', 'cmi5.xml');
  assert.match(cmi5, /<au id="urn:tessera:course:golden-course:player" moveOn="CompletedAndPassed" masteryScore="0\.6667">/);
  assert.match(cmi5, /<langstring lang="en">Checking &lt;a&gt; course &amp; &quot;its&quot; proof<\/langstring>/);
  assert.match(cmi5, /<langstring lang="fr">Vérifier un cours<\/langstring>/);
  // A mark that ends: 4/5 is 80 out of 100 and 0.8, no rounding.
  const fifths12 = readFileSync(join(unzip(exportZip('scorm12', fifths, 'fifths-12'), join(work, 'fifths-12')), 'imsmanifest.xml'), 'utf8');
  assert.match(fifths12, /<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
  const fifthsCmi5 = readFileSync(join(unzip(exportZip('cmi5', fifths, 'fifths-cmi5'), join(work, 'fifths-cmi5')), 'cmi5.xml'), 'utf8');
  assert.match(fifthsCmi5, /moveOn="CompletedAndPassed" masteryScore="0\.8">/);
  // A course with nothing to pass: completion is all the LMS is told.
  const plainCmi5 = readFileSync(join(unzip(exportZip('cmi5', plain, 'plain-cmi5'), join(work, 'plain-cmi5')), 'cmi5.xml'), 'utf8');
  assert.match(plainCmi5, /<au id="urn:tessera:course:no-pass-mark:player" moveOn="Completed">/);
  const plain12 = readFileSync(join(unzip(exportZip('scorm12', plain, 'plain-12'), join(work, 'plain-12')), 'imsmanifest.xml'), 'utf8');
  assert.doesNotMatch(plain12, /masteryscore/);
  const check = spawnSync('xmllint', ['--nonet', '--noout', '--schema', STANDARDS.cmi5.schema, join(work, 'plain-cmi5/cmi5.xml')], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
});

test('the same inputs give the same bytes: entries sorted, every time fixed, whatever the clock or time zone', () => {
  const first = readFileSync(exportZip('scorm2004', pkg, 'first'));
  // New modification times on every input, and another time zone: none of it may reach the zip.
  const later = new Date('2031-05-06T07:08:09Z');
  for (const file of filesUnder(site)) utimesSync(join(site, file), later, later);
  for (const file of filesUnder(pkg)) utimesSync(join(pkg, file), later, later);
  const second = readFileSync(exportZip('scorm2004', pkg, 'second', { TZ: 'Pacific/Auckland' }));
  assert.ok(first.equals(second), 'two exports differ');
  const listing = spawnSync('unzip', ['-Z', '-T', join(work, 'second.zip')], { encoding: 'utf8' });
  const entries = listing.stdout.split('\n').filter((l) => /^-/.test(l));
  assert.ok(entries.length > 20);
  for (const entry of entries) assert.match(entry, / 19800101\.000000 /, entry);
  const names = spawnSync('unzip', ['-Z1', join(work, 'second.zip')], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(names.length, entries.length);
  assert.deepEqual(names, [...names].sort(), 'entries in path order');
});

test('a tampered package is refused with the reason every host gives, and no zip is written', () => {
  const tampered = join(work, 'tampered');
  cpSync(pkg, tampered, { recursive: true });
  const media = filesUnder(tampered).find((f) => f.startsWith('media/'));
  writeFileSync(join(tampered, media), 'changed after signing');
  const out = join(work, 'tampered.zip');
  const run = tessera('export', 'scorm12', tampered, '--site', site, '--out', out);
  assert.equal(run.code, 1);
  assert.match(run.err, new RegExp(`tessera export: the package does not match its signed manifest: ${media.replace('.', '\\.')}`));
  assert.ok(!existsSync(out));
});

test('wrong input is refused clearly: not a signed package, an unknown standard, no site', () => {
  const unpacked = tessera('export', 'cmi5', join(work, 'src-golden'), '--site', site, '--out', join(work, 'x.zip'));
  assert.equal(unpacked.code, 2);
  assert.match(unpacked.err, /manifest\.json: the package has no readable manifest\.json .*\n {4}hint: give a packed course folder \(tessera pack makes one\)/);
  const standard = tessera('export', 'scorm3000', pkg, '--out', join(work, 'x.zip'));
  assert.equal(standard.code, 2);
  assert.match(standard.err, /^tessera export: unknown standard 'scorm3000' \(scorm12, scorm2004 or cmi5\)\nusage: tessera export /);
  // The site defaults to build/site under the working folder; work has none.
  const noSite = tessera('export', 'scorm12', pkg, '--out', join(work, 'x.zip'));
  assert.equal(noSite.code, 2);
  assert.match(noSite.err, /^tessera export: the site build\/site is not a folder; build the site first/);
  const partSite = join(work, 'part-site');
  cpSync(site, partSite, { recursive: true });
  rmSync(join(partSite, 'modules/runtime.wasm'));
  const missing = tessera('export', 'scorm12', pkg, '--site', partSite, '--out', join(work, 'x.zip'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /has no modules\/runtime\.wasm; build the site first/);
  assert.ok(!existsSync(join(work, 'x.zip')));
});
