import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import { extractFile } from '../../../server/src/core/extract';
import { checkDirectory } from '../../../server/src/workspace/check';
import { memoryHost } from '../../helpers/memory';
import { removeDir } from '../../helpers/fixtures';

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-plans-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const SEARCH = `import posthog from 'posthog-js';\nif (posthog.isFeatureEnabled('search')) posthog.capture('search_used');\n`;

describe('plan files: nearest up the tree', () => {
  let root: string;
  afterEach(() => removeDir(root));

  it('each package of a monorepo gets its own plan; files outside any package get the root plan', async () => {
    root = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'activation-lens.yaml': `features:\n  search:\n    value: [root_value_completed]\n`,
      'packages/web/activation-lens.yaml': `features:\n  search:\n    value: [web_search_completed]\n`,
      'packages/web/src/a.ts': SEARCH,
      'packages/api/activation-lens.yml': `strictEvents: true\nfeatures:\n  search:\n    activation: [search_used]\n`,
      'packages/api/src/deep/b.ts': SEARCH,
      'tools/c.ts': SEARCH,
    });
    const { result } = await checkDirectory(root);
    assert.deepEqual(
      result.plans.map((p) => [p.file, p.dir, p.files]),
      [
        ['activation-lens.yaml', '', 1],
        ['packages/api/activation-lens.yml', 'packages/api', 1],
        ['packages/web/activation-lens.yaml', 'packages/web', 1],
      ],
    );
    assert.deepEqual(
      result.features.map((f) => [f.key, f.planFile, f.entryPoints.map((e) => e.file)]),
      [
        ['search', 'activation-lens.yaml', ['tools/c.ts']],
        ['search', 'packages/api/activation-lens.yml', ['packages/api/src/deep/b.ts']],
        ['search', 'packages/web/activation-lens.yaml', ['packages/web/src/a.ts']],
      ],
    );
    const planned = result.diagnostics
      .filter((d) => d.rule === 'planned-event-not-instrumented')
      .map((d) => `${d.file}: ${d.event}`);
    assert.deepEqual(planned, [
      'activation-lens.yaml: root_value_completed',
      'packages/web/activation-lens.yaml: web_search_completed',
    ]);
  });

  it('a plan above the checked folder applies, up to the repository root, with globs relative to it', async () => {
    root = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'activation-lens.yaml': `features:\n  search:\n    files: [app/src/**]\n`,
      'app/src/a.ts': `import posthog from 'posthog-js';\nposthog.capture('search_used');\n`,
    });
    const { result } = await checkDirectory(path.join(root, 'app'));
    assert.deepEqual(
      result.plans.map((p) => p.file),
      ['../activation-lens.yaml'],
    );
    assert.deepEqual(
      result.features[0]!.milestones.activation.map((l) => [l.event, l.via, l.file]),
      [['search_used', 'plan', 'src/a.ts']],
    );
  });

  it('does not look above the repository root', async () => {
    root = workspace({
      'activation-lens.yaml': `features:\n  outside: {}\n`,
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/src/a.ts': SEARCH,
    });
    const { result } = await checkDirectory(path.join(root, 'repo'));
    assert.deepEqual(result.plans, []);
    assert.deepEqual(
      result.features.map((f) => [f.key, f.planned]),
      [['search', false]],
    );
  });

  it('--plan replaces every plan found in the tree', async () => {
    root = workspace({
      '.git/HEAD': '',
      'activation-lens.yaml': `features:\n  search:\n    value: [ignored_completed]\n`,
      'config/other.yaml': `features:\n  search:\n    value: [search_done]\n`,
      'src/a.ts': SEARCH,
    });
    const { result } = await checkDirectory(root, { planFile: path.join(root, 'config/other.yaml') });
    assert.deepEqual(
      result.plans.map((p) => p.file),
      ['config/other.yaml'],
    );
    assert.deepEqual(
      result.diagnostics.filter((d) => d.rule === 'planned-event-not-instrumented').map((d) => d.event),
      ['search_done'],
    );
  });

  it('a folder named like a plan is not a plan; a JSON plan is', async () => {
    root = workspace({ '.git/HEAD': '', 'src/a.ts': SEARCH, 'pkg/b.ts': SEARCH });
    fs.mkdirSync(path.join(root, 'pkg', 'activation-lens.yaml'));
    fs.writeFileSync(path.join(root, 'pkg', 'activation-lens.json'), '{ "features": { "search": {} } }');
    const { result } = await checkDirectory(root);
    assert.deepEqual(
      result.plans.map((p) => p.file),
      ['pkg/activation-lens.json'],
    );
  });

  it('a plan that cannot be read is a plan-invalid error, and the check goes on', () => {
    root = workspace({});
    const files = { 'src/a.ts': SEARCH };
    const result = checkWorkspace({
      files: ['src/a.ts'],
      host: memoryHost(files),
      plans: [{ file: 'activation-lens.yaml', dir: '', readError: 'EACCES' }],
      extract: extractFile,
    });
    assert.deepEqual(
      result.diagnostics.filter((d) => d.rule === 'plan-invalid').map((d) => [d.message, d.span.start.line]),
      [['cannot read the plan: EACCES', 1]],
    );
    assert.deepEqual(result.features[0]!.missing, ['value']);
  });
});
