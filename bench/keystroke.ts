// The keystroke subject of the speed benchmark, shared by `bench/speed.bench.ts` and
// `bench/keystroke.bench.ts` (the keystroke path alone, to profile it with `node --cpu-prof`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { toLspDiagnostics } from '../server/src/lsp/diagnostics';
import { FolderIndex } from '../server/src/lsp/folder-index';
import { pathToUri } from '../server/src/lsp/uris';
import { OpenDocuments } from '../test/helpers/documents';
import { prng } from './generate-workspace';

/** A 3.7k-line TSX file of components, some behind flags and tracking clicks. */
export function bigFile(): string {
  const rand = prng(3700);
  const out = [
    `import posthog from 'posthog-js';`,
    `import { useState } from 'react';`,
    `import { analytics } from '../lib/analytics';`,
    ``,
  ];
  for (let i = 0; out.length < 3690; i++) {
    out.push(
      `export function Panel${i}({ items, title }: { items: { id: string; label: string }[]; title?: string }) {`,
    );
    out.push(`  const [open, setOpen] = useState(false);`);
    if (i % 6 === 0)
      out.push(`  const on = posthog.isFeatureEnabled('dashboard-panel-${i}');`, `  if (!on) return null;`);
    for (let k = 0; k < 8 + Math.floor(rand() * 10); k++) {
      out.push(
        rand() < 0.5
          ? `  const count${k} = items.filter((item) => item.label.length > ${k}).length;`
          : `  const label${k} = title ?? 'Panel ${i}.${k}';`,
      );
    }
    const click = i % 4 === 0 ? ` analytics.track('dashboard_panel_${i}_opened');` : '';
    out.push(
      `  return (`,
      `    <section onClick={() => {${click} setOpen(!open); }}>`,
      `      {items.map((item) => <div key={item.id}>{item.label}</div>)}`,
      `    </section>`,
      `  );`,
      `}`,
      ``,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Positions where typing one letter keeps the file valid: inside a local `const` name. */
export function editPoints(text: string, count: number): number[] {
  // After the first letter of the name.
  const points = [...text.matchAll(/\n\s+const (?=[A-Za-z_$][\w$]*\s*=)/g)].map(
    (m) => m.index! + m[0].length + 1,
  );
  const step = Math.max(1, Math.floor(points.length / count));
  return points.filter((_, i) => i % step === 0).slice(0, count);
}

export function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export interface KeystrokeRun {
  lines: number;
  /** Per edit (ms): TypeScript's parse of the file, the keystroke path, the full re-check. */
  tsParse: number[];
  file: number[];
  all: number[];
  /** The full check after the edits, in steps (the server runs it in slices): total and longest step (ms). */
  steps: { total: number; longest: number; count: number; longestPart?: string };
  note: string;
}

/**
 * Edits in an open document, analysed the way the server does after each pause in typing: the
 * keystroke path (else the full check) and its diagnostics; then (unless `quickOnly`) the full
 * check the server runs once typing has paused longer.
 */
export async function measureKeystrokes(
  dir: string,
  rel: string,
  edits: number,
  quickOnly = false,
  /** Called once the workspace is indexed and the file open, before the first edit. */
  beforeEdits?: () => Promise<void>,
): Promise<KeystrokeRun> {
  const docs = new OpenDocuments(dir);
  const index = new FolderIndex(dir, pathToUri(dir), docs, {});
  await index.build(() => undefined, { cancelled: false });
  index.check();
  index.prepareKeystrokes();
  let text = fs.readFileSync(path.join(dir, rel), 'utf8');
  index.documentOpened(docs.uri(rel), docs.set(rel, text), 1, text);
  const run: KeystrokeRun = {
    lines: text.split('\n').length,
    tsParse: [],
    file: [],
    all: [],
    steps: { total: 0, longest: 0, count: 0 },
    note: '',
  };
  const points = editPoints(text, edits);
  await beforeEdits?.();
  for (const [n, point] of points.entries()) {
    const at = point + n; // earlier edits each added one letter before this point
    docs.edit(rel, at, at, 'x');
    text = docs.get(docs.uri(rel))!.getText();
    let started = performance.now();
    ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
    run.tsParse.push(performance.now() - started);
    started = performance.now();
    index.documentChanged(docs.fsPath(rel));
    const quick = index.quickCheck();
    toLspDiagnostics(dir, quick ?? index.check(), (uri) => docs.get(uri)?.version);
    run.file.push(performance.now() - started);
    // Once a full check is published, the server indexes its result for the next keystroke.
    if (!quick) index.prepareKeystrokes();
    if (quickOnly) continue;
    started = performance.now();
    toLspDiagnostics(dir, index.check(), (uri) => docs.get(uri)?.version);
    run.all.push(performance.now() - started);
    // And, once that is published, what it does for the next keystroke.
    index.prepareKeystrokes();
  }
  // The check once typing pauses, as the server runs it: in steps, the editor answered between slices.
  const steps = index.checkSteps();
  for (;;) {
    const started = performance.now();
    const next = steps.next();
    const took = performance.now() - started;
    run.steps.total += took;
    if (took > run.steps.longest) {
      run.steps.longest = took;
      // The part of the check the step ended in (core/steps.ts labels), when it says.
      run.steps.longestPart = next.done ? 'the last step' : (next.value ?? 'unlabelled');
    }
    if (next.done) break;
    run.steps.count++;
  }
  run.note = `${index.reparses.incremental} spliced / ${index.reparses.full} whole parses; ${index.reextracts.statements} by statements / ${index.reextracts.full} whole extractions; ${index.quickChecks.moved} moved / ${index.quickChecks.full} full`;
  return run;
}
