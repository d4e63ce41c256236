// The catalog page: lists the courses in courses/catalog.json and shows the runtime's version.
import { loadRuntime } from './runtime.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function localised(value, language = document.documentElement.lang) {
  if (value === null || typeof value !== 'object') return value ?? '';
  return value[language] ?? value.default ?? Object.values(value)[0] ?? '';
}

async function showCatalog() {
  const status = document.getElementById('catalog-status');
  const list = document.getElementById('course-list');
  try {
    const response = await fetch('courses/catalog.json');
    if (!response.ok) throw new Error(`the catalog answered ${response.status}`);
    const catalog = await response.json();
    const courses = Array.isArray(catalog.courses) ? catalog.courses : [];
    for (const course of courses) {
      const item = element('li', 'course-card');
      item.append(element('h3', null, localised(course.title)));
      item.append(element('p', null, localised(course.summary)));
      list.append(item);
    }
    status.textContent = courses.length === 0
      ? 'No courses are published here yet.'
      : `${courses.length} course${courses.length === 1 ? '' : 's'} available.`;
  } catch (error) {
    status.textContent = `The catalog could not be loaded (${error.message}). Reload the page to try again.`;
  }
}

async function showRuntimeVersion() {
  const target = document.getElementById('runtime-version');
  try {
    const runtime = await loadRuntime();
    const info = JSON.parse(runtime.buildInfo());
    target.textContent = `${runtime.version()} (${info.platform})`;
    target.dataset.state = 'ready';
  } catch (error) {
    target.textContent = 'unavailable';
    target.dataset.state = 'failed';
    console.error('Tessera runtime failed to load:', error);
  }
}

showCatalog();
showRuntimeVersion();
