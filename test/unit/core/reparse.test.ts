import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../../../bench/generate-workspace';
import { parseSource } from '../../../server/src/core/parse';
import {
  type ParsedDocument,
  parseDocument,
  reparseDocument,
  settle,
} from '../../../server/src/core/reparse';
import { FIXTURES } from '../../helpers/fixtures';

// The keystroke path splices re-parsed statements into the previous tree: after every edit the tree
// must be exactly the one a full parse of the new text gives (ranges, lines and columns included), and
// a text that does not parse must be reported exactly as the full parse reports it.

class Editor {
  text: string;
  private doc: ParsedDocument | undefined;
  spliced = 0;
  edits = 0;

  constructor(
    private readonly file: string,
    text: string,
    /** Leave moves pending (`settle` every third edit; in between, compare the statements' own positions). */
    private readonly lazy = false,
  ) {
    this.text = text;
    this.doc = parseDocument(file, text).doc;
  }

  apply(at: number, remove: number, insert: string): void {
    this.text = this.text.slice(0, at) + insert + this.text.slice(at + remove);
    const re = reparseDocument(this.doc, this.file, this.text, this.lazy);
    this.doc = re.doc;
    this.edits++;
    if (re.incremental) this.spliced++;
    const full = parseSource(this.file, this.text);
    const where = `after edit ${this.edits} at ${at}`;
    if (this.lazy && re.outcome.ok && full.ok && this.edits % 3 !== 0) {
      const own = (body: typeof full.ast.body) => body.map((st) => [st.type, st.range, st.loc]);
      assert.deepEqual(own(re.outcome.ast.body), own(full.ast.body), where);
      return;
    }
    if (this.lazy && re.doc) settle(re.doc);
    assert.deepEqual(re.outcome, full, where);
  }

  /** Types a statement on a new line at a line start, one character at a time, then maybe removes it. */
  typeLine(at: number, statement: string, thenRemove: boolean): void {
    this.apply(at, 0, '\n');
    for (let c = 0; c < statement.length; c++) this.apply(at + c, 0, statement[c]!);
    if (thenRemove) this.apply(at, statement.length + 1, '');
  }
}

function lineStarts(text: string): number[] {
  return [...text.matchAll(/\n/g)].map((m) => m.index! + 1);
}

const STATEMENTS = [
  "  analytics.track('typed_event', { feature: 'x' });",
  '  const typed = items.length > 2 ? 1 : 0;',
  'export const TYPED = { A: "a" } as const;',
  '  if (!typed) return null;',
  '  <div>{items.map((i) => <span key={i}>{i}</span>)}</div>',
];

function session(file: string, text: string, seed: number, lines: number, lazy = false): Editor {
  const editor = new Editor(file, text, lazy);
  const rand = prng(seed);
  for (let k = 0; k < lines; k++) {
    const starts = lineStarts(editor.text);
    const at = starts[Math.floor(rand() * starts.length)]!;
    editor.typeLine(at, STATEMENTS[k % STATEMENTS.length]!, rand() < 0.5);
    // And a rename inside an identifier somewhere (valid whenever the file was).
    const idents = [...editor.text.matchAll(/\bconst ([A-Za-z_$])/g)];
    const pick = idents[Math.floor(rand() * idents.length)];
    if (pick) editor.apply(pick.index! + 7, 0, 'q');
  }
  return editor;
}

describe('incremental re-parse of open documents = full parse', () => {
  for (const rel of [
    'scan/shop/src/checkout/Checkout.tsx',
    'wrappers/hook/src/hooks/useTelemetry.ts',
    'wrappers/hook/src/components/Settings.tsx',
    'wrappers/gating/src/app/Preferences.tsx',
  ]) {
    it(`${rel}: typing lines, renaming, breaking and repairing the syntax`, function () {
      this.timeout(60_000);
      session(rel, fs.readFileSync(path.join(FIXTURES, rel), 'utf8'), 7, 12);
    });
  }

  it('splices most edits of a long file of components, each equal to the full parse', function () {
    this.timeout(120_000);
    const parts = [`import posthog from 'posthog-js';`, `import { analytics } from './analytics';`, ''];
    for (let i = 0; i < 40; i++) {
      parts.push(
        `export function Panel${i}({ items }: { items: string[] }) {`,
        `  const on = posthog.isFeatureEnabled('panel-${i}');`,
        `  if (!on) return null;`,
        `  const count = items.filter((x) => x.length > ${i}).length;`,
        `  return <button onClick={() => analytics.track('panel_${i}_clicked')}>{count}</button>;`,
        `}`,
        '',
      );
    }
    const editor = session('src/Panels.tsx', parts.join('\n'), 11, 10);
    assert.ok(editor.spliced > editor.edits / 3, `${editor.spliced} of ${editor.edits} spliced`);
    // And with the moves of later statements left pending between edits.
    const lazy = session('src/Panels.tsx', parts.join('\n'), 12, 6, true);
    assert.ok(lazy.spliced > lazy.edits / 3, `${lazy.spliced} of ${lazy.edits} spliced`);
  });

  it('leaves moves pending and settles them to the full parse', function () {
    this.timeout(120_000);
    const rel = 'scan/shop/src/checkout/Checkout.tsx';
    session(rel, fs.readFileSync(path.join(FIXTURES, rel), 'utf8'), 3, 12, true);
  });

  it('takes the whole-file path for files with @feature annotations and for directive prologues', () => {
    const annotated = new Editor('a.ts', `// @feature new-nav\nexport const a = 1;\n`);
    annotated.apply(annotated.text.length, 0, 'export const b = 2;\n');
    assert.equal(annotated.spliced, 0);
    const directive = new Editor('b.tsx', `'use client';\nexport const a = 1;\n`);
    directive.apply(0, 0, ' ');
    assert.equal(directive.spliced, 0);
  });
});
