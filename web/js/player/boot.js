// Starts downloading and compiling the runtime as soon as this tiny script runs (it is loaded `async`),
// while the rest of the player's scripts still load; js/runtime.js hands the same promise to main.js.
import { loadRuntime } from '../runtime.js';

loadRuntime().catch(() => {});  // main.js reports a failure when it asks for the runtime
