// Packs every course folder of an assembled site in place (signed manifest.json beside its files), pins the
// publisher in the site's catalog.json and writes each course's card there (web/js/catalog-card.js), so the
// catalog page reads catalog.json alone.   usage: node publish-courses.mjs TESSERA KEYDIR COURSES
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { catalogCard } from '../../web/js/catalog-card.js';

const [tessera, keys, courses] = process.argv.slice(2);
const catalogPath = join(courses, 'catalog.json');
const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
const publisher = JSON.parse(readFileSync(join(keys, 'publisher.pub.json'), 'utf8'));
const did = publisher.did || publisher.id;
if (typeof did !== 'string' || !did.startsWith('did:key:')) {
  throw new Error(`${join(keys, 'publisher.pub.json')} names no did:key publisher; delete the folder to make a new key`);
}

for (const entry of catalog.courses || []) {
  const folder = join(courses, entry.path || entry.id);
  if (!existsSync(join(folder, 'course.json'))) throw new Error(`catalog.json lists ${entry.id}, but ${folder} has no course.json`);
  if (existsSync(join(folder, 'manifest.json'))) throw new Error(`${folder} is already packed; re-assemble the site first`);
  // Packed beside the site (same file system), then moved into place.
  const out = mkdtempSync(join(dirname(dirname(courses)), '.publish-'));
  const run = spawnSync(tessera, ['pack', folder, '--key', join(keys, 'publisher.key'), '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tessera pack ${folder} failed:\n${run.stdout}${run.stderr}`);
  const packed = join(out, entry.id, entry.version);
  if (!existsSync(join(packed, 'manifest.json'))) {
    throw new Error(`tessera pack wrote no ${entry.id}/${entry.version}/manifest.json: does catalog.json's version match course.json's?`);
  }
  rmSync(folder, { recursive: true });
  renameSync(packed, folder);
  rmSync(out, { recursive: true, force: true });
  entry.publisher = did;
  entry.card = catalogCard(JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8')));
  // Its badge art (cmake/badge-art.mjs made one if it had none): the pages show it only where the card says so.
  if (existsSync(join(folder, 'badge.svg'))) entry.card.badge = 'badge.svg';
}
writeFileSync(catalogPath, `${JSON.stringify(catalog, null, 2)}\n`);
console.log(`signed ${(catalog.courses || []).length} courses as ${did}`);
