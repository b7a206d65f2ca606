// A cheap text test that decides which files are worth parsing: a file can only hold an entry point
// or a tracking call if one of the known callee names is followed by `(`, or it has an annotation.
// Files that only declare names (event constants) are parsed on demand by the resolver instead.
import { type AnalysisConfig, calleeName } from './config';
import { HOOK_NAMES, LIST_NAMES, OBJECT_NAMES } from './wrappers/flag-objects';
import { FLAG_SDKS } from './sdks/flags';
import { callNames } from './sdks/shapes';
import { TRACKING_SDKS } from './sdks/tracking';

export interface Prefilter {
  /**
   * Whether a text may hold an entry point, a tracking call or an annotation. `words`, the text's
   * identifierWords when known, let most texts be answered without the full regular expressions.
   */
  test(text: string, words?: string): boolean;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names the pre-filter looks for, by the use that lets the extractor follow them. */
interface Names {
  /** Callee names (a call, computed key, rename or value use), sorted. */
  calls: readonly string[];
  /** `@feature` annotations. */
  annotation: boolean;
  /** Flag container objects, lists tested for membership, container hooks. */
  objects: readonly string[];
  lists: readonly string[];
  hooks: readonly string[];
}

function prefilterNames(config: AnalysisConfig): Names {
  const calls = new Set([...callNames(FLAG_SDKS), ...callNames(TRACKING_SDKS)]);
  for (const custom of [...config.tracking, ...config.flags]) calls.add(calleeName(custom.callee));
  const objects = new Set([...OBJECT_NAMES, ...(config.flagObjects ?? []).map((o) => calleeName(o.object))]);
  return {
    calls: [...calls].sort(),
    annotation: true,
    objects: [...objects],
    lists: [...new Set(LIST_NAMES)],
    hooks: [...new Set(HOOK_NAMES)],
  };
}

export function buildPrefilter(config: AnalysisConfig): Prefilter {
  const names = prefilterNames(config);
  const full = compile(names);
  const byWords = wordsPrefilter(names);
  return { test: (text, words) => (words !== undefined && byWords ? byWords(text, words) : full(text)) };
}

/** The test of the patterns for some names; none: no text passes. */
function compile(names: Names): (text: string) => boolean {
  const tests = patterns(names)
    .filter((source): source is string => source !== undefined)
    .map((source) => new RegExp(source));
  return (text) => tests.some((pattern) => pattern.test(text));
}

/** Texts tested with the patterns of the names they spell are at most this many sets of names. */
const MAX_NAME_SETS = 256;

/**
 * Every pattern needs one of its names to be a whole run of identifier characters in the text, or
 * a part of one between `$` signs (`\b` before a call name does not see `$`): a text whose words
 * spell none of a pattern's names cannot match it, and a text is tested with the patterns of only
 * the names it spells, which answer the same for it and are much quicker. Undefined when a name
 * holds other characters (a custom callee such as `$track`), so that this would not hold.
 */
function wordsPrefilter(names: Names): ((text: string, words: string) => boolean) | undefined {
  const all = [...new Set([...names.calls, ...names.objects, ...names.lists, ...names.hooks, 'feature'])];
  if (!all.every((name) => /^\w+$/.test(name))) return undefined;
  // The separator before a name is part of the match (a lookbehind made this three times slower).
  const spelt = new RegExp(`(?:^|[ $])(?:${all.join('|')})(?=[ $]|$)`, 'g');
  const full = compile(names);
  const bySet = new Map<string, (text: string) => boolean>();
  return (text, words) => {
    const found = words.match(spelt);
    if (!found) return false;
    const present = new Set(found.map((match) => (/^[ $]/.test(match) ? match.slice(1) : match)));
    const key = [...present].sort().join(' ');
    let test = bySet.get(key);
    if (!test) {
      if (bySet.size >= MAX_NAME_SETS) return full(text);
      const has = (name: string) => present.has(name);
      test = compile({
        calls: names.calls.filter(has),
        annotation: present.has('feature'),
        objects: names.objects.filter(has),
        lists: names.lists.filter(has),
        hooks: names.hooks.filter(has),
      });
      bySet.set(key, test);
    }
    return test(text);
  };
}

/**
 * The pre-filter's regular expressions (also valid PCRE2: the benchmark hands them to ripgrep, the
 * yardstick of a warm start).
 */
export function prefilterPatterns(config: AnalysisConfig): [calls: string, containers: string] {
  const [calls, containers] = patterns(prefilterNames(config));
  return [calls!, containers!];
}

/** The two patterns for some names; undefined for a pattern left without names. */
function patterns(names: Names): [calls: string | undefined, containers: string | undefined] {
  // A known name used in a way the extractor can follow: called (`name(`, `name?.(`, `name<T>(`),
  // read by a computed key (`x['name'](`), renamed (`import { name as t }`, `const { name: t } =`),
  // or taken as a value (`const t = posthog.capture;`). Plus `@feature` annotations.
  const calls = names.calls.length
    ? `\\b(?:${names.calls.map(escape).join('|')})(?:\\s*(?:\\?\\.)?\\s*(?:<[^<>()]*>\\s*)?\\(|['"]\\s*\\]|\\s+as\\s|\\s*:\\s*[A-Za-z_$][\\w$]*\\s*[,}]|\\s*;)`
    : undefined;
  const annotation = names.annotation ? '@feature\\b' : undefined;
  const either = [calls, annotation].filter(Boolean);
  return [either.length ? either.join('|') : undefined, containerPattern(names)];
}

/**
 * Flag containers: a file can only hold a container check if it reads a container name by property
 * or index, destructures it, tests a list for membership, or calls a container hook.
 */
function containerPattern(names: Names): string | undefined {
  const alt = (list: readonly string[]) => list.map(escape).join('|');
  const start = '(?<![\\w$])';
  const branches: string[] = [];
  if (names.objects.length) {
    const objectNames = alt(names.objects);
    branches.push(
      `${start}(?:${objectNames})\\s*[?!]?\\s*(?:\\.|\\[)`,
      `\\}\\s*=\\s*(?:[\\w$]+\\s*\\??\\.\\s*)*(?:${objectNames})(?![\\w$])`,
    );
  }
  if (names.lists.length)
    branches.push(`${start}(?:${alt(names.lists)})\\s*[?!]?\\s*\\.\\s*(?:includes|has)\\s*\\(`);
  if (names.hooks.length) branches.push(`${start}(?:${alt(names.hooks)})\\s*(?:<[^<>()]*>\\s*)?\\(`);
  return branches.length ? branches.join('|') : undefined;
}
