// The words a file spells — every maximal run of identifier characters, in code, strings and comments
// alike — kept per file as one space-separated string. Wrapper discovery and gating ask "which files
// spell one of these names?" of every file the scan did not parse; answering from these strings
// instead of the files' texts means each file is read once, and the answer survives in the index.
// A name is spelt in a text exactly when it is one of its runs (`(?<![\w$])name(?![\w$])`).

const SPLIT = /[^\w$]+/;

/** 1 for the ASCII codes of `[A-Za-z0-9_$]` (no other character is one, as in `\w` without the u flag). */
const WORD = new Uint8Array(128);
for (let code = 0; code < 128; code++) WORD[code] = /[\w$]/.test(String.fromCharCode(code)) ? 1 : 0;

// Every file's text passes through identifierWords on a cold scan (10,000 files: 4 million runs, a
// million distinct). `text.match` + Set made a string of every run; this scan hashes each run as it
// goes and makes a string only of a run not seen before, in a hash table of offsets into the text
// that is kept between calls (open addressing; slot = index of the run + 1, 0 = empty). A call
// empties the slots it filled before it returns, rather than the whole table when it starts: after a
// file with many distinct runs the table stays large, and clearing it for every file cost more than
// scanning most of them.
const MIN_SLOTS = 1024;
let slots: Int32Array = new Int32Array(MIN_SLOTS);
let starts: Int32Array = new Int32Array(MIN_SLOTS / 2);
let ends: Int32Array = new Int32Array(MIN_SLOTS / 2);
let hashes: Int32Array = new Int32Array(MIN_SLOTS / 2);
/** The slot of each run. */
let places: Int32Array = new Int32Array(MIN_SLOTS / 2);

function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

function doubled(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Doubles the slots and places the first `count` runs again. */
function rehash(count: number): void {
  slots = new Int32Array(slots.length * 2);
  const mask = slots.length - 1;
  for (let run = 0; run < count; run++) {
    let slot = slotOf(hashes[run]!, mask);
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = run + 1;
    places[run] = slot;
  }
}

/** Whether text[start, end) spells the same run as the `run`th distinct run. */
function sameRun(text: string, run: number, start: number, end: number): boolean {
  let other = starts[run]!;
  if (ends[run]! - other !== end - start) return false;
  for (let at = start; at < end; at++, other++)
    if (text.charCodeAt(at) !== text.charCodeAt(other)) return false;
  return true;
}

/** The distinct runs of `[A-Za-z0-9_$]` in a text, space-separated, in the order they first occur. */
export function identifierWords(text: string): string {
  const length = text.length;
  let mask = slots.length - 1;
  let count = 0;
  let at = 0;
  while (at < length) {
    let code = text.charCodeAt(at);
    if (code >= 128 || WORD[code] === 0) {
      at++;
      continue;
    }
    const start = at;
    let hash = code;
    for (at++; at < length; at++) {
      code = text.charCodeAt(at);
      if (code >= 128 || WORD[code] === 0) break;
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    // The run's slot: the one holding the same run (seen before: nothing to do), else the empty one
    // where it goes.
    let slot = slotOf(hash, mask);
    let taken = slots[slot]!;
    while (taken !== 0 && !(hashes[taken - 1] === hash && sameRun(text, taken - 1, start, at))) {
      slot = (slot + 1) & mask;
      taken = slots[slot]!;
    }
    if (taken !== 0) continue;
    if (count === starts.length) {
      starts = doubled(starts);
      ends = doubled(ends);
      hashes = doubled(hashes);
      places = doubled(places);
    }
    starts[count] = start;
    ends[count] = at;
    hashes[count] = hash;
    places[count] = slot;
    slots[slot] = ++count;
    // At most half full, so that probes stay short.
    if (count * 2 > slots.length) {
      rehash(count);
      mask = slots.length - 1;
    }
  }
  const runs = new Array<string>(count);
  for (let run = 0; run < count; run++) {
    runs[run] = text.slice(starts[run], ends[run]);
    slots[places[run]!] = 0;
  }
  // A file with very many distinct runs does not keep its large table for the rest of the process.
  if (slots.length > 64 * MIN_SLOTS) {
    slots = new Int32Array(MIN_SLOTS);
    starts = new Int32Array(MIN_SLOTS / 2);
    ends = new Int32Array(MIN_SLOTS / 2);
    hashes = new Int32Array(MIN_SLOTS / 2);
    places = new Int32Array(MIN_SLOTS / 2);
  }
  // join makes one flat string, so the result holds no slices of the text.
  return runs.join(' ');
}

/** A test of word strings: does the file spell any of these names? */
export interface WordQuery {
  test(words: string): boolean;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Names made of one run match exactly. A name with other characters (a module name such as
 * `track-event`) matches the files that spell each of its runs: more files than the text test would
 * find, never fewer, which only adds files to analyse.
 */
export function wordQuery(names: Iterable<string>): WordQuery {
  const single: string[] = [];
  const multi: RegExp[][] = [];
  for (const name of new Set(names)) {
    const runs = name.split(SPLIT).filter(Boolean);
    if (runs.length === 1 && runs[0] === name) single.push(escape(name));
    else if (runs.length) multi.push(runs.map((r) => runPattern([escape(r)])));
  }
  const singles = single.length ? runPattern(single.sort()) : undefined;
  if (!singles && multi.length === 0) return { test: () => false };
  return {
    test: (words) => (singles?.test(words) ?? false) || multi.some((all) => all.every((r) => r.test(words))),
  };
}

function runPattern(alternatives: string[]): RegExp {
  return new RegExp(`(?:^| )(?:${alternatives.join('|')})(?= |$)`);
}

/** Iterates the words of a word string. */
export function eachWord(words: string): string[] {
  return words ? words.split(' ') : [];
}
