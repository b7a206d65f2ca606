import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bigFile, editPoints } from '../../../bench/keystroke';
import { prng } from '../../../bench/generate-workspace';
import { moduleClassifier } from '../../../server/src/core/catalogue';
import type { AnalysisConfig } from '../../../server/src/core/config';
import { type ExtractOptions, extractFile } from '../../../server/src/core/extract';
import { isSourceFile } from '../../../server/src/core/languages';
import { parseDocument } from '../../../server/src/core/reparse';
import { extractDocument, type OpenDocument } from '../../../server/src/core/statement-reuse';

// The keystroke path extracts only the top-level statements an edit touches and, when they contribute
// what they did with positions moved, reuses the file's last facts (core/statement-reuse.ts). After
// every edit the facts must be exactly those a whole-file extraction of the new text gives (as JSON):
// edits inside and around imports, aliases, flag variables, wrappers, annotations, exports, classes,
// syntax errors and their repair.

const REPO = path.resolve(__dirname, '../../..');

const CONFIG: AnalysisConfig = {
  tracking: [{ callee: 'trackEvent' }, { callee: 'tracker.send', argument: 1 }],
  flags: [{ callee: 'isOn', module: './flags' }],
  flagObjects: [{ object: 'uiConfig.flags' }],
};

const OPTIONS: ExtractOptions = {
  config: CONFIG,
  classifyModule: moduleClassifier(['@/']),
  resolveModule: (_from, spec) => (spec.startsWith('.') ? `src/${spec.slice(2)}.ts` : undefined),
};

/** Statements that reach across each other: aliases, top-level flags, wrappers, exports, classes. */
const TANGLED = `import posthog from 'posthog-js';
import { useFlags } from 'launchdarkly-react-client-sdk';
import { analytics } from '@/lib/analytics';
import { isOn } from './flags';
import type { Props } from './types';

const ph = posthog;
const EVENTS = { OPENED: 'panel_opened', CLOSED: 'panel_closed' } as const;

export function trackEvent(name: string, props?: Record<string, string>) {
  analytics.track(name, props);
}

export function useTracker() {
  return { send: (name: string) => trackEvent(name) };
}

function Child({ label }: Props) {
  const { newNav } = useFlags();
  if (!newNav) return null;
  return <span onClick={() => ph.capture(EVENTS.OPENED)}>{label}</span>;
}

export function Parent() {
  const on = isOn('parent-flag');
  const tracker = useTracker();
  if (!on) return null;
  return on ? <Child label="x" /> : <button onClick={() => tracker.send('x', 'parent_clicked')} />;
}

class Service {
  private client = posthog;
  track(name: string) {
    this.client.capture(name);
  }
}
export const service = new Service();

function merged() {}
namespace merged {
  export const inner = 1;
}

export const flagsProxy = new Proxy({}, { get: (_t, key: string) => posthog.isFeatureEnabled(key) });
export function ProxyUser() {
  return flagsProxy.proxyFlag ? <i /> : null;
}
let mutable = 'let_event';
export function useLet() {
  trackEvent(mutable);
}

export { Child as Kid, merged };
export default Parent;
export const readFlag = () => uiConfig.flags.readFlag && trackEvent('read_flag_on');
declare const uiConfig: { flags: Record<string, boolean> };
`;

/** Gating across statements: a flag bound at the top level, a guard at the top level. */
const CROSSING = `${TANGLED}
export const moduleFlag = posthog.isFeatureEnabled('module-flag');
export function Gated() {
  if (!moduleFlag) return null;
  return <Child label="gated" />;
}
if (!posthog.isFeatureEnabled('top-guard')) throw new Error('off');
export const afterGuard = uiConfig.flags.afterGuard;
`;

/** Lines typed into files: each reaches across statements differently (or breaks the syntax). */
const LINES = [
  `import { track as t } from '@/lib/track';`,
  `const alias = analytics;`,
  `export const TOP = posthog.isFeatureEnabled('typed-top');`,
  `  const local = posthog.isFeatureEnabled('typed-local');`,
  `  if (!local) return null;`,
  `  trackEvent(EVENTS.CLOSED);`,
  `  ph.capture('typed_event', { plan: 'pro' });`,
  `export function wrapper(event: string) { analytics.track(event); }`,
  `  wrapper('through_wrapper');`,
  `// @feature typed-annotation`,
  `export { Parent as Page };`,
  `  const broken = (;`,
  `  return <Child label="typed" />;`,
  `function Child() { return null; }`,
  `  uiConfig.flags.typedFlag && trackEvent('typed_flag_on');`,
  `  flagsProxy.typedProxyFlag && trackEvent(mutable);`,
  `const flagsProxy = new Proxy({}, {});`,
];

class Session {
  text: string;
  private state: OpenDocument;
  reused = 0;
  edits = 0;

  constructor(
    private readonly file: string,
    text: string,
  ) {
    this.text = text;
    this.state = { doc: parseDocument(file, text).doc };
    this.check();
  }

  apply(at: number, remove: number, insert: string): void {
    this.text = this.text.slice(0, at) + insert + this.text.slice(at + remove);
    this.check();
  }

  private check(): void {
    const out = extractDocument(this.state, this.file, this.text, OPTIONS);
    this.state = out.next;
    this.edits++;
    if (out.movedFrom) this.reused++;
    const full = extractFile(this.file, this.text, OPTIONS);
    assert.equal(JSON.stringify(out.facts), JSON.stringify(full), `${this.file}, edit ${this.edits}`);
  }

