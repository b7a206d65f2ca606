// A cheap text test that decides which files are worth parsing: a file can only hold an entry point
// or a tracking call if one of the known callee names is followed by `(`, or it has an annotation.
// Files that only declare names (event constants) are parsed on demand by the resolver instead.
import { type AnalysisConfig, calleeName } from './config';
import type { FlagObject } from './config';
import { HOOK_NAMES, LIST_NAMES, OBJECT_NAMES } from './wrappers/flag-objects';
import { FLAG_SDKS } from './sdks/flags';
import { callNames } from './sdks/shapes';
import { TRACKING_SDKS } from './sdks/tracking';

export interface Prefilter {
  test(text: string): boolean;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function buildPrefilter(config: AnalysisConfig): Prefilter {
  const [calls, containers] = prefilterPatterns(config).map((source) => new RegExp(source));
  return { test: (text) => calls!.test(text) || containers!.test(text) };
}

/**
 * The pre-filter's regular expressions (also valid PCRE2: the benchmark hands them to ripgrep, the
 * yardstick of a warm start).
 */
export function prefilterPatterns(config: AnalysisConfig): [calls: string, containers: string] {
  const names = new Set([...callNames(FLAG_SDKS), ...callNames(TRACKING_SDKS)]);
  for (const custom of [...config.tracking, ...config.flags]) names.add(calleeName(custom.callee));
  const alternatives = [...names].sort().map(escape).join('|');
  // A known name used in a way the extractor can follow: called (`name(`, `name?.(`, `name<T>(`),
  // read by a computed key (`x['name'](`), renamed (`import { name as t }`, `const { name: t } =`),
  // or taken as a value (`const t = posthog.capture;`). Plus `@feature` annotations.
  const calls = `\\b(?:${alternatives})(?:\\s*(?:\\?\\.)?\\s*(?:<[^<>()]*>\\s*)?\\(|['"]\\s*\\]|\\s+as\\s|\\s*:\\s*[A-Za-z_$][\\w$]*\\s*[,}]|\\s*;)|@feature\\b`;
  return [calls, containerPattern(config.flagObjects ?? [])];
}

/**
 * Flag containers: a file can only hold a container check if it reads a container name by property
 * or index, destructures it, tests a list for membership, or calls a container hook.
 */
function containerPattern(objects: readonly FlagObject[]): string {
  const alt = (names: Iterable<string>) => [...new Set(names)].map(escape).join('|');
  const objectNames = alt([...OBJECT_NAMES, ...objects.map((o) => calleeName(o.object))]);
  const start = '(?<![\\w$])';
  return [
    `${start}(?:${objectNames})\\s*[?!]?\\s*(?:\\.|\\[)`,
    `\\}\\s*=\\s*(?:[\\w$]+\\s*\\??\\.\\s*)*(?:${objectNames})(?![\\w$])`,
    `${start}(?:${alt(LIST_NAMES)})\\s*[?!]?\\s*\\.\\s*(?:includes|has)\\s*\\(`,
    `${start}(?:${alt(HOOK_NAMES)})\\s*(?:<[^<>()]*>\\s*)?\\(`,
  ].join('|');
}
