// Tests of what a package may hold and what the `tessera` command prints about it (issue 26): pack never
// follows a link, copies a special file or writes outside --out; a signed manifest listing a path outside
// the package is refused by validate, replay and verify; names with terminal escapes are printed escaped;
// prove refuses a package that fails its checks and a proof its own verify would refuse. Issue 19: a file
// changed after signing is refused by replay (however the package is named), verify, prove and validate,
// each naming the file in the one message package::refusal_message writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import {
  appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const RECORD = join(ROOT, 'tests/golden/credential/completed-record.jsonl');
const NOW = '2027-01-02T00:00:00Z';  // after the golden record's events (2027-01-01)
const ESCAPED_NAME = '\x1b[2K\r0 errors';  // erases the line, returns the cursor, forges a verdict

function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

// Every file under `dir`, relative, for "nothing was written" checks.
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory())
    .map((e) => join(e.path ?? e.parentPath, e.name).slice(dir.length + 1)).sort();
}

// RFC 8785 for what a manifest holds (ASCII strings, integers, objects, arrays): members sorted, no spaces.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function base58btc(bytes) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

// Re-signs `dir`'s manifest with the publisher's own key after adding `entries`, the way a forger holding
// (or a publisher tricked into using) the key would: node's Ed25519 over the canonical form, not tessera.
function forgeManifest(dir, keyFile, entries) {
  const seed = Buffer.from(JSON.parse(readFileSync(keyFile, 'utf8')).seed, 'hex');
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der', type: 'pkcs8' });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  delete manifest.signature;
  manifest.files.push(...entries);
  const signature = sign(null, Buffer.from(canonical(manifest)), key);
  const did = manifest.publisher;
  manifest.signature = { type: 'Ed25519-JCS', verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
    signatureValue: `z${base58btc(signature)}` };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

let work, src, keyFile, pkg, proofPath;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-paths-'));
  ({ pkg, proof: proofPath } = makeGoldenCredentialPath(work));
  src = join(work, 'src');
  keyFile = join(work, 'keys/publisher.key');
  mkdirSync(join(work, 'outside'));
  writeFileSync(join(work, 'outside/secret.txt'), 'the publisher\'s private notes\n');
});
after(() => rmSync(work, { recursive: true, force: true }));

// A fresh copy of the course folder to break in one way.
function courseCopy(name) {
  const dir = join(work, name);
  cpSync(src, dir, { recursive: true });
  return dir;
}

test('pack refuses a link to a file outside the course: named, what to do, nothing written, no manifest', () => {
  const course = courseCopy('linked-file');
  unlinkSync(join(course, 'media/walkthrough.md'));
  symlinkSync(join(work, 'outside/secret.txt'), join(course, 'media/walkthrough.md'));
  const out = join(work, 'dist-linked-file');
  const run = tessera('pack', course, '--key', keyFile, '--out', out);
  assert.equal(run.code, 1, run.out + run.err);
  assert.match(run.err, /error media\/walkthrough\.md: it is a symbolic link \(to .*outside\/secret\.txt\); tessera never follows links/);
  assert.match(run.err, /hint: copy the file or folder it points to into the course folder in its place/);
  assert.deepEqual(filesUnder(out), [], 'nothing is written, no manifest signed');
  assert.deepEqual(filesUnder(join(work, 'outside')), ['secret.txt'], 'nothing is written beside the link target');
  // validate says the same before an author ever packs.
  const validated = tessera('validate', course, '--json');
  assert.equal(validated.code, 1);
  const problem = JSON.parse(validated.out).problems.find((p) => p.where === 'media/walkthrough.md');
  assert.match(problem.message, /symbolic link/);
});

test('pack refuses a linked folder, and a special file', () => {
  const course = courseCopy('linked-folder');
  cpSync(join(course, 'media'), join(work, 'outside/media'), { recursive: true });
  rmSync(join(course, 'media'), { recursive: true });
  symlinkSync(join(work, 'outside/media'), join(course, 'media'));
  const run = tessera('pack', course, '--key', keyFile, '--out', join(work, 'dist-linked-folder'));
  assert.equal(run.code, 1);
  assert.match(run.err, /error media: it is a symbolic link \(to .*outside\/media\)/);
  assert.deepEqual(filesUnder(join(work, 'dist-linked-folder')), []);

  const withPipe = courseCopy('with-pipe');
  assert.equal(spawnSync('mkfifo', [join(withPipe, 'media/notes.txt')]).status, 0);
  const piped = tessera('pack', withPipe, '--key', keyFile, '--out', join(work, 'dist-pipe'));
  assert.equal(piped.code, 1);
  assert.match(piped.err, /error media\/notes\.txt: it is not a regular file \(a device, socket or pipe\)/);
});

test('pack never writes through a link in the output folder', () => {
  const out = join(work, 'dist-redirected');
  mkdirSync(out);
  mkdirSync(join(work, 'elsewhere'));
  symlinkSync(join(work, 'elsewhere'), join(out, 'golden-course'));
  const run = tessera('pack', src, '--key', keyFile, '--out', out);
  assert.equal(run.code, 1);
  assert.match(run.err, /dist-redirected\/golden-course is a symbolic link; tessera pack never writes through one/);
  assert.deepEqual(filesUnder(join(work, 'elsewhere')), [], 'nothing reached the link target');
});

