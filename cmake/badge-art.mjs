// Badge art for every course in the assembled site: a course folder's own badge.svg, or one made here from its
// title (its initials on a shape, the title beneath), and badge.png rasterised from it by librsvg's rsvg-convert
// (Debian librsvg2-bin). Run at site assembly as `node badge-art.mjs SITE/courses` (docs/package-format.md).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkup } from './markup.mjs';

export const BADGE_PIXELS = 256;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'to', 'in', 'on', 'for', 'et', 'de', 'du', 'la', 'le', 'les']);

// The title in the course's first language (a course.json title is a string or one per language).
function courseTitle(course) {
  if (typeof course.title === 'string') return course.title;
  const languages = Array.isArray(course.language) ? course.language : [course.language];
  const title = course.title?.[languages[0]] ?? Object.values(course.title ?? {})[0];
  return typeof title === 'string' ? title : course.id;
}

// Up to two initials from the title's words that carry meaning ("Workplace essentials: recall" → "WE").
export function initials(title) {
  const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()));
  return (words.length ? words : [title]).slice(0, 2).map((w) => Array.from(w)[0].toUpperCase()).join('');
}

// A hue from the course id, so each generated badge keeps its colour from build to build.
function hue(id) {
  let h = 0;
  for (const c of id) h = (h * 31 + c.codePointAt(0)) % 360;
  return h;
}

export function generatedBadge(course) {
  const title = courseTitle(course);
  const shortTitle = Array.from(title).length > 22 ? `${Array.from(title).slice(0, 21).join('')}…` : title;
  const h = hue(String(course.id));
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Badge art generated at site assembly (cmake/badge-art.mjs): the course has no badge.svg of its own. -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256">
  <title>${escapeMarkup(title)}</title>
  <path d="M128 8 L232 68 V188 L128 248 L24 188 V68 Z" fill="hsl(${h}, 55%, 32%)"/>
  <path d="M128 24 L218 76 V180 L128 232 L38 180 V76 Z" fill="none" stroke="hsl(${h}, 70%, 80%)" stroke-width="5"/>
  <text x="128" y="140" text-anchor="middle" font-family="Noto Sans, sans-serif" font-weight="bold" font-size="84" fill="#ffffff">${escapeMarkup(initials(title))}</text>
  <text x="128" y="186" text-anchor="middle" font-family="Noto Sans, sans-serif" font-size="13" fill="#ffffff">${escapeMarkup(shortTitle)}</text>
</svg>
`;
}

// Every folder under `coursesDir` with a course.json gets badge.svg (kept if it has one) and badge.png.
export function makeBadgeArt(coursesDir) {
  const made = [];
  for (const entry of readdirSync(coursesDir, { withFileTypes: true })) {
    const folder = join(coursesDir, entry.name);
    if (!entry.isDirectory() || !existsSync(join(folder, 'course.json'))) continue;
    const svg = join(folder, 'badge.svg');
    const generated = !existsSync(svg);
    if (generated) writeFileSync(svg, generatedBadge(JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8'))));
    execFileSync('rsvg-convert', ['-w', String(BADGE_PIXELS), '-h', String(BADGE_PIXELS), '-o', join(folder, 'badge.png'), svg]);
    made.push({ course: entry.name, generated });
  }
  return made;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    makeBadgeArt(process.argv[2]);
  } catch (error) {
    console.error(`badge-art.mjs: ${error.message}`);
    if (error.code === 'ENOENT') console.error('what to do: install rsvg-convert (Debian librsvg2-bin; scripts/bootstrap does)');
    process.exit(1);
  }
}
