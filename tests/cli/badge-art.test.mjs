// Badge art at site assembly (cmake/badge-art.mjs): each sample course's own badge.svg kept, a course without
// one given a generated badge (its initials and title on a shape), and every badge.svg rasterised to a
// 256×256 badge.png by librsvg; the files checked by xmllint and pngcheck, not by the code that made them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initials, makeBadgeArt } from '../../cmake/badge-art.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONTENT = join(ROOT, 'content');

test('initials come from the words that carry meaning', () => {
  assert.equal(initials('Giving and receiving feedback'), 'GR');
  assert.equal(initials('Workplace essentials: recall check'), 'WE');
  assert.equal(initials('écoute et dialogue'), 'ÉD');
  assert.equal(initials('of'), 'O');
});

test('every course gets badge.svg and a 256×256 badge.png; a course\'s own art is kept, a missing one generated', () => {
  const work = mkdtempSync(join(tmpdir(), 'tessera-badge-art-'));
  try {
    const courses = readdirSync(CONTENT).filter((name) => existsSync(join(CONTENT, name, 'course.json')) && name !== '_template');
    for (const name of courses) cpSync(join(CONTENT, name), join(work, name), { recursive: true });
    mkdirSync(join(work, 'odd-title'));
    writeFileSync(join(work, 'odd-title/course.json'), JSON.stringify({ id: 'odd-title', language: ['en'], title: 'Q&A <basics> "quoted"' }));
    const made = makeBadgeArt(work);
    assert.equal(made.length, courses.length + 1);
    for (const { course, generated } of made) {
      const svg = join(work, course, 'badge.svg');
      const own = join(CONTENT, course, 'badge.svg');
      assert.equal(generated, !existsSync(own), course);
      if (!generated) assert.equal(readFileSync(svg, 'utf8'), readFileSync(own, 'utf8'));
      assert.equal(spawnSync('xmllint', ['--noout', '--nonet', svg]).status, 0, `${course}: badge.svg is not well-formed`);
      const checked = spawnSync('pngcheck', ['-v', join(work, course, 'badge.png')], { encoding: 'utf8' });
      assert.equal(checked.status, 0, checked.stdout);
      assert.match(checked.stdout, /256 x 256 image/);
    }
    // The sample courses have art of their own, except the recall course, whose badge is generated.
    assert.deepEqual(made.filter((m) => m.generated).map((m) => m.course).sort(), ['odd-title', 'workplace-essentials-recall']);
    const recall = readFileSync(join(work, 'workplace-essentials-recall/badge.svg'), 'utf8');
    assert.match(recall, />WE<\/text>/);
    assert.match(recall, /<title>Workplace essentials: recall check<\/title>/);
    assert.match(readFileSync(join(work, 'odd-title/badge.svg'), 'utf8'), /<title>Q&amp;A &lt;basics&gt; &quot;quoted&quot;<\/title>/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
