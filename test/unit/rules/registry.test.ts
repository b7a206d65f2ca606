import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../../../package.json';
import schema from '../../../schemas/activation-lens.schema.json';
import { ALL_RULES, RULE_IDS, ruleDocsUrl } from '../../../server/src/core/rules';
import { REPO } from '../../helpers/cli';
import { checkSources, diagnostics } from '../../helpers/check';
import { casesOf } from '../../helpers/rule-fixtures';

const RULE_FILES = path.join(REPO, 'server', 'src', 'core', 'rules');

describe('rule registry', () => {
  it('has one file, one docs page and one fixture folder per rule, all named after its id', () => {
    const files = fs
      .readdirSync(RULE_FILES)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(files, [...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      const doc = path.join(REPO, 'docs', 'rules', `${id}.md`);
      assert.ok(fs.existsSync(doc), `docs/rules/${id}.md`);
      assert.match(fs.readFileSync(doc, 'utf8'), new RegExp(`^# \`${id}\``));
      assert.ok(ruleDocsUrl(id).endsWith(`/docs/rules/${id}.md`));
      assert.ok(casesOf(id).length >= 2, `test/fixtures/rules/${id}`);
    }
  });

  it('lists every rule in the README', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    for (const id of RULE_IDS) assert.ok(readme.includes(`[\`${id}\`](docs/rules/${id}.md)`), id);
  });

  it('the plan schema accepts a level for every rule, and the live rules to come', () => {
    const keys = Object.keys(schema.properties.rules.properties);
    for (const id of RULE_IDS) assert.ok(keys.includes(id), id);
    for (const id of ['kpi-below-target', 'dead-event', 'activation-without-discovery'])
      assert.ok(keys.includes(id));
  });

  it('gives findings the plan’s level, lets per-file settings override it, and drops what is off', () => {
    const files = {
      'activation-lens.yaml': `rules:\n  missing-value: error\n  missing-activation: off\nfeatures:\n  search: {}\n`,
      'src/a.ts': `import posthog from 'posthog-js';\nexport const a = () => posthog.isFeatureEnabled('search');\n`,
      'src/b.ts': `import posthog from 'posthog-js';\nexport const b = () => posthog.isFeatureEnabled('search');\n`,
    };
    const byPlan = checkSources(files);
    assert.deepEqual(
      byPlan.diagnostics.map((d) => `${d.rule} ${d.file} ${d.severity}`),
      [
        'missing-value activation-lens.yaml error',
        'missing-value src/a.ts error',
        'missing-value src/b.ts error',
      ],
    );
    const bySettings = checkSources(files, (rule, file) =>
      file === 'src/b.ts'
        ? rule === 'missing-value'
          ? 'off'
          : rule === 'missing-activation'
            ? 'hint'
            : undefined
        : undefined,
    );
    assert.deepEqual(
      bySettings.diagnostics.map((d) => `${d.rule} ${d.file} ${d.severity}`),
      [
        'missing-value activation-lens.yaml error',
        'missing-value src/a.ts error',
        'missing-activation src/b.ts hint',
      ],
    );
    assert.deepEqual(
      diagnostics(
        checkSources({ ...files, 'activation-lens.yaml': 'features:\n  search: {}\n' }),
        'missing-value',
      ).length,
      3,
    );
  });

  it('every rule has a summary and help text', () => {
    for (const rule of ALL_RULES) {
      assert.match(rule.summary, /^[A-Z].+\.$/);
      assert.ok(rule.help.length > 80, rule.id);
    }
  });
});

describe('plan schema registration', () => {
  it('registers the schema for YAML and JSON plans, and ships it', () => {
    const yaml = pkg.contributes.yamlValidation[0]!;
    assert.deepEqual(yaml.fileMatch, ['activation-lens.yaml', 'activation-lens.yml']);
    assert.equal(pkg.contributes.jsonValidation[0]!.fileMatch, 'activation-lens.json');
    for (const entry of [yaml, pkg.contributes.jsonValidation[0]!]) {
      assert.ok(fs.existsSync(path.join(REPO, entry.url)), entry.url);
    }
    const ignore = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!schemas\/\*\*$/m);
  });

  it('validates the demo plan', () => {
    const demo = checkSources({
      'activation-lens.yaml': fs.readFileSync(
        path.join(REPO, 'examples', 'demo-shop', 'activation-lens.yaml'),
        'utf8',
      ),
    });
    assert.deepEqual(diagnostics(demo, 'plan-invalid'), []);
  });
});
