// A course's catalog card: the few facts from its course.json a person scans in a list (title, promise,
// duration, level, credential and validity, languages, publisher), copied into catalog.json when the site is
// published so the catalog page needs no course.json and no runtime. Display only: a course is checked when opened.
export function catalogCard(course) {
  const card = {
    title: course.title,
    summary: course.summary,
    estimatedMinutes: Number.isFinite(course.estimatedMinutes) ? course.estimatedMinutes : undefined,
    level: typeof course.level === 'string' ? course.level : undefined,
    defaultLanguage: course.defaultLanguage,
    languages: Array.isArray(course.languages) ? course.languages : undefined,
    publisher: course.publisher?.name ? { name: course.publisher.name } : undefined,
    credential: course.credential
      ? { name: course.credential.name, validityMonths: course.credential.validityMonths }
      : undefined,
  };
  return JSON.parse(JSON.stringify(card));  // drops the members a course does not have
}
