// The HTML player's completion moment: the banner's lines as the view words them (credential, scores,
// skills), and the next course of the learner's pathway, which only the page can know (the catalog, and the
// proofs in the wallet say which courses this device completed).
import { element, localised } from '../shell.js';
import { courseDetails, loadCatalog, pathwayNextCourses } from '../courses.js';
import { say } from '../words.js';

// The view's completion moment (view.completion: credentialText, scores, skillsText, skills) as banner lines.
export function completionMoment(completion) {
  const lines = [];
  if (completion.credentialText) lines.push(element('p', { id: 'completion-credential', text: completion.credentialText }));
  if (completion.scores?.length) {
    lines.push(element('ul', { id: 'completion-scores' }, completion.scores.map((text) => element('li', { text }))));
  }
  if (completion.skills?.length) {
    lines.push(element('p', { id: 'completion-skills-text', text: completion.skillsText }),
      element('ul', { id: 'completion-skills', 'aria-labelledby': 'completion-skills-text' },
        completion.skills.map((skill) => element('li', { 'data-competency': skill.id, text: skill.text }))));
  }
  return lines;
}

// The pathway that holds `courseId` (required, or its capstone) and the first course of it not complete on
// this device, or null. `completed`: the ids of courses with a completion proof here.
export function nextInPathway(runtime, catalog, courseId, completed) {
  const done = [...new Set([...completed, courseId])];
  const result = JSON.parse(runtime.pathwayProgress(JSON.stringify(catalog), JSON.stringify(done)));
  if (!result.ok) return null;
  for (const progress of result.pathways) {
    const pathway = catalog.pathways.find((p) => p.id === progress.pathway);
    const holds = pathway?.capstone === courseId || (pathway?.requirements || []).some((rule) => (rule.courses || []).includes(courseId));
    const next = holds ? pathwayNextCourses(progress)[0] : undefined;
    if (next) return { pathway, course: next };
  }
  return null;
}

// "Next in your pathway “…”: <course title>" linking to that course's page, or null (no pathway holds this
// course, every course of it is done, or the catalog cannot be read).
export async function nextCourseLine(runtime, courseId, completed) {
  try {
    const catalog = await loadCatalog();
    const next = nextInPathway(runtime, catalog, courseId, completed);
    const entry = next && catalog.courses.find((course) => course.id === next.course);
    const details = entry && await courseDetails(entry);
    if (!details) return null;  // named by its title, never its id
    const title = localised(details.title, document.documentElement.lang, details.defaultLanguage);
    return element('p', { id: 'next-course' }, say('page.player.next-course', { pathway: localised(next.pathway.title) }), ' ',
      element('a', { href: `course.html?id=${encodeURIComponent(entry.id)}`, 'data-course': entry.id, text: title }));
  } catch (error) {
    console.warn('Tessera: no next course', error);
    return null;
  }
}
