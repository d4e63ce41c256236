// Baked badges checked by tools that are not Tessera: a credential issued by `tessera issue` is baked into a PNG
// and an SVG; Debian's pngcheck checks the PNG's chunks and CRCs, ExifTool reads the iTXt chunk's text, xmllint
// and @xmldom/xmldom read the SVG as XML; each must give back the credential byte for byte. Then `tessera verify`
// on the images (valid), and on copies with one changed byte inside the credential (refused, with the reason).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const ART = join(ROOT, 'tests/golden/baking');
const NOW = '2027-01-02T00:00:00Z';
const OB3 = 'https://purl.imsglobal.org/ob/v3p0';

function run(command, ...args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
const tessera = (...args) => run(TESSERA, ...args);

let work, credentialPath, credential, bakedPng, bakedSvg;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-baking-'));
  const { pkg, proof, issuer } = makeGoldenCredentialPath(work);
  credentialPath = join(work, 'badge.json');
  const issued = tessera('issue', proof, '--issuer', issuer, '--package', pkg, '--now', NOW, '--out', credentialPath);
  assert.equal(issued.code, 0, issued.err);
  credential = readFileSync(credentialPath);
  bakedPng = join(work, 'badge.png');
  bakedSvg = join(work, 'badge.svg');
  const png = tessera('bake', credentialPath, join(ART, 'art.png'), '--out', bakedPng);
  assert.equal(png.code, 0, png.err);
  assert.match(png.err, /wrote .*badge\.png \(PNG, \d+ bytes\)/);
  const svg = tessera('bake', credentialPath, join(ART, 'art.svg'), '--out', bakedSvg);
  assert.equal(svg.code, 0, svg.err);
});
after(() => rmSync(work, { recursive: true, force: true }));

// The PNG's chunks as [type, start of its data, length], read by hand from the file format (not by Tessera).
function chunks(png) {
  const found = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    found.push([png.toString('latin1', at + 4, at + 8), at + 8, length]);
    at += 12 + length;
  }
  return found;
}

test('pngcheck finds the baked PNG sound, with one uncompressed openbadgecredential iTXt chunk of the credential\'s length', () => {
  const checked = run('pngcheck', '-v', bakedPng);
  assert.equal(checked.code, 0, checked.out);
  assert.match(checked.out, /No errors detected/);
  assert.equal(checked.out.match(/chunk iTXt/g)?.length, 1);
  // The chunk holds the keyword, NUL, compression flag and method, an empty language tag and translated keyword
  // (each ended by NUL): 24 bytes, then the credential.
  assert.match(checked.out, new RegExp(`chunk iTXt at offset 0x\\w+, length ${24 + credential.length}, keyword: openbadgecredential\\n +uncompressed, no language tag\\n`));
  // Right after IHDR, before the image data, as Tessera writes it.
  assert.deepEqual(chunks(readFileSync(bakedPng)).map(([type]) => type), ['IHDR', 'iTXt', 'bKGD', 'IDAT', 'IEND']);
});

test('ExifTool reads the iTXt chunk\'s text back byte for byte', () => {
  const read = spawnSync('exiftool', ['-b', '-PNG:Openbadgecredential', bakedPng]);
  assert.equal(read.status, 0, String(read.stderr));
  assert.ok(Buffer.compare(read.stdout, credential) === 0, 'ExifTool gives back other bytes than the credential file');
});

test('the baked SVG is well-formed XML whose openbadges:credential, first inside <svg>, holds the credential', () => {
  assert.equal(run('xmllint', '--noout', '--nonet', bakedSvg).code, 0);
  const errors = [];
  const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) })
    .parseFromString(readFileSync(bakedSvg, 'utf8'), 'image/svg+xml');
  assert.deepEqual(errors, []);
  const root = doc.documentElement;
  assert.equal(root.localName, 'svg');
  const first = Array.from(root.childNodes).find((node) => node.nodeType === 1);
  assert.equal(first.namespaceURI, OB3);
  assert.equal(first.localName, 'credential');
  assert.equal(root.getElementsByTagNameNS(OB3, 'credential').length, 1);
  assert.ok(Buffer.compare(Buffer.from(first.textContent, 'utf8'), credential) === 0,
    'the XML parser gives back other bytes than the credential file');
  // The artwork is kept: the original's circle and text are still there.
  assert.equal(root.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'circle').length, 1);
});