// Whether `text` carries a raw ESC or CR byte (what a terminal would act on).
const hasRawControl = (text) => text.includes('\u001b') || text.includes('\r');

test('a file name with terminal escapes is refused by pack and printed escaped everywhere', () => {
  const course = courseCopy('escape-name');
  writeFileSync(join(course, ESCAPED_NAME), 'x');
  const run = tessera('pack', course, '--key', keyFile, '--out', join(work, 'dist-escape'));
  assert.equal(run.code, 1);
  assert.ok(!hasRawControl(run.out + run.err), 'no raw ESC or CR reaches the terminal');
  assert.ok(run.err.includes('error \\x1b[2K\\x0d0 errors: the file name is not a package path: it has the control character U+001B'),
    run.err);

  // The same name smuggled into a published package: validate names it escaped, and its verdict stands.
  const published = join(work, 'escape-published');
  cpSync(pkg, published, { recursive: true });
  writeFileSync(join(published, ESCAPED_NAME), 'x');
  const validated = tessera('validate', published);
  assert.equal(validated.code, 1);
  assert.ok(!hasRawControl(validated.out + validated.err), 'no raw ESC or CR reaches the terminal');
  assert.ok(validated.out.includes('error \\x1b[2K\\x0d0 errors: '), validated.out);
  assert.match(validated.out, /: 1 error, \d+ warnings\n$/);  // the warnings: the golden course's untranslated French
  // And the verifier's report, whose package check quotes the name.
  const verified = tessera('verify', proofPath, '--package', published, '--now', NOW);
  assert.equal(verified.code, 2, 'the package folder is refused before the report');
  assert.ok(!hasRawControl(verified.out + verified.err));
  assert.ok(verified.err.includes('\\x1b[2K\\x0d0 errors'), verified.err);
});

test('a signed manifest listing ../ or an absolute path is refused by validate, replay and verify, naming it', () => {
  const cases = [
    { name: 'forged-dotdot', path: '../outside/secret.txt', why: "it has a '..' segment" },
    { name: 'forged-absolute', path: '/etc/passwd', why: "it is absolute (starts with '/')" },
  ];
  for (const { name, path, why } of cases) {
    const forged = join(work, name);
    cpSync(pkg, forged, { recursive: true });
    const bytes = readFileSync(join(work, 'outside/secret.txt'));
    forgeManifest(forged, keyFile, [{ path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]);
    const said = new RegExp(`the manifest lists '${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' \\(files/7/path\\), which is not a package path: ${why.replace(/[()]/g, '\\$&')}`);

    const validated = tessera('validate', forged, '--json');
    assert.equal(validated.code, 1, name);
    const problems = JSON.parse(validated.out).problems.filter((p) => p.severity === 'error');
    assert.deepEqual(problems.map((p) => p.where), ['manifest.json'], name);
    assert.match(problems[0].message, said, name);

    const replayed = tessera('replay', forged, RECORD);
    assert.equal(replayed.code, 2, name);
    assert.match(replayed.err, said, name);
    assert.equal(replayed.out, '', `${name}: nothing is replayed`);

    const verified = tessera('verify', proofPath, '--package', forged, '--now', NOW, '--json');
    assert.equal(verified.code, 1, name);
    const check = JSON.parse(verified.out).checks.find((c) => c.id === 'package');
    assert.equal(check.status, 'fail', name);
    assert.match(check.sentence, said, name);
  }
  // The forgery itself is sound: the same re-signing with a good path verifies, so the path is what is refused.
  const sound = join(work, 'forged-sound');
  cpSync(pkg, sound, { recursive: true });
  writeFileSync(join(sound, 'notes.txt'), 'x');
  forgeManifest(sound, keyFile, [{ path: 'notes.txt', size: 1, sha256: createHash('sha256').update('x').digest('hex') }]);
  assert.equal(tessera('validate', sound).code, 0);
});

// The one message every command gives for a package whose FILE no longer matches its signed manifest.
function refusal(file, what) {
  const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`the package does not match its signed manifest: ${escaped(file)}: ${escaped(what)}`);
}

