// Reads `activation-lens.yaml` text into a Plan. Tolerant by design: a value of the wrong shape is
// dropped (and reported with its position by the validator), the rest of the plan still applies.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node as YamlNode, parseDocument } from 'yaml';
import { LineMap } from '../ast';
import type { CustomFlagCallee, FlagObject } from '../config';
import type { Span } from '../types';
import { parseDuration } from './durations';
import {
  defaultKpiSettings,
  emptyPlan,
  type EventCase,
  type KpiSettings,
  type Plan,
  type PlanFeature,
  RULE_LEVELS,
  type RuleLevel,
  type TargetKey,
  type Targets,
} from './model';

export interface PlanProblem {
  message: string;
  line: number;
  column: number;
  /** JSON path of the offending value, e.g. `/features/checkout-v2/targets/activationRate`. */
  path: string;
  /** Where the problem is in the plan's text. */
  span?: Span;
}

export interface ParsedPlan {
  plan: Plan;
  /** YAML syntax errors (schema errors come from the validator). */
  problems: PlanProblem[];
  /** The plain JS value of the document, for schema validation. */
  data: unknown;
  /** Position of a JSON path in the text (best effort: the nearest existing ancestor). */
  positionOf(path: string): { line: number; column: number };
  /**
   * Span of a JSON path in the text: its value, or with `key` the key it is written under. A missing
   * path falls back to its nearest existing ancestor's key; a multi-line value spans its first line.
   */
  spanOf(path: string, target?: 'value' | 'key'): Span;
}

const EVENT_CASES: readonly EventCase[] = ['snake_case', 'Title Case', 'kebab-case', 'camelCase'];
const RATE_TARGETS: readonly TargetKey[] = ['activationRate', 'adoptionRate'];
const DURATION_TARGETS: readonly TargetKey[] = [
  'ittvP50',
  'ittvP90',
  'sttvP50',
  'sttvP90',
  'ttbvP50',
  'ttbvP90',
];
const MONEY_TARGETS: readonly TargetKey[] = ['rptu', 'rptuLift'];

export function parsePlan(text: string, file?: string): ParsedPlan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lines = new LineMap(text);
  const problems: PlanProblem[] = doc.errors.map((e) => {
    const span = lines.span(e.pos[0], Math.max(e.pos[0], Math.min(e.pos[1], text.length)));
    return {
      message: e.message.split('\n')[0]!,
      line: span.start.line,
      column: span.start.column,
      path: '',
      span,
    };
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    data = undefined;
    problems.push({ message: `cannot read the plan: ${String(error)}`, line: 1, column: 1, path: '' });
  }
  const plan = planFromData(data);
  if (file !== undefined) plan.file = file;
  const positionOf = (path: string) => {
    const segments = path.split('/').filter(Boolean).map(unescapePointer);
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      // For a key whose value is missing, point at the pair's key instead.
      const range =
        node && typeof node === 'object' && 'range' in node
          ? node.range
          : keyRange(doc, segments.slice(0, n));
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
  const spanOf = (path: string, target: 'value' | 'key' = 'value'): Span =>
    locate(doc.contents, pointerSegments(path), target, text, lines);
  return { plan, problems, data, positionOf, spanOf };
}

function pointerSegments(path: string): string[] {
  return path.split('/').filter(Boolean).map(unescapePointer);
}

/** Finds the node at `segments`; see `ParsedPlan.spanOf`. */
function locate(
  root: unknown,
  segments: string[],
  target: 'value' | 'key',
  text: string,
  lines: LineMap,
): Span {
  let node = root as YamlNode | null | undefined;
  let keyNode: YamlNode | undefined;
  for (const segment of segments) {
    let next: { key?: YamlNode; value: YamlNode | null | undefined } | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (pair) next = { key: pair.key as YamlNode, value: pair.value as YamlNode | null };
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      const item = node.items[Number(segment)];
      if (item !== undefined) next = { value: item as YamlNode };
    }
    if (!next) {
      // A missing path: point at the deepest key that exists.
      return keyNode?.range ? firstLine(keyNode.range, text, lines) : fallback(node, text, lines);
    }
    keyNode = next.key;
    node = next.value;
  }
  if (target === 'key' && keyNode?.range) return firstLine(keyNode.range, text, lines);
  if (node?.range) return firstLine(node.range, text, lines);
  if (keyNode?.range) return firstLine(keyNode.range, text, lines);
  return lines.span(0, 0);
}

function fallback(node: YamlNode | null | undefined, text: string, lines: LineMap): Span {
  return node?.range ? firstLine(node.range, text, lines) : lines.span(0, 0);
}

/** A node's span, cut at the end of its first line (a map spans its whole block otherwise). */
function firstLine(range: readonly number[], text: string, lines: LineMap): Span {
  const start = range[0]!;
  let end = Math.min(range[1]!, text.length);
  const newline = text.indexOf('\n', start);
  if (newline >= 0 && newline < end) end = newline;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return lines.span(start, end);
}

function keyRange(
  doc: ReturnType<typeof parseDocument>,
  path: string[],
): [number, number, number] | undefined {
  if (path.length === 0) return doc.contents?.range ?? undefined;
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1]);
  return pair && isScalar(pair.key) ? (pair.key.range ?? undefined) : undefined;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a Plan from the document's data, keeping only values of the right shape. */
