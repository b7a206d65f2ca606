// Adds an event to a feature's milestone in the plan file with the smallest text edit that does it,
// so the file's comments, order and formatting stay as the team wrote them. The result is parsed
// again and checked; an edit that does not give the intended plan is never offered.
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Milestone } from '../../core/plan/model';

export interface TextChange {
  /** Offsets into the original text. */
  start: number;
  end: number;
  text: string;
}

/** Keys of a feature in the order new ones are placed: a milestone goes after those before it. */
const KEY_ORDER = ['flag', 'files', 'description', 'discovery', 'activation', 'value'];

/** A YAML plain scalar when safe, else a double-quoted one. */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_$][\w$ .\-/]*$/.test(value) && !/\s$/.test(value) && !/: |#/.test(value)
    ? value
    : JSON.stringify(value);
}

/** The edit adding `event` under `features.<feature>.<milestone>`, or null when it cannot be done safely. */
export function addEventToPlan(
  text: string,
  feature: string,
  milestone: Milestone,
  event: string,
  flag = feature,
): TextChange | null {
  const change = surgicalEdit(text, feature, milestone, event, flag);
  if (!change) return null;
  // Appending after a last line without a newline: start a line first.
  if (
    change.start === text.length &&
    text.length > 0 &&
    !text.endsWith('\n') &&
    !change.text.startsWith('\n')
  ) {
    change.text = `\n${change.text}`;
  }
  const next = text.slice(0, change.start) + change.text + text.slice(change.end);
  return verify(next, feature, milestone, event) ? change : null;
}

/** The text of a new plan declaring one feature with one event. */
export function newPlanText(feature: string, milestone: Milestone, event: string, flag = feature): string {
  return [
    '# Activation Lens plan: each feature, its flag, and the events that mark its milestones.',
    '# Reference: https://github.com/activation-lens/activation-lens#the-plan-file',
    'features:',
    `  ${yamlScalar(feature)}:`,
    `    flag: ${yamlScalar(flag)}`,
    `    ${milestone}: [${yamlScalar(event)}]`,
    '',
  ].join('\n');
}

function surgicalEdit(
  text: string,
  feature: string,
  milestone: Milestone,
  event: string,
  flag: string,
): TextChange | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) return null;
  const root = doc.contents;
  if (root === null || root === undefined)
    return appendAtEnd(text, `features:\n  ${featureBlock(feature, milestone, event, flag, '    ')}`);
  if (!isMap(root)) return null;
  const features = root.get('features', true);
  if (features === undefined) {
    return appendAtEnd(text, `features:\n  ${featureBlock(feature, milestone, event, flag, '    ')}`);
  }
  if (!isMap(features) || features.flow) return null;
  const featurePair = findPair(features, feature);
  if (!featurePair) {
    const indent = pairIndent(text, features.items[0]);
    if (indent === null) return null;
    const end = lineEndAfter(text, features.range![1]);
    return {
      start: end,
      end,
      text: `${indent}${featureBlock(feature, milestone, event, flag, `${indent}  `)}`,
    };
  }
  const body = featurePair.value;
  if (!isMap(body) || body.flow || body.items.length === 0) return null;
  const milestonePair = findPair(body, milestone);
  if (milestonePair) {
    const seq = milestonePair.value;
    if (isScalar(seq) && typeof seq.value === 'string' && seq.range) {
      // `value: order_completed` → `value: [order_completed, new]`
      const [start, end] = seq.range;
      return { start, end, text: `[${text.slice(start, end)}, ${yamlScalar(event)}]` };
    }
    if (!isSeq(seq) || !seq.range) return null;
    return seq.flow ? addToFlowSeq(text, seq, event) : addToBlockSeq(text, seq, event);
  }
  // Insert a new key after the last key that comes before it in KEY_ORDER (else before the first key).
  const rank = KEY_ORDER.indexOf(milestone);
  const before = body.items.filter(
    (p) =>
      isScalar(p.key) &&
      KEY_ORDER.indexOf(String(p.key.value)) >= 0 &&
      KEY_ORDER.indexOf(String(p.key.value)) < rank,
  );
  const indent = pairIndent(text, body.items[0]);
  if (indent === null) return null;
  const line = `${indent}${milestone}: [${yamlScalar(event)}]\n`;
  const anchor = before[before.length - 1];
  if (anchor) {
    const end = lineEndAfter(text, pairEnd(anchor));
    return { start: end, end, text: line };
  }
  const first = body.items[0]!;
  const start = lineStart(text, (first.key as { range?: [number, number, number] }).range![0]);
  return { start, end: start, text: line };
}

function featureBlock(
  feature: string,
  milestone: Milestone,
  event: string,
  flag: string,
  indent: string,
): string {
  return `${yamlScalar(feature)}:\n${indent}flag: ${yamlScalar(flag)}\n${indent}${milestone}: [${yamlScalar(event)}]\n`;
}

function addToFlowSeq(text: string, seq: YAMLSeq, event: string): TextChange | null {
  const close = text.lastIndexOf(']', seq.range![1]);
  if (close < seq.range![0]) return null;
  const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
  if (last?.range) return { start: last.range[1], end: last.range[1], text: `, ${yamlScalar(event)}` };
  return { start: close, end: close, text: yamlScalar(event) };
}

function addToBlockSeq(text: string, seq: YAMLSeq, event: string): TextChange | null {
  const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
  if (!last?.range) return null;
  const itemLineStart = lineStart(text, last.range[0]);
  const dash = text.slice(itemLineStart, last.range[0]);
  if (!/^\s*-\s*$/.test(dash)) return null;
  const end = lineEndAfter(text, last.range[1]);
  return { start: end, end, text: `${dash}${yamlScalar(event)}\n` };
}

function appendAtEnd(text: string, block: string): TextChange {
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { start: text.length, end: text.length, text: `${sep}${block}` };
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** The whitespace before a pair's key on its line, or null when the key does not start its line. */
function pairIndent(text: string, pair: Pair | undefined): string | null {
  const range = pair && (pair.key as { range?: [number, number, number] } | null)?.range;
  if (!range) return null;
  const indent = text.slice(lineStart(text, range[0]), range[0]);
  return /^[ ]*$/.test(indent) ? indent : null;
}

function pairEnd(pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  const key = pair.key as { range?: [number, number, number] };
  return value?.range?.[1] ?? key.range![1];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the line after the one holding `offset` (the text's end if none; adds no newline). */
function lineEndAfter(text: string, offset: number): number {
  // A node's range may end on the next line already (block values): step back over the newline.
  const at = offset > 0 && text[offset - 1] === '\n' ? offset - 1 : offset;
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

function verify(next: string, feature: string, milestone: Milestone, event: string): boolean {
  const doc = parseDocument(next);
  if (doc.errors.length) return false;
  const list = doc.getIn(['features', feature, milestone]);
  const values = isSeq(list)
    ? list.items.map((i) => (isScalar(i) ? i.value : i))
    : Array.isArray(list)
      ? list
      : [list];
  return values.includes(event);
}
