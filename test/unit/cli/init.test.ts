// `activation-lens init`: the drafted plan is valid against the shipped schema, says what `check` found
// (checking again with it links the same events to the same milestones), never overwrites a plan
// without --force, and with --force keeps everything the plan said.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { REPO, runCli } from '../../helpers/cli';
import { removeDir } from '../../helpers/fixtures';

const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', 'activation-lens.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true }).compile(schema);

interface JsonFeature {
  key: string;
  planned: boolean;
  missing: string[];
  milestones: Record<string, { event: string; via: string }[]>;
}

function checkJson(dir: string): { features: JsonFeature[] } {
  const r = runCli(['check', dir, '--format', 'json']);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

/**
 * Per feature and milestone, the tracked events that satisfy it (what the drafted plan must keep). An
 * SDK's exposure is left out: a plan that names a discovery event makes it the discovery, by design.
 */
function satisfied(features: JsonFeature[]): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    features.map((f) => [
      f.key,
      Object.fromEntries(
        Object.entries(f.milestones).map(([m, links]) => [
          m,
          [...new Set(links.filter((l) => l.via !== 'exposure').map((l) => l.event))].sort(),
        ]),
      ),
    ]),
  );
}

function assertValid(text: string): void {
  const data = parse(text);
  assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
}

describe('activation-lens init', () => {
  let dir: string;
  const plan = () => path.join(dir, 'activation-lens.yaml');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-init-'));
    fs.cpSync(path.join(REPO, 'examples', 'demo-shop'), dir, { recursive: true });
  });

  afterEach(() => removeDir(dir));

  it('drafts a valid plan from the features found, which links the same events when checked again', () => {
    fs.rmSync(plan());
    const before = checkJson(dir);
    const r = runCli(['init', dir]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Wrote .*activation-lens\.yaml: 6 features, 4 gaps\.\n/);
    assert.match(r.stdout, /\n {2}onboarding-tour: no discovery event\n/);
    const text = fs.readFileSync(plan(), 'utf8');
    assertValid(text);
    assert.match(text, /^# Activation Lens plan, drafted from the feature flags/);
    assert.match(
      text,
      /\n {2}bulk-export:\n {4}flag: bulk-export\n {4}discovery: \[bulk_export_opened\]\n {4}activation: \[bulk_export_clicked\]\n {4}value: \[\] # gap: no event marks the outcome the feature promises\n/,
    );
    // An SDK's exposure counts as discovery: the list stays empty and the comment says why.
    assert.match(
      text,
      /\n {4}discovery: \[\] # counted by the flag check: posthog logs \$feature_flag_called\n/,
    );

    const after = checkJson(dir);
    assert.ok(after.features.every((f) => f.planned));
    assert.deepEqual(satisfied(after.features), satisfied(before.features));
    assert.deepEqual(
      after.features.map((f) => [f.key, f.missing]),
      before.features.map((f) => [f.key, f.missing]),
    );
  });

  it('does not overwrite an existing plan without --force', () => {
    const original = fs.readFileSync(plan(), 'utf8');
    const r = runCli(['init', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /activation-lens\.yaml exists already: use --force/);
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(plan(), 'utf8'), original);
  });

  it('with --force adds what the code shows to the plan and keeps its comments, sections and events', () => {
    const original = fs.readFileSync(plan(), 'utf8');
    const r = runCli(['init', dir, '--force']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Updated .*activation-lens\.yaml: 6 features \(1 added, \d+ updated\)/);
    const text = fs.readFileSync(plan(), 'utf8');
    assertValid(text);
    for (const kept of [
      "    # The app's own wrapper around Segment (src/lib/analytics.ts).",
      '    value: [bulk_export_downloaded] # planned, not instrumented yet',
      '      activationRate: 0.4',
      '  source: duckdb',
    ])
      assert.ok(text.includes(kept), `keeps ${kept}`);
    // The misspelt flag check is a feature of its own in the code: it is added, for review.
    assert.match(text, /\n {2}ai-serach:\n {4}flag: ai-serach\n/);
    // What the plan declared is unchanged.
    const declared = parse(original).features;
    const now = parse(text).features;
    for (const [key, feature] of Object.entries(declared as Record<string, Record<string, unknown>>))
      for (const [field, value] of Object.entries(feature))
        assert.deepEqual(now[key][field], value, `${key}.${field}`);
  });

  it('leaves a plan with YAML errors alone, even with --force', () => {
    fs.writeFileSync(plan(), 'features:\n  a: [unclosed\n');
    const r = runCli(['init', dir, '--force']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot update .*activation-lens\.yaml: /);
    assert.equal(fs.readFileSync(plan(), 'utf8'), 'features:\n  a: [unclosed\n');
  });

  it('updates a JSON plan as JSON', () => {
    fs.rmSync(plan());
    const json = path.join(dir, 'activation-lens.json');
    fs.writeFileSync(json, JSON.stringify({ conventions: { eventCase: 'snake_case' } }));
    const r = runCli(['init', dir, '--force']);
    assert.equal(r.status, 0, r.stderr);
    const data = JSON.parse(fs.readFileSync(json, 'utf8')) as {
      conventions: { eventCase: string };
      features: Record<string, { discovery: string[] }>;
    };
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.equal(data.conventions.eventCase, 'snake_case');
    assert.deepEqual(data.features['bulk-export']?.discovery, ['bulk_export_opened']);
    assert.equal(fs.existsSync(plan()), false);
  });

  it('writes no flag for a feature entered only through @feature annotations', () => {
    const notes = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-init-'));
    try {
      fs.mkdirSync(path.join(notes, 'src'));
      fs.writeFileSync(
        path.join(notes, 'src', 'notes.ts'),
        "import { AnalyticsBrowser } from '@segment/analytics-next';\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n\n// @feature quick-notes\nexport function openNotes() {\n  analytics.track('quick_notes_opened');\n}\n",
      );
      assert.equal(runCli(['init', notes]).status, 0);
      const text = fs.readFileSync(path.join(notes, 'activation-lens.yaml'), 'utf8');
      assert.match(text, /\n {2}quick-notes:\n {4}discovery: \[quick_notes_opened\]\n/);
      assert.doesNotMatch(text, /flag:/);
    } finally {
      removeDir(notes);
    }
  });

  it('fails on a folder that does not exist', () => {
    const r = runCli(['init', path.join(dir, 'nowhere')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read folder/);
  });
});
