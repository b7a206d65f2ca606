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

/** The smallest change that turns `old` into `text`. */
export function changeBetween(old: string, text: string): TextChange {
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
