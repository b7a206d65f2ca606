// The words a file spells — every maximal run of identifier characters, in code, strings and comments
// alike — kept per file as one space-separated string. Wrapper discovery and gating ask "which files
// spell one of these names?" of every file the scan did not parse; answering from these strings
// instead of the files' texts means each file is read once, and the answer survives in the index.
// A name is spelt in a text exactly when it is one of its runs (`(?<![\w$])name(?![\w$])`).

const RUN = /[\w$]+/g;
const SPLIT = /[^\w$]+/;

/** The distinct runs of `[A-Za-z0-9_$]` in a text, space-separated. */
export function identifierWords(text: string): string {
  const runs = text.match(RUN);
  return runs ? [...new Set(runs)].join(' ') : '';
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