test('a file changed after signing is refused by replay, verify, prove and validate, each naming it', () => {
  const SHA = "the file's SHA-256 does not match the signed manifest";
  const cases = [
    // course.json edited in place, same size: only its digest tells.
    { file: 'course.json', what: SHA,
      edit: (dir) => {
        const text = readFileSync(join(dir, 'course.json'), 'utf8');
        const changed = text.replace('"title"', '"TITLE"');
        assert.notEqual(changed, text);
        writeFileSync(join(dir, 'course.json'), changed);
      } },
    // A media file the course only links to, grown by a line.
    { file: 'media/walkthrough.md', what: 'the file has',
      edit: (dir) => appendFileSync(join(dir, 'media/walkthrough.md'), 'changed after signing\n') },
  ];
  for (const { file, what, edit } of cases) {
    const tampered = join(work, `tampered-${file.replace(/\W/g, '-')}`);
    cpSync(pkg, tampered, { recursive: true });
    edit(tampered);
    const said = refusal(file, what);
    for (const named of [tampered, join(tampered, 'course.json')]) {  // the folder, or its course.json
      const replayed = tessera('replay', named, RECORD);
      assert.equal(replayed.code, 2, `replay ${named}: ${replayed.err}`);
      assert.match(replayed.err, said, named);
      assert.equal(replayed.out, '', `${named}: nothing is replayed`);
      const validated = tessera('validate', named);
      assert.equal(validated.code, 1, `validate ${named}`);
      assert.match(validated.out, said, named);
    }
    const verified = tessera('verify', proofPath, '--package', tampered, '--now', NOW, '--json');
    assert.equal(verified.code, 1, file);
    const check = JSON.parse(verified.out).checks.find((c) => c.id === 'package');
    assert.equal(check.status, 'fail', file);
    assert.match(check.sentence, said, file);
    const proved = tessera('prove', tampered, RECORD, '--seed', '11'.repeat(32), '--now', NOW, '--out', join(work, 'never.json'));
    assert.equal(proved.code, 1, file);
    assert.match(proved.err, said, file);
    assert.ok(!existsSync(join(work, 'never.json')), 'no proof was written');
  }
  // The untouched package replays, named either way: what was refused is the change.
  assert.equal(tessera('replay', pkg, RECORD).code, 0);
  assert.equal(tessera('replay', join(pkg, 'course.json'), RECORD).code, 0);
});

test('prove refuses an unsigned, a tampered and a wrongly signed package, with the reason, and writes nothing', () => {
  const out = join(work, 'refused-proof.json');
  const unsigned = join(work, 'unsigned');
  cpSync(pkg, unsigned, { recursive: true });
  unlinkSync(join(unsigned, 'manifest.json'));
  const noManifest = tessera('prove', unsigned, RECORD, '--seed', '11'.repeat(32), '--now', NOW, '--out', out);
  assert.equal(noManifest.code, 2);
  assert.match(noManifest.err, /error manifest\.json: the package has no readable manifest\.json/);

  const tampered = join(work, 'tampered');
  cpSync(pkg, tampered, { recursive: true });
  appendFileSync(join(tampered, 'media/walkthrough.md'), 'changed after signing\n');
  const changed = tessera('prove', tampered, RECORD, '--seed', '11'.repeat(32), '--now', NOW, '--out', out);
  assert.equal(changed.code, 1);
  assert.match(changed.err, /error media\/walkthrough\.md: the file has \d+ bytes; the manifest says \d+/);
  assert.match(changed.err, refusal('media/walkthrough.md', 'the file has'));

  const otherPublisher = JSON.parse(readFileSync(join(ROOT, 'tests/golden/package/manifest.json'), 'utf8')).publisher;
  const pinned = tessera('prove', pkg, RECORD, '--seed', '11'.repeat(32), '--now', NOW, '--publisher', otherPublisher, '--out', out);
  assert.equal(pinned.code, 1);
  assert.ok(pinned.err.includes(`not by the expected publisher ${otherPublisher}`), pinned.err);
  assert.ok(!existsSync(out), 'no proof was written');
});

test('prove refuses a proof its own verify would refuse for its dates, by the verifier\'s own check', () => {
  const out = join(work, 'dated-proof.json');
  // The learner's events are dated 2027-01-01 (the last at 00:08:20, the proof's validFrom); a device whose
  // clock says 2026 would sign a proof that is
  // "not valid yet" everywhere.
  const early = tessera('prove', pkg, RECORD, '--seed', '11'.repeat(32), '--now', '2026-06-01T00:00:00Z', '--out', out);
  assert.equal(early.code, 1);
  assert.match(early.err, /tessera prove: error validity: Not valid yet: valid from 2027-01-01T00:08:20Z\./);
  assert.match(early.err, /no proof was made: tessera verify would refuse it/);
  const verdict = tessera('verify', proofPath, '--package', pkg, '--now', '2026-06-01T00:00:00Z', '--json');
  assert.equal(JSON.parse(verdict.out).checks.find((c) => c.id === 'validity').sentence,
    'Not valid yet: valid from 2027-01-01T00:08:20Z.', 'the same sentence verify gives: one check');
  // A created stamp no reader can parse (February 30th).
  const created = tessera('prove', pkg, RECORD, '--seed', '11'.repeat(32), '--created', '2027-02-30T00:00:00Z', '--now', NOW,
    '--out', out);
  assert.equal(created.code, 1);
  assert.match(created.err, /error \/proof\/created: '2027-02-30T00:00:00Z' is not a date-time with a time zone/);
  assert.ok(!existsSync(out), 'no proof was written');
  // And a good date signs a proof verify passes.
  const good = tessera('prove', pkg, RECORD, '--seed', '11'.repeat(32), '--now', NOW, '--out', out);
  assert.equal(good.code, 0, good.err);
  assert.equal(tessera('verify', out, '--package', pkg, '--now', NOW).code, 0);
});
