// "Make available offline" for one course: every file of the package goes into the service worker's
// course cache, with the total size shown before and the progress after. The file list comes from the
// signed manifest when there is one, else from the files course.json refers to.
import { courseFolder } from './courses.js';

export const COURSE_CACHE = 'tessera-courses-v1';
const FILE_KEYS = new Set(['src', 'captions', 'transcript', 'poster']);

// Paths named in course.json (media, captions, transcripts, item images), relative to the course folder.
export function referencedFiles(course) {
  const found = new Set(['course.json']);
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (FILE_KEYS.has(key) && typeof inner === 'string' && !/^[a-z]+:/i.test(inner)) found.add(inner);
        else walk(inner);
      }
    }
  };
  walk(course);
  return [...found];
}

// [{ url, size }] for a course: sizes from the manifest, else from HEAD requests (null when unknown).
export async function packageFiles(entry, course) {
  const folder = courseFolder(entry);
  try {
    const response = await fetch(new URL('manifest.json', folder));
    if (response.ok) {
      const manifest = await response.json();
      const files = (manifest.files || []).map((f) => ({ url: new URL(f.path, folder).href, size: f.size }));
      return [{ url: new URL('manifest.json', folder).href, size: 0 }, ...files];
    }
  } catch {
    // fall through to the references
  }
  return Promise.all(referencedFiles(course).map(async (path) => {
    const url = new URL(path, folder).href;
    try {
      const head = await fetch(url, { method: 'HEAD' });
      return { url, size: head.ok ? Number(head.headers.get('content-length')) || null : null };
    } catch {
      return { url, size: null };
    }
  }));
}

export async function cachedCount(files) {
  if (!('caches' in window)) return 0;
  const cache = await caches.open(COURSE_CACHE);
  let count = 0;
  for (const file of files) if (await cache.match(file.url)) count += 1;
  return count;
}

// Fetches and stores every file; onProgress(done, total). Resolves to the bytes stored.
export async function makeAvailableOffline(files, onProgress = () => {}) {
  const cache = await caches.open(COURSE_CACHE);
  let bytes = 0;
  let done = 0;
  for (const file of files) {
    const response = await fetch(file.url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${file.url} answered ${response.status}`);
    const body = await response.clone().arrayBuffer();
    bytes += body.byteLength;
    await cache.put(file.url, response);
    done += 1;
    onProgress(done, files.length);
  }
  return bytes;
}
