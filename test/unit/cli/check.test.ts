import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { RULE_IDS } from '../../../server/src/core/rules';
import { REPO, runCli } from '../../helpers/cli';
import { FIXTURES } from '../../helpers/fixtures';

/** The parts of a SARIF log the test reads (the schema checks the rest). */
interface SarifLog {
  runs: {
    tool: {
      driver: {
        rules: { id: string; helpUri: string; help: { text: string }; shortDescription: { text: string } }[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message?: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

const APP = path.join(FIXTURES, 'check', 'app');
const BAD_PLAN = path.join(FIXTURES, 'check', 'bad-plan.yaml');

describe('activation-lens check', () => {
  it('prints features, problems grouped by file and a summary line (text)', () => {
    const r = runCli(['check', APP]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0, 'warnings alone do not fail without --max-warnings');
    assert.match(r.stdout, /^Features \(1\)\n {2}reports {2}\(unleash, 1 check\)\n/);
    assert.match(r.stdout, /\n {4}✓ discovery +reports_viewed +plan +src\/Reports\.tsx:7\n/);
    assert.match(r.stdout, /\n {4}✗ value +—\n/);
    assert.match(
      r.stdout,
      /\nactivation-lens\.yaml\n {3}6:3 +warning +Feature reports has no value event: the plan names report_exported, but no code sends it \(1 tracking call in its code has a dynamic name, which cannot count\)\. +missing-value\n {2}9:13 +warning +report_exported is planned as reports's value event, but no code sends it\. +planned-event-not-instrumented\n\n/,
    );
    assert.match(
      r.stdout,
      /\nsrc\/Reports\.tsx\n {2}5:19 +warning +Feature reports has no value event[^\n]+missing-value\n {2}9:51 +info +The event name `name \|\| document\.title` is computed at run time[^\n]+unresolved-event-name\n/,
    );
    assert.match(
      r.stdout,
      /\n✖ 4 problems \(0 errors, 3 warnings, 1 info, 0 hints\) · 1 feature, 0 complete · 1 file\n$/,
    );
  });

  it('prints the JSON contract: features, entry points, milestones with via, missing, diagnostics', () => {
    const r = runCli(['check', APP, '--format', 'json']);
    assert.equal(r.status, 0);
    const json = JSON.parse(r.stdout);
    assert.equal(json.features.length, 1);
    const f = json.features[0];
    assert.equal(f.key, 'reports');
    assert.deepEqual(f.entryPoints, [
      { file: 'src/Reports.tsx', line: 5, column: 19, sdk: 'unleash', callee: 'useFlag' },
    ]);
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(
          f.milestones as Record<string, { event: string; file: string; line: number; via: string }[]>,
        ).map(([m, links]) => [m, links.map((l) => [l.event, l.file, l.line, l.via])]),
      ),
      {
        discovery: [['reports_viewed', 'src/Reports.tsx', 7, 'plan']],
        activation: [['report_created', 'src/Reports.tsx', 8, 'plan']],
        value: [],
      },
    );
    assert.deepEqual(f.missing, ['value']);
    assert.deepEqual(
      json.diagnostics.map((d: Record<string, unknown>) => [d.rule, d.severity, d.file, d.line, d.column]),
      [
        ['missing-value', 'warning', 'activation-lens.yaml', 6, 3],
        ['planned-event-not-instrumented', 'warning', 'activation-lens.yaml', 9, 13],
        ['missing-value', 'warning', 'src/Reports.tsx', 5, 19],
        ['unresolved-event-name', 'info', 'src/Reports.tsx', 9, 51],
      ],
    );
    const missing = json.diagnostics[2];
    assert.deepEqual(missing.fix, {
      kind: 'add-event',
      feature: 'reports',
      milestone: 'value',
      event: 'report_exported',
      planned: true,
    });
    assert.deepEqual(
      missing.related.map(
        (x: { file: string; line: number; message: string }) => `${x.file}:${x.line} ${x.message}`,
      ),
      [
        'activation-lens.yaml:6 reports is declared here',
        'src/Reports.tsx:7 discovery: reports_viewed (plan)',
        'src/Reports.tsx:8 activation: report_created (plan)',
        'src/Reports.tsx:9 the dynamic event name `name || document.title` cannot count',
      ],
    );
    assert.deepEqual(json.summary, {
      files: 1,
      features: 1,
      complete: 0,
      errors: 0,
      warnings: 3,
      infos: 1,
      hints: 0,
    });
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const r = runCli(['check', APP, '--format', 'sarif']);
    assert.equal(r.status, 0);
    const sarif = JSON.parse(r.stdout) as SarifLog;
    const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif', 'sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false }); // the schema's anyOf/required style trips strict mode only;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(sarif);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run = sarif.runs[0]!;
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule.id),
      RULE_IDS,
    );
    for (const rule of run.tool.driver.rules) {
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.ok(rule.help.text.length > 40 && rule.shortDescription.text.length > 10);
    }
    assert.deepEqual(
      run.results.map(
        (x: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }) => [
          x.ruleId,
          RULE_IDS[x.ruleIndex],
          x.level,
          x.locations[0]!.physicalLocation.artifactLocation.uri,
          x.locations[0]!.physicalLocation.region.startLine,
        ],
      ),
      [
        ['missing-value', 'missing-value', 'warning', 'activation-lens.yaml', 6],
        [
          'planned-event-not-instrumented',
          'planned-event-not-instrumented',
          'warning',
          'activation-lens.yaml',
          9,
        ],
        ['missing-value', 'missing-value', 'warning', 'src/Reports.tsx', 5],
        ['unresolved-event-name', 'unresolved-event-name', 'note', 'src/Reports.tsx', 9],
      ],
    );
    assert.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, `file://${APP}/`);
    // The schema is really checking: a result without a message is rejected.
    delete run.results[0]!.message;
    assert.equal(validate(sarif), false);
  });

  it('exits 1 when warnings exceed --max-warnings, 0 when within', () => {
    assert.equal(runCli(['check', APP, '--max-warnings', '2']).status, 1);
    const over = runCli(['check', APP, '--max-warnings', '0', '--format', 'json']);
    assert.equal(over.status, 1);
    assert.equal(JSON.parse(over.stdout).summary.warnings, 3);
    assert.equal(runCli(['check', APP, '--max-warnings', '3']).status, 0);
    assert.match(
      runCli(['check', APP, '--max-warnings', '1']).stdout,
      /Too many warnings \(3, at most 1 allowed\)\.\n$/,
    );
  });

  it('exits 1 on errors: a malformed --plan is reported at its position and the check still runs', () => {
    const r = runCli(['check', APP, '--plan', BAD_PLAN, '--format', 'json']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout);
    const invalid = json.diagnostics.filter((d: { rule: string }) => d.rule === 'plan-invalid');
    assert.deepEqual(
      invalid.map((d: Record<string, unknown>) => [d.file, d.line, d.column, d.severity, d.message]),
      [[BAD_PLAN, 3, 12, 'error', 'features.reports.value must be a string or a list, not number 42']],
    );
    // The plan's valid parts and the code are still checked.
    assert.deepEqual(json.features[0].missing, ['value']);
  });

  it('exits 2 with one line on stderr for usage errors and a missing --plan', () => {
    for (const args of [
      ['check', APP, '--format', 'xml'],
      ['check', APP, '--max-warnings', 'many'],
      ['check', APP, '--plan', path.join(APP, 'nope.yaml')],
      ['check', path.join(APP, 'nope')],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^activation-lens: [^\n]+\n$/);
    }
  });

  it('checks the current folder by default and lists check in --help', () => {
    const r = runCli(['check', '--format', 'json'], { cwd: APP });
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(r.stdout).features[0].key, 'reports');
    assert.match(runCli(['--help']).stdout, /check \[options\] \[dir\]/);
  });
});

