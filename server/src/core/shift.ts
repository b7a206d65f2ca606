// Moving positions through an edit. Most keystrokes in a file change none of its facts but their
// positions: then the workspace's results are the previous ones with that file's positions moved, and
// the language server publishes them without linking the workspace again. `shiftFileData` gives what
// the facts or results would be if only the positions moved; when the file's new facts equal that,
// so do the results. An offset inside the replaced text cannot be moved: the caller then checks
// everything again.
import { LineMap } from './ast';

/** An edit as the range of the old text replaced (`start`–`oldEnd`) and where it ends now. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

let lastChange: { old: string; text: string; change: TextChange } | undefined;

/** The smallest change that turns `old` into `text` (the last answer is kept: a keystroke asks thrice). */
export function changeBetween(old: string, text: string): TextChange {
  if (lastChange && lastChange.old === old && lastChange.text === text) return lastChange.change;
  const change = computeChange(old, text);
  lastChange = { old, text, change };
  return change;
}

function computeChange(old: string, text: string): TextChange {
  let p = 0;
  const max = Math.min(old.length, text.length);
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  return { start: p, oldEnd: old.length - s, newEnd: text.length - s };
}

class Unmovable extends Error {}

function moveOffset(change: TextChange, offset: number): number {
  if (offset <= change.start) return offset;
  if (offset >= change.oldEnd) return offset + change.newEnd - change.oldEnd;
  throw new Unmovable();
}

/** Number-valued keys that hold offsets (gate regions, functions, fix insertion points). */
const OFFSET_KEYS = new Set(['start', 'end', 'insertAt', 'offset']);

/**
 * A copy of `value` with the positions in `file` moved through `change` (`lines`: the new text's),
 * or undefined when one of them lies inside the replaced text. An object's `file` says which file
 * its positions are in, for it and what it holds; `context` is the file at the top.
 */
export function shiftFileData<T>(
  value: T,
  file: string,
  change: TextChange,
  lines: LineMap,
  context?: string,
): T | undefined {
  try {
    return shift(value, file, change, lines, context) as T;
  } catch (error) {
    if (error instanceof Unmovable) return undefined;
    throw error;
  }
}

function shift(
  value: unknown,
  file: string,
  change: TextChange,
  lines: LineMap,
  context: string | undefined,
): unknown {
  if (Array.isArray(value)) return value.map((v) => shift(v, file, change, lines, context));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const here = typeof o.file === 'string' ? o.file : context;
  if (here === file && typeof o.startOffset === 'number' && typeof o.endOffset === 'number') {
    const startOffset = moveOffset(change, o.startOffset);
    const endOffset = moveOffset(change, o.endOffset);
    const span = lines.span(startOffset, endOffset);
    return { ...o, start: span.start, end: span.end, startOffset, endOffset };
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (here === file && typeof v === 'number' && OFFSET_KEYS.has(key)) out[key] = moveOffset(change, v);
    else out[key] = v && typeof v === 'object' ? shift(v, file, change, lines, here) : v;
  }
  return out;
}

/**
 * Which items of each top-level list of a value (a check result) hold data of each file: for the
 * keystroke path, which moves only the items of the edited file instead of copying the whole result.
 */
export type FileMentions = Map<string, Map<string, number[]>>;

export function fileMentions(value: Record<string, unknown>): FileMentions {
  const out: FileMentions = new Map();
  for (const key of Object.keys(value)) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const files = new Set<string>();
      filesIn(item, undefined, files);
      for (const file of files) {
        let byKey = out.get(file);
        if (!byKey) out.set(file, (byKey = new Map()));
        let indexes = byKey.get(key);
        if (!indexes) byKey.set(key, (indexes = []));
        indexes.push(i);
      }
    });
  }
  return out;
}

/** The files whose positions `shift` would move in a value (each object's `file`, inherited). */
function filesIn(value: unknown, context: string | undefined, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) filesIn(v, context, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const here = typeof o.file === 'string' ? o.file : context;
  if (here !== undefined) out.add(here);
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v && typeof v === 'object') filesIn(v, here, out);
  }
}

/**
 * `shiftFileData(value, file, …)` for a value whose top-level lists `mentions` indexes: only the
 * items that hold data of `file` are copied and moved, the others are shared with `value`. Equal
 * (deeply) to what `shiftFileData` gives; undefined when a position lies inside the replaced text.
 */
export function shiftMentioned<T extends object>(
  value: T,
  mentions: FileMentions,
  file: string,
  change: TextChange,
  lines: LineMap,
): T | undefined {
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...o };
  const byKey = mentions.get(file);
  try {
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (!Array.isArray(v)) {
        out[key] = v && typeof v === 'object' ? shift(v, file, change, lines, undefined) : v;
        continue;
      }
      const indexes = byKey?.get(key);
      if (!indexes) continue;
      const list = [...(v as unknown[])];
      for (const i of indexes) list[i] = shift(list[i], file, change, lines, undefined);
      out[key] = list;
    }
  } catch (error) {
    if (error instanceof Unmovable) return undefined;
    throw error;
  }
  return out as T;
}