export function planFromData(data: unknown): Plan {
  const plan = emptyPlan();
  if (!isObject(data)) return plan;
  if (isObject(data.conventions)) {
    const c = data.conventions;
    if (typeof c.eventCase === 'string' && (EVENT_CASES as readonly string[]).includes(c.eventCase)) {
      plan.conventions.eventCase = c.eventCase as EventCase;
    }
    if (typeof c.objectAction === 'boolean') plan.conventions.objectAction = c.objectAction;
  }
  if (typeof data.strictEvents === 'boolean') plan.strictEvents = data.strictEvents;
  plan.events = strings(data.events);
  if (isObject(data.rules)) {
    for (const [id, level] of Object.entries(data.rules)) {
      if ((RULE_LEVELS as readonly unknown[]).includes(level)) plan.rules[id] = level as RuleLevel;
    }
  }
  if (isObject(data.sdks)) {
    plan.sdks = { tracking: callees(data.sdks.tracking), flags: callees(data.sdks.flags) };
    const objects = flagObjects(data.sdks.flags);
    if (objects.length) plan.sdks.flagObjects = objects;
  }
  if (isObject(data.features)) {
    for (const [key, value] of Object.entries(data.features)) plan.features.push(feature(key, value));
  }
  plan.kpis = kpiSettings(data.kpis);
  return plan;
}

function feature(key: string, value: unknown): PlanFeature {
  const f = isObject(value) ? value : {};
  const flags = strings(f.flag);
  const out: PlanFeature = {
    key,
    flags: flags.length ? flags : [key],
    discovery: strings(f.discovery),
    activation: strings(f.activation),
    value: strings(f.value),
    targets: targets(f.targets),
  };
  const files = strings(f.files);
  if (files.length) out.files = files;
  if (typeof f.exposure === 'boolean') out.exposure = f.exposure;
  return out;
}

function targets(value: unknown): Targets {
  const out: Targets = {};
  if (!isObject(value)) return out;
  for (const [key, raw] of Object.entries(value)) {
    const k = key as TargetKey;
    if (RATE_TARGETS.includes(k)) {
      const n = parseRate(raw);
      if (n !== null) out[k] = n;
    } else if (DURATION_TARGETS.includes(k)) {
      const n = parseDuration(raw);
      if (n !== null) out[k] = n;
    } else if (MONEY_TARGETS.includes(k) && typeof raw === 'number' && Number.isFinite(raw)) {
      out[k] = raw;
    }
  }
  return out;
}

/** Rates are fractions (`0.4`) or percentages (`40%`). */
export function parseRate(raw: unknown): number | null {
  if (typeof raw === 'number') return raw >= 0 && raw <= 1 ? raw : null;
  if (typeof raw === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw);
    if (m) {
      const n = Number(m[1]) / 100;
      return n <= 1 ? n : null;
    }
  }
  return null;
}

function kpiSettings(value: unknown): KpiSettings {
  const out = defaultKpiSettings();
  if (!isObject(value)) return out;
  if (value.source === 'duckdb' || value.source === 'clickhouse' || value.source === 'posthog')
    out.source = value.source;
  out.events = strings(value.events);
  const userKeys = strings(value.userKey ?? value.userKeys);
  if (userKeys.length) out.userKeys = userKeys;
  const idKeys = strings(value.idKey ?? value.idKeys);
  if (idKeys.length) out.idKeys = idKeys;
  if (isObject(value.windows)) {
    for (const name of Object.keys(out.windows) as (keyof KpiSettings['windows'])[]) {
      const seconds = parseDuration(value.windows[name]);
      if (seconds !== null && seconds > 0) out.windows[name] = seconds;
    }
  }
  if (typeof value.trialStartEvent === 'string' && value.trialStartEvent)
    out.trialStartEvent = value.trialStartEvent;
  if (typeof value.revenueProperty === 'string' && value.revenueProperty)
    out.revenueProperty = value.revenueProperty;
  for (const source of ['duckdb', 'clickhouse', 'posthog']) {
    if (isObject(value[source])) out.sources[source] = value[source];
  }
  return out;
}

function callees(list: unknown): CustomFlagCallee[] {
  if (!Array.isArray(list)) return [];
  const out: CustomFlagCallee[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.callee !== 'string' || !item.callee) continue;
    const c: CustomFlagCallee = { callee: item.callee };
    if (typeof item.module === 'string') c.module = item.module;
    if (Number.isInteger(item.argument) && (item.argument as number) >= 0)
      c.argument = item.argument as number;
    if (typeof item.property === 'string') c.property = item.property;
    if (typeof item.autoExposure === 'boolean') c.autoExposure = item.autoExposure;
    out.push(c);
  }
  return out;
}

/** `sdks.flags[]` entries with `object:` name flag containers instead of callees. */
function flagObjects(list: unknown): FlagObject[] {
  if (!Array.isArray(list)) return [];
  const out: FlagObject[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.object !== 'string' || !item.object.trim()) continue;
    const o: FlagObject = { object: item.object.replace(/\s+/g, '').replace(/\?\./g, '.') };
    if (typeof item.autoExposure === 'boolean') o.autoExposure = item.autoExposure;
    out.push(o);
  }
  return out;
}

/** A string or a list of strings, as a list (other values dropped). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