test('tessera verify unbakes the PNG and the SVG, says so, and verifies the credential', () => {
  for (const [image, kind, carrier] of [[bakedPng, 'a PNG', 'its iTXt chunk openbadgecredential'],
    [bakedSvg, 'an SVG', 'its openbadges:credential element']]) {
    const verified = tessera('verify', image, '--now', NOW);
    assert.equal(verified.code, 0, verified.out + verified.err);
    assert.match(verified.out, new RegExp(`^pass +image +The credential was unbaked from ${kind} image \\(${carrier}, JSON\\)`, 'm'));
    assert.match(verified.out, /^pass +proof +The proof \(eddsa-rdfc-2022\) verifies/m);
    // No status list was supplied, so revocation was not checked: nothing failed, yet not fully checked.
    assert.match(verified.out, /^warning +status +Revocation could not be checked: the credential names the status list/m);
    assert.match(verified.out, /^NOT FULLY CHECKED \(nothing failed; see the warnings\): 7 checks, 0 failed, 1 warnings$/m);
    const json = JSON.parse(tessera('verify', image, '--now', NOW, '--json').out);
    assert.equal(json.checks[0].id, 'image');
    assert.equal(json.ok, true);
  }
});

// The byte offset of the first letter of the achievement's name inside `bytes`.
function nameByte(bytes) {
  const at = bytes.indexOf('"name": "Package checker"');
  assert.ok(at > 0, 'the credential names its achievement');
  return at + '"name": "'.length;
}

test('one changed byte inside the PNG\'s credential is refused: by its CRC, and by the signature once the CRC is fixed', () => {
  const png = readFileSync(bakedPng);
  const changed = Buffer.from(png);
  const at = nameByte(changed);
  changed[at] = 'Q'.charCodeAt(0);  // "Package checker" → "Qackage checker"
  const damaged = join(work, 'damaged.png');
  writeFileSync(damaged, changed);
  const byCrc = tessera('verify', damaged, '--now', NOW);
  assert.equal(byCrc.code, 1);
  const [, start, length] = chunks(changed).find(([type]) => type === 'iTXt');
  assert.match(byCrc.out, new RegExp(`^fail +image +No credential could be read from this PNG image: the iTXt chunk's CRC is wrong .* \\(at byte ${start + length + 1}\\)\\.$`, 'm'));
  // Someone who changes the text can also fix the CRC: then the signature must catch it.
  changed.writeUInt32BE(crc32(changed.subarray(start - 4, start + length)), start + length);
  const forged = join(work, 'forged.png');
  writeFileSync(forged, changed);
  assert.equal(run('pngcheck', forged).code, 0);
  const bySignature = tessera('verify', forged, '--now', NOW);
  assert.equal(bySignature.code, 1);
  assert.match(bySignature.out, /^pass +image /m);
  assert.match(bySignature.out, /^fail +proof /m);
  assert.match(bySignature.out, /^NOT VERIFIED:/m);
});

test('one changed byte inside the SVG\'s credential fails the signature', () => {
  const changed = Buffer.from(readFileSync(bakedSvg));
  changed[nameByte(changed)] = 'Q'.charCodeAt(0);
  const forged = join(work, 'forged.svg');
  writeFileSync(forged, changed);
  const verified = tessera('verify', forged, '--now', NOW);
  assert.equal(verified.code, 1);
  assert.match(verified.out, /^fail +proof /m);
  assert.match(verified.out, /^NOT VERIFIED:/m);
});

test('an image without a credential, a file that is no image, and an --out of the other kind are refused', () => {
  const plain = tessera('verify', join(ART, 'art.png'), '--now', NOW);
  assert.equal(plain.code, 1);
  assert.match(plain.out, /No credential could be read from this PNG image: the PNG carries no credential/);
  const text = join(work, 'note.txt');
  writeFileSync(text, 'not an image');
  const notImage = tessera('bake', credentialPath, text, '--out', join(work, 'x.png'));
  assert.equal(notImage.code, 1);
  assert.match(notImage.err, /error byte 1: this is neither a PNG nor an SVG image/);
  const wrongName = tessera('bake', credentialPath, join(ART, 'art.svg'), '--out', join(work, 'x.png'));
  assert.equal(wrongName.code, 2);
  assert.match(wrongName.err, /is an SVG image \(by its content\), but --out names a \.png file: name it \.svg/);
  assert.equal(tessera('bake', credentialPath, join(ART, 'art.png')).code, 2);  // --out is required
});