describe('the demo workspace (npm run demo)', () => {
  it('shows one complete feature among several, and its designed gaps', () => {
    const r = runCli(['check', path.join(REPO, 'examples', 'demo-shop'), '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const missing = Object.fromEntries(
      json.features.map((f: { key: string; missing: string[] }) => [f.key, f.missing]),
    );
    assert.deepEqual(missing, {
      'ai-search': [],
      'ai-serach': ['value'],
      'bulk-export': ['value'],
      'checkout-v2': [],
      'onboarding-tour': ['discovery'],
      'team-invites': ['value'],
    });
    const sdks = new Set(
      json.features.flatMap((f: { entryPoints: { sdk: string }[] }) => f.entryPoints.map((e) => e.sdk)),
    );
    assert.ok(sdks.size >= 3);
    const rules = new Set(json.diagnostics.map((d: { rule: string }) => d.rule));
    for (const rule of [
      'missing-value',
      'missing-discovery',
      'planned-event-not-instrumented',
      'event-naming',
      'unknown-flag',
      'unresolved-event-name',
    ])
      assert.ok(rules.has(rule), rule);
    const invites = json.features.find((f: { key: string }) => f.key === 'team-invites');
    assert.deepEqual(
      invites.milestones.activation.map((l: { event: string; via: string; through: { name: string }[] }) => [
        l.event,
        l.via,
        l.through.map((t) => t.name),
      ]),
      [['team_invite_link_copied', 'gated-branch', ['InviteLinkButton']]],
    );
  });
});
