import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { parseSource } from '../../server/src/core/parse';
import { DemoSession } from './helpers/demo';

describe('language server: code actions', () => {
  let s: DemoSession;
  afterEach(() => s.stop());

  async function apply(action: CodeAction): Promise<void> {
    assert.ok(action.edit, `${action.title} has an edit`);
    assert.equal(await s.client.applyEdit(action.edit), true);
  }

  it('inserts a missing discovery event where the gated code starts and adds it to the plan, keeping comments', async () => {
    s = await DemoSession.start();
    const rel = 'src/onboarding/OnboardingTour.tsx';
    await s.open(rel);
    const planBefore = fs.readFileSync(path.join(s.root, 'activation-lens.yaml'), 'utf8');
    const [d] = await s.waitDiagnostics(
      rel,
      (ds) => ds.some((x) => x.code === 'missing-discovery'),
      'missing-discovery',
    );
    const actions = await s.codeActions(rel, d!);
    const insert = actions.find((a) =>
      a.title.startsWith("Insert discovery event 'onboarding_tour_viewed' for onboarding-tour"),
    );
    assert.ok(insert, actions.map((a) => a.title).join('\n'));
    assert.match(
      insert.title,
      /\(trackEvent, at src\/onboarding\/OnboardingTour\.tsx:9\) and add it to the plan$/,
    );
    await apply(insert);

    const text = s.read(rel);
    // The project's style in this file: its wrapper, single quotes, semicolons, the block's indentation.
    assert.match(text, /if \(!on\) return null;\n {2}trackEvent\('onboarding_tour_viewed'\);\n {2}return \(/);
    assert.ok(parseSource(rel, text).ok);
    await s.waitDiagnostics(
      rel,
      (ds) => !ds.some((x) => x.code === 'missing-discovery'),
      'the diagnostic to go',
    );

    const plan = fs.readFileSync(path.join(s.root, 'activation-lens.yaml'), 'utf8');
    assert.match(
      plan,
      /onboarding-tour:\n {4}flag: onboarding-tour\n {4}discovery: \[onboarding_tour_viewed\]\n {4}activation:/,
    );
    // Nothing else in the plan moved: every original line is still there, comments included.
    const added = plan.split('\n').filter((l) => !planBefore.split('\n').includes(l));
    assert.deepEqual(added, ['    discovery: [onboarding_tour_viewed]']);
    assert.match(plan, /^# Activation Lens plan for the demo shop\./);
    await s.waitDiagnostics(
      'activation-lens.yaml',
      (ds) => !ds.some((x) => x.code === 'missing-discovery'),
      'the plan finding to go',
    );
  });

  it('adds the import exactly as other files write it when the file lacks one', async () => {
    s = await DemoSession.start({}, (root) => {
      fs.mkdirSync(path.join(root, 'src', 'theme'));
      fs.writeFileSync(
        path.join(root, 'src', 'theme', 'DarkMode.tsx'),
        `import { useFeatureIsOn } from '@growthbook/growthbook-react';\n\nexport function DarkMode() {\n  const on = useFeatureIsOn('dark-mode');\n  if (!on) return null;\n  return <div className="dark" />;\n}\n`,
      );
      const plan = path.join(root, 'activation-lens.yaml');
      fs.writeFileSync(
        plan,
        fs
          .readFileSync(plan, 'utf8')
          .replace('  team-invites:', '  dark-mode:\n    flag: dark-mode\n\n  team-invites:'),
      );
    });
    const rel = 'src/theme/DarkMode.tsx';
    await s.open(rel);
    const [d] = await s.waitDiagnostics(
      rel,
      (ds) => ds.some((x) => x.code === 'missing-discovery'),
      'missing-discovery',
    );
    const [insert] = (await s.codeActions(rel, d!)).filter((a) => a.title.startsWith('Insert discovery'));
    assert.ok(insert);
    await apply(insert);
    const text = s.read(rel);
    // The workspace's most used tracking callee is Segment's `analytics.track`, imported through the alias.
    assert.match(
      text,
      /^import \{ useFeatureIsOn \} from '@growthbook\/growthbook-react';\nimport \{ analytics \} from '@\/lib\/analytics';\n/,
    );
    assert.match(text, /if \(!on\) return null;\n {2}analytics\.track\('dark_mode_viewed'\);\n/);
    assert.ok(parseSource(rel, text).ok);
    await s.waitDiagnostics(
      rel,
      (ds) => !ds.some((x) => x.code === 'missing-discovery'),
      'the diagnostic to go',
    );
  });

  it('inserts an activation or value event at the cursor when it is inside the feature code', async () => {
    s = await DemoSession.start();
    const rel = 'src/team/InviteTeammates.tsx';
    const uri = await s.open(rel);
    const [d] = await s.waitDiagnostics(
      rel,
      (ds) => ds.some((x) => x.code === 'missing-value'),
      'missing-value',
    );
    const cursorLine = s
      .read(rel)
      .split('\n')
      .findIndex((l) => l.includes('const send ='));
    const actions: CodeAction[] = await s.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: cursorLine, character: 4 }, end: { line: cursorLine, character: 4 } },
      context: { diagnostics: [d] },
    });
    const insert = actions.find((a) => a.title.includes("'team_invites_completed'"));
    assert.ok(insert, actions.map((a) => a.title).join('\n'));
    assert.match(insert.title, /at the cursor/);
    await apply(insert);
    const lines = s.read(rel).split('\n');
    assert.equal(lines[cursorLine], "  trackEvent('team_invites_completed');");
    assert.match(lines[cursorLine + 1]!, /const send =/);
    await s.waitDiagnostics(
      rel,
      (ds) => !ds.some((x) => x.code === 'missing-value'),
      'the value finding to go',
    );
  });

  it('with the cursor on the flag check, inserts where the gated code starts, never before the check', async () => {
    s = await DemoSession.start();
    const rel = 'src/team/InviteTeammates.tsx';
    const uri = await s.open(rel);
    const [d] = await s.waitDiagnostics(
      rel,
      (ds) => ds.some((x) => x.code === 'missing-value'),
      'missing-value',
    );
    const checkLine = s
      .read(rel)
      .split('\n')
      .findIndex((l) => l.includes("useGate('team_invites')"));
    const actions: CodeAction[] = await s.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: checkLine, character: 10 }, end: { line: checkLine, character: 10 } },
      context: { diagnostics: [d] },
    });
    const insert = actions.find((a) => a.title.includes("'team_invites_completed'"));
    assert.ok(insert, actions.map((a) => a.title).join('\n'));
    await apply(insert);
    const lines = s.read(rel).split('\n');
    const inserted = lines.indexOf("  trackEvent('team_invites_completed');");
    // The check's own line is not inside the code it gates: the call goes where the gated code starts.
    assert.match(lines[checkLine]!, /useGate\('team_invites'\)/);
    assert.match(lines[inserted - 1]!, /if \(!enabled\) return null;/);
    assert.ok(inserted > checkLine);
  });

  it('in a function annotated @feature, a cursor on the flag check inserts on the line after the check', async () => {
    s = await DemoSession.start({}, (root) => {
      const file = path.join(root, 'src/reports/BulkExport.tsx');
      fs.writeFileSync(
        file,
        fs
          .readFileSync(file, 'utf8')
          .replace(
            'export function BulkExportButton',
            '// @feature bulk-export\nexport function BulkExportButton',
          ),
      );
    });
    const rel = 'src/reports/BulkExport.tsx';
    const uri = await s.open(rel);
    const [d] = await s.waitDiagnostics(
      rel,
      (ds) => ds.some((x) => x.code === 'missing-value'),
      'missing-value',
    );
    const checkLine = s
      .read(rel)
      .split('\n')
      .findIndex((l) => l.includes('useBooleanFlagValue(FLAGS.BULK_EXPORT'));
    const actions: CodeAction[] = await s.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: checkLine, character: 8 }, end: { line: checkLine, character: 8 } },
      context: { diagnostics: [d] },
    });
    const insert = actions.find(
      (a) => a.title.includes("'bulk_export_downloaded'") && a.title.includes('at the cursor'),
    );
    assert.ok(insert, actions.map((a) => a.title).join('\n'));
    await apply(insert);
    const lines = s.read(rel).split('\n');
    assert.match(lines[checkLine]!, /useBooleanFlagValue/);
    assert.equal(lines[checkLine + 1], "  analytics.track('bulk_export_downloaded');");
  });

  it('replaces a misspelt flag key with the suggestion, and fixes all misspellings of a file at once', async () => {
    s = await DemoSession.start();
    const rel = 'src/search/SearchSuggestions.tsx';
    const uri = await s.open(rel);
    const [d] = await s.waitDiagnostics(rel, (ds) => ds.length > 0, 'unknown-flag');
    const [replace] = await s.codeActions(rel, d!);
    assert.equal(replace!.title, "Replace with 'ai-search'");
    const fixAll: CodeAction[] = await s.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      fixAll.map((a) => a.kind),
      ['source.fixAll.activationLens'],
    );
    await apply(fixAll[0]!);
    assert.match(s.read(rel), /useFeatureFlagEnabled\('ai-search'\)/);
    await s.waitDiagnostics(rel, (ds) => ds.length === 0, 'no findings left');
  });

  it('offers to insert a planned event at each of its feature entry points', async () => {
    s = await DemoSession.start();
    await s.open('activation-lens.yaml');
    const [d] = await s
      .waitDiagnostics(
        'activation-lens.yaml',
        (ds) => ds.some((x) => x.code === 'planned-event-not-instrumented'),
        'planned-event-not-instrumented',
      )
      .then((ds) => ds.filter((x) => x.code === 'planned-event-not-instrumented'));
    const actions = await s.codeActions('activation-lens.yaml', d!);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        "Insert 'bulk_export_downloaded' in src/reports/BulkExport.tsx:10 (where bulk-export's gated code starts)",
      ],
    );
    await apply(actions[0]!);
    const text = fs.readFileSync(path.join(s.root, 'src/reports/BulkExport.tsx'), 'utf8');
    assert.match(text, /if \(!enabled\) return null;\n {2}analytics\.track\('bulk_export_downloaded'\);\n/);
    await s.waitDiagnostics(
      'activation-lens.yaml',
      (ds) => !ds.some((x) => x.code === 'planned-event-not-instrumented'),
      'the plan finding to go',
    );
  });

  it('does nothing for a document version the findings were not computed on', async () => {
    s = await DemoSession.start();
    const rel = 'src/onboarding/OnboardingTour.tsx';
    const uri = await s.open(rel);
    const [d] = await s.waitDiagnostics(
      rel,
      (ds) => ds.some((x) => x.code === 'missing-discovery'),
      'missing-discovery',
    );
    // Typing moves the text; until the debounced check runs again, the old findings' offsets are stale.
    await s.client.change(uri, [{ text: `// a new first line\n${s.read(rel)}` }]);
    assert.deepEqual(await s.codeActions(rel, d!), []);
    // An edit computed for an older version is refused by the editor instead of landing in the wrong place.
    const since = s.client.statuses.length;
    await s.client.waitReady(since);
    const [fresh] = await s.waitDiagnostics(
      rel,
      (ds) => ds.some((x) => x.code === 'missing-discovery' && x.range.start.line === 7),
      'moved finding',
    );
    const [insert] = await s.codeActions(rel, fresh!);
    await s.client.change(uri, [{ text: `// another line\n${s.read(rel)}` }]);
    assert.equal(await s.client.applyEdit(insert!.edit!), false);
  });
});
