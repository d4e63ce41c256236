// ISO 8601 durations as xAPI, cmi5 and SCORM 2004 write them (the runtime's session::iso_duration, in JS for
// what only the host knows: a launch's wall-clock time).

// "PT1H2M3.45S": whole centiseconds, the fraction left out when it is zero ("PT0H0M59S").
export function isoDuration(milliseconds) {
  const centis = Math.floor(Math.max(0, milliseconds) / 10);
  const [hours, minutes, seconds, fraction] = [Math.floor(centis / 360000), Math.floor(centis / 6000) % 60, Math.floor(centis / 100) % 60, centis % 100];
  return `PT${hours}H${minutes}M${seconds}${fraction ? `.${String(fraction).padStart(2, '0')}` : ''}S`;
}
