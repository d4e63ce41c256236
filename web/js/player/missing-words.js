// The HTML player's own words that the view does not carry yet (docs/web-app.md lists them): English in
// every interface language until the runtime's catalogues have them. Every other word the player shows —
// labels, statuses, results, reasons, countdown labels — comes from the view.
const ENGLISH = {
  'true': 'True',
  'false': 'False',
  'questions': 'Questions',
  'answered': 'answered',
  'not-answered': 'not answered',
  'reflection-prompt': 'Your reflection',
  'reflection-private': 'Only you can see this: it stays on this device.',
  'survey-optional': 'Optional: your answers help improve the course.',
  'think-about': 'Think about',
  'scenario-score': 'Score: {score} of {max}',
  'scenario-level': 'Level: {level}',
  'scenario-meters': 'How things stand',
  'scenario-history': '{label} so far: {values}.',
  'check-error': 'This check cannot be shown. Tell the course author.',
  'scenario-error': 'This scenario could not be loaded. Tell the course author.',
  'no-content': 'This course has no content yet.',
  'choose': 'Choose…',
  'blank': 'Blank {number}',
  'ordering-help': 'Put the items in order with the Move up and Move down buttons.',
  'move-up': 'Move up',
  'move-down': 'Move down',
  'moved': '"{text}" is now number {place} of {count}.',
  'unit-help': 'Give the number with its unit ({unit}), for example 12 {unit}.',
  'hotspot-help': 'Click the spot on the image, or focus the image and move the point with the arrow keys.',
  'hotspot-keys': '{alt}. Use the arrow keys to move the point, Shift with an arrow for bigger steps.',
  'hotspot-none': 'No point placed yet.',
  'hotspot-point': 'Point at x {x}, y {y} of {width} by {height}.',
  'image': 'Image',
  'captions': 'Captions',
  'load-audio': 'Load the audio ({size})',
  'load-video': 'Load the video ({size})',
  'transcript': 'Transcript',
  'transcript-loading': 'Loading the transcript…',
  'transcript-failed': 'The transcript could not be loaded. Check your connection and open it again.',
};

// The word for `key` with its {name} placeholders filled in.
export function missingWord(key, values = {}) {
  return ENGLISH[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