  /** Types a line at a line start, a character at a time, then maybe removes it. */
  typeLine(at: number, line: string, thenRemove: boolean): void {
    this.apply(at, 0, '\n');
    for (let c = 0; c < line.length; c++) this.apply(at + c, 0, line[c]!);
    if (thenRemove) this.apply(at, line.length + 1, '');
  }
}

function lineStarts(text: string): number[] {
  return [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
}

/** Random edits: typed lines, renames inside identifiers and strings, deletions, pasted lines. */
function randomEdits(session: Session, seed: number, count: number): void {
  const rand = prng(seed);
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(rand() * list.length)];
  for (let k = 0; k < count; k++) {
    const kind = Math.floor(rand() * 6);
    const text = session.text;
    if (kind === 0) {
      session.typeLine(pick(lineStarts(text))!, pick(LINES)!, rand() < 0.5);
    } else if (kind === 1) {
      // A letter typed inside an identifier (a rename; a reference to a binding may break).
      const word = pick([...text.matchAll(/[A-Za-z_$][\w$]+/g)]);
      if (word) session.apply(word.index! + 1 + Math.floor(rand() * (word[0].length - 1)), 0, 'q');
    } else if (kind === 2) {
      // Inside a string (an event name or flag key changes).
      const str = pick([...text.matchAll(/'[^'\n]+'/g)]);
      if (str) session.apply(str.index! + 1, 0, 'z');
    } else if (kind === 3) {
      // A deletion of up to 12 characters, then typing them back.
      const at = Math.floor(rand() * text.length);
      const removed = text.slice(at, at + 1 + Math.floor(rand() * 12));
      session.apply(at, removed.length, '');
      session.apply(at, 0, removed);
    } else if (kind === 4) {
      // A whole line pasted, then undone.
      const at = pick(lineStarts(text))!;
      const line = `${pick(LINES)!}\n`;
      session.apply(at, 0, line);
      session.apply(at, line.length, '');
    } else {
      // A blank line or a comment between statements.
      const at = pick(lineStarts(text))!;
      session.apply(at, 0, rand() < 0.5 ? '\n' : '// note\n');
    }
  }
}

function fixtureSources(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['test/fixtures/wrappers', 'test/fixtures/scan', 'examples/demo-shop']) {
    for (const rel of fs.readdirSync(path.join(REPO, dir), { recursive: true }).map(String)) {
      if (!isSourceFile(rel) || rel.includes('node_modules')) continue;
      out.push([`${dir}/${rel}`, fs.readFileSync(path.join(REPO, dir, rel), 'utf8')]);
    }
  }
  return out;
}

describe('keystrokes: facts by statements = whole-file extraction', () => {
  it('a file whose statements refer to each other, random edits', function () {
    this.timeout(120_000);
    let reused = 0;
    let edits = 0;
    for (const seed of [1, 2, 3, 4]) {
      const session = new Session('src/tangled.tsx', TANGLED);
      randomEdits(session, seed, 25);
      reused += session.reused;
      edits += session.edits;
    }
    // Most of these edits change facts or the syntax; the others must take the statement path.
    assert.ok(reused > edits / 10, `reused ${reused} of ${edits}`);
  });

  it('reuses the facts when an edit changes positions only, also in statements others refer to', () => {
    const session = new Session('src/tangled.tsx', TANGLED);
    const at = (marker: string) => session.text.indexOf(marker) + marker.length;
    // JSX text in Child (rendered by Parent, exported as Kid), a blank line in useTracker (called by
    // Parent), a local variable in Parent, a type in a signature.
    session.apply(at('{label}'), 0, ' more');
    session.apply(at('export function useTracker() {'), 0, '\n');
    session.apply(at('const tracker = useTracker();'), 0, ' const unused = 1;');
    session.apply(at('Record<string, '), 0, ' ');
    assert.equal(session.reused, 4);
    // What others see changes: a function's returns, a constant's value, a declared name.
    session.apply(at('return { send: '), 0, 'other: 1, ');
    session.apply(at("OPENED: 'panel_"), 0, 'x');
    session.apply(at('function Chil'), 0, 'q');
    assert.equal(session.reused, 4);
  });

  it('gating across statements: random edits (the whole file is extracted)', function () {
    this.timeout(120_000);
    for (const seed of [5, 6]) randomEdits(new Session('src/crossing.tsx', CROSSING), seed, 20);
  });

  it('the benchmark file: renames reuse the facts, and random edits stay exact', function () {
    this.timeout(120_000);
    const session = new Session('src/big/Dashboard.tsx', bigFile());
    const points = editPoints(session.text, 20);
    points.forEach((point, n) => session.apply(point + n, 0, 'x'));
    // (The first edit extracts the whole file; renaming a flag variable changes what it gates.)
    assert.ok(session.reused >= session.edits - 4, `reused ${session.reused} of ${session.edits}`);
    randomEdits(session, 5, 3);
  });

  it('fixture files, random edits', function () {
    this.timeout(300_000);
    const rand = prng(9);
    let reused = 0;
    let edits = 0;
    for (const [file, text] of fixtureSources()) {
      if (rand() < 0.5) continue;
      const session = new Session(file, text);
      randomEdits(session, Math.floor(rand() * 1000), 4);
      reused += session.reused;
      edits += session.edits;
    }
    assert.ok(reused > edits / 4, `reused ${reused} of ${edits}`);
  });
});
