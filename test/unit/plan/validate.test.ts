import { strict as assert } from 'node:assert';
import { parsePlan } from '../../../server/src/core/plan/parse';
import { planProblems } from '../../../server/src/core/plan/validate';
import { checkSources, diagnostics, feature } from '../../helpers/check';

/** `line:column message` of each problem. */
function problems(text: string): string[] {
  return planProblems(parsePlan(text, 'activation-lens.yaml')).map(
    (p) => `${p.line}:${p.column} ${p.message}`,
  );
}

describe('plan validation (JSON Schema)', () => {
  it('requires a flag entry to name a callee or a flag object, not both', () => {
    assert.deepEqual(problems('sdks:\n  flags:\n    - { object: uiConfig.flags, autoExposure: true }\n'), []);
    assert.equal(problems('sdks:\n  flags:\n    - { autoExposure: true }\n').length > 0, true);
    assert.equal(problems('sdks:\n  flags:\n    - { callee: useX, object: flags }\n').length > 0, true);
  });

  it('accepts an empty plan, a complete plan and the demo plan', () => {
    assert.deepEqual(problems(''), []);
    assert.deepEqual(problems('# only a comment\n'), []);
    assert.deepEqual(
      problems(`$schema: ../schemas/activation-lens.schema.json
conventions: { eventCase: Title Case, objectAction: true }
strictEvents: true
events: [Signed Up]
sdks:
  tracking:
    - { callee: trackEvent, module: src/lib/analytics }
    - { callee: tracker.send, argument: 1, property: name }
  flags:
    - { callee: useUiFlag, autoExposure: false }
    - { object: workspace.settings.toggles }
rules:
  unresolved-event-name: off
  event-naming: error
features:
  checkout-v2:
    description: The new checkout
    flag: [checkout-v2, checkout_v2]
    files: src/checkout/**
    discovery: Checkout Viewed
    activation: [Checkout Started]
    value: [Order Completed]
    exposure: false
    targets: { activationRate: 40%, adoptionRate: 0.25, sttvP50: 10m, ittvP90: 1h30m, ttbvP50: 3600, rptu: 12.5 }
kpis:
  source: duckdb
  events: [events/*.ndjson]
  userKey: user_id
  windows: { activation: 7d, sttv: 2w, analysis: 90d }
  trialStartEvent: Trial Started
  revenueProperty: amount
  clickhouse: { url: 'http://127.0.0.1:8123' }
`),
      [],
    );
  });

  it('reports unknown keys at the key, with a did-you-mean for typos', () => {
    assert.deepEqual(
      problems(`strictEvent: true
features:
  a:
    activaton: [x]
    color: red
kpis:
  windows: { sttv: 14d, weekly: 7d }
`),
      [
        '1:1 unknown key "strictEvent": did you mean "strictEvents"?',
        '4:5 unknown key "activaton" in features.a: did you mean "activation"?',
        '5:5 unknown key "color" in features.a (allowed: description, flag, files, discovery, activation, value, exposure, targets)',
        '7:25 unknown key "weekly" in kpis.windows (allowed: activation, ittv, sttv, ttbv, adoption, rptu, analysis)',
      ],
    );
  });

  it('reports wrong types and values at the value', () => {
    assert.deepEqual(
      problems(`strictEvents: "yes"
conventions:
  eventCase: snake-case
features:
  a:
    discovery: 42
    targets:
      activationRate: 1.5
      sttvP50: ten minutes
  b: [not, a, mapping]
sdks:
  tracking:
    - module: src/x
rules:
  missing-value: loud
`),
      [
        '1:15 strictEvents must be a boolean, not string "yes"',
        '3:14 conventions.eventCase must be one of snake_case, Title Case, kebab-case, camelCase, not "snake-case": did you mean "snake_case"?',
        '6:16 features.a.discovery must be a string or a list, not number 42',
        '8:23 features.a.targets.activationRate: 1.5 is not valid (a rate: a fraction between 0 and 1 (0.4) or a percentage (40%))',
        '9:16 features.a.targets.sttvP50: "ten minutes" is not valid (a duration: seconds as a number, or a string such as 90s, 10m, 3h, 7d, 2w or 1h30m)',
        '10:6 features.b must be a mapping, not a list',
        '13:7 sdks.tracking[0] needs "callee"',
        '15:18 rules.missing-value must be one of off, hint, info, warning, error, not "loud"',
      ],
    );
  });

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    assert.deepEqual(problems(`features:\n  a:\n    discovery: [x, y\n  b: {}\n`).slice(0, 1), [
      '4:3 Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    assert.match(problems(`strictEvents: true\nstrictEvents: false\n`)[0]!, /^2:1 Map keys must be unique/);
    assert.deepEqual(problems(`- a\n- b\n`), ['1:1 the plan must be a mapping, not a list']);
  });

  it('a malformed plan gives positioned plan-invalid errors and the rest of the plan still applies', () => {
    const r = checkSources({
      'activation-lens.yaml': `features:
  search:
    activation: [search_used]
    value: 7
    colour: blue
conventions:
  eventCase: snake_case
`,
      'src/s.ts': `import posthog from 'posthog-js';\nif (posthog.isFeatureEnabled('search')) posthog.capture('Search Used');\n`,
    });
    assert.deepEqual(diagnostics(r, 'plan-invalid'), [
      'plan-invalid activation-lens.yaml:4:12',
      'plan-invalid activation-lens.yaml:5:5',
    ]);
    const invalid = r.diagnostics.filter((d) => d.rule === 'plan-invalid');
    assert.ok(invalid.every((d) => d.severity === 'error'));
    assert.equal(invalid[0]!.span.end.column, 13);
    // The valid parts still drive the check: the feature, its planned activation event, the convention.
    assert.deepEqual(feature(r, 'search').missing, ['activation', 'value']);
    assert.deepEqual(diagnostics(r, 'planned-event-not-instrumented'), [
      'planned-event-not-instrumented activation-lens.yaml:3:18',
    ]);
    assert.deepEqual(diagnostics(r, 'event-naming'), ['event-naming src/s.ts:2:57']);
  });

  it('broken YAML never stops the check of the source files', () => {
    const r = checkSources({
      'activation-lens.yaml': `features: [\n  : : :\n\t- nope`,
      'src/s.ts': `import posthog from 'posthog-js';\nif (posthog.isFeatureEnabled('search')) posthog.capture('search_used');\n`,
    });
    assert.ok(diagnostics(r, 'plan-invalid').length > 0);
    assert.deepEqual(feature(r, 'search').missing, ['value']);
  });
});
