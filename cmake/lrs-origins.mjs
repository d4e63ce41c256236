// The origins of the learning record stores a site's pages may send statements to: each course's `lrs` and the
// organisation's LRS named when the site is assembled. They go into the pages' connect-src (docs/lms.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class PolicyError extends Error {}

// Loopback hosts, which browsers treat as secure: an http:// LRS is allowed on them only (a test, a local LRS).
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

// The origin of an LRS endpoint, or a PolicyError saying where it came from and how to write it.
export function lrsOrigin(endpoint, where) {
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PolicyError(`${where}: "${endpoint}" is not an address; write the LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI/`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) {
    throw new PolicyError(`${where}: "${endpoint}" must be an https:// address (http:// only on localhost or 127.0.0.1), so statements never travel in clear text`);
  }
  return url.origin;
}

// Every course.json under `dir` (a course folder, or a version folder in it), skipping _template and the like.
function courseFiles(dir, depth = 0) {
  if (existsSync(join(dir, 'course.json'))) return [join(dir, 'course.json')];
  if (depth === 2) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && !entry.name.startsWith('.'))
    .flatMap((entry) => courseFiles(join(dir, entry.name), depth + 1));
}

// The connect-src of the site's pages: `base` ("'self'"), then each LRS origin once, sorted (the same site
// assembled twice gives the same pages). `named`: the organisation's endpoints; `coursesDir`: optional.
export function lrsConnectSources(base, named = [], coursesDir = null) {
  const origins = new Set(named.map((endpoint) => lrsOrigin(endpoint, 'the site\'s LRS (TESSERA_LRS / --lrs)')));
  for (const file of coursesDir && existsSync(coursesDir) ? courseFiles(coursesDir) : []) {
    let course;
    try {
      course = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new PolicyError(`${file}: cannot be read as JSON (${error.message}); run tessera validate on the course`);
    }
    if (typeof course.lrs === 'string') origins.add(lrsOrigin(course.lrs, `${file}, /lrs`));
  }
  return [base, ...[...origins].sort()].join(' ');
}
