// The interface's words for the screen being drawn: the view's `words` (the runtime's catalogue for the
// interface language, English where it lacks one), set once per drawn view, read by the widgets that
// need a word of their own (True/False, Move up, media and hotspot help…).
let current = {};

export function useWords(words) {
  current = words || {};
}

// The word "ui.<key>" with its {name} placeholders filled in; the key itself if the view lacks it, so a
// missing word shows instead of vanishing (the runtime's strings test keeps every key in English).
export function word(key, values = {}) {
  const pattern = current[`ui.${key}`] ?? key;
  return pattern.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
