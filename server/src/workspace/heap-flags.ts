// V8 flags a long-running process sets on itself at start-up (the language server, whose peak memory
// is a target). Starting a worker thread resets V8's process-wide flags to the command line's (seen
// with Node 20: after `new Worker`, the young generation grows to 2 x 16 MB again), so the scan pool
// applies them once more when a worker is up.
import * as v8 from 'node:v8';

let flags: readonly string[] = [];

/** Sets V8 flags now and again after each worker thread starts. */
export function setHeapFlags(list: readonly string[]): void {
  flags = list;
  applyHeapFlags();
}

/** Applies the flags set with `setHeapFlags` again (none: nothing to do). */
export function applyHeapFlags(): void {
  for (const flag of flags) v8.setFlagsFromString(flag);
}

/** Whether the command line sized the young generation (`--max-semi-space-size`). */
export function youngGenerationSized(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((arg) => /^--max[-_]semi[-_]space[-_]size\b/.test(arg));
}
