// Merges the native and Wasm benchmark rows, prints a table with Wasm/native ratios, writes results.json.
// usage: node bench-report.mjs NATIVE.jsonl WASM.jsonl OUT.json [BASELINE.jsonl]
// BASELINE rows (other implementations, e.g. Digital Bazaar's under node) get ratio = their time / native.
// A row naming a floor (another case of the same platform and run, e.g. the raw Ed25519 verifications) also
// gets floor_ratio = its time / the floor's.
import { readFileSync, writeFileSync } from 'node:fs';

const [nativeFile, wasmFile, outFile, baselineFile] = process.argv.slice(2);
const read = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const native = read(nativeFile);
const wasm = [...read(wasmFile), ...(baselineFile ? read(baselineFile) : [])];
const baseline = new Map(native.map((row) => [row.name, row]));
const byPlatform = new Map([...native, ...wasm].map((row) => [`${row.platform} ${row.name}`, row]));
const withFloor = (row) => {
  const floor = row.floor ? byPlatform.get(`${row.platform} ${row.floor}`) : undefined;
  return { ...row, floor_ratio: floor ? row.median_ms / floor.median_ms : null };
};

const rows = [
  ...native.map((row) => ({ ...row, baseline: null, ratio: null })),
  ...wasm.map((row) => {
    const base = baseline.get(row.name);
    return { ...row, baseline: base ? 'native' : null, ratio: base ? row.median_ms / base.median_ms : null };
  }),
].map(withFloor).sort((a, b) => a.name.localeCompare(b.name) || a.platform.localeCompare(b.platform));

const ms = (value) => value.toFixed(3).padStart(10);
console.log(`${'case'.padEnd(44)} ${'platform'.padEnd(8)} ${'median ms'.padStart(10)} ${'min ms'.padStart(10)} ${'max ms'.padStart(10)}  ratio`);
for (const row of rows) {
  const ratios = [
    row.ratio === null ? '' : `${row.ratio.toFixed(2)}× ${row.baseline}`,
    row.floor_ratio === null ? '' : `${row.floor_ratio.toFixed(2)}× ${row.floor}`,
  ].filter(Boolean).join('; ');
  console.log(`${row.name.padEnd(44)} ${row.platform.padEnd(8)} ${ms(row.median_ms)} ${ms(row.min_ms)} ${ms(row.max_ms)}  ${ratios}`);
}
writeFileSync(outFile, JSON.stringify({ cases: rows }, null, 2) + '\n');
console.log(`wrote ${outFile}`);
