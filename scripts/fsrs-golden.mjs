#!/usr/bin/env node
// Writes tests/golden/fsrs/<sequence>.json: each hand-picked review log of tests/lib/fsrs-peer.mjs with its
// schedule from npm ts-fsrs (never from Tessera's code), for the runtime's unit test (natively and in Wasm).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEQUENCES, TS_FSRS_VERSION, peerSchedule } from '../tests/lib/fsrs-peer.mjs';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../tests/golden/fsrs');

for (const { name, why, reviews } of SEQUENCES) {
  const { cards, afterEach } = peerSchedule(reviews);
  const golden = { source: `ts-fsrs ${TS_FSRS_VERSION}`, why, reviews, cards, afterEach };
  writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(golden, null, 2)}\n`);
}
console.log(`wrote ${SEQUENCES.length} files to ${OUT} from ts-fsrs ${TS_FSRS_VERSION}`);
