import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { FeaturesRequest, type FeaturesResult } from '../../server/src/protocol';
import { DemoSession } from './helpers/demo';

describe('language server: diagnostics', () => {
  let s: DemoSession;
  let settings: Record<string, unknown> = {};

  beforeEach(async () => {
    settings = {};
    s = await DemoSession.start({ settings: () => settings });
  });
  afterEach(() => s.stop());

  it('publishes every rule finding with its code, docs link, severity and related locations', async () => {
    const [missing] = await s.waitDiagnostics(
      'src/onboarding/OnboardingTour.tsx',
      (d) => d.length > 0,
      'onboarding diagnostics',
    );
    assert.equal(missing!.code, 'missing-discovery');
    assert.equal(missing!.source, 'activation-lens');
    assert.equal(missing!.severity, DiagnosticSeverity.Warning);
    assert.match(missing!.codeDescription!.href, /docs\/rules\/missing-discovery\.md$/);
    assert.deepEqual(missing!.range.start, { line: 6, character: 13 });
    const related = missing!.relatedInformation!.map((r) => [
      r.location.uri.split('/demo-shop').pop() ?? r.location.uri,
      r.message,
    ]);
    assert.ok(
      related.some(([uri, msg]) => uri!.endsWith('activation-lens.yaml') && /declared here/.test(msg!)),
      JSON.stringify(related),
    );
    assert.ok(
      related.some(
        ([uri, msg]) =>
          uri!.endsWith('OnboardingTour.tsx') && /activation: onboarding_tour_started/.test(msg!),
      ),
    );

    const plan = s
      .diagnostics('activation-lens.yaml')
      .map((d) => d.code)
      .sort();
    assert.deepEqual(plan, [
      'missing-discovery',
      'missing-value',
      'missing-value',
      'planned-event-not-instrumented',
    ]);
    const flag = s.diagnostics('src/search/SearchSuggestions.tsx');
    assert.deepEqual(
      flag.map((d) => d.code),
      ['unknown-flag'],
    );
    assert.match(String(flag[0]!.message), /Did you mean ai-search\?/);
    const hints = s
      .diagnostics('src/team/InviteTeammates.tsx')
      .filter((d) => d.severity === DiagnosticSeverity.Hint);
    assert.deepEqual(
      hints.map((d) => d.code),
      ['unresolved-event-name'],
    );
  });

  it('counts as gaps exactly the missing milestones the Problems panel reports', async () => {
    await s.waitDiagnostics('src/onboarding/OnboardingTour.tsx', (d) => d.length > 0, 'diagnostics');
    const status = s.client.statuses[s.client.statuses.length - 1]!;
    // bulk-export value, onboarding-tour discovery, team-invites value; the misspelt ai-serach flag
    // is an unknown-flag, not a feature with gaps.
    assert.equal(status.gaps, 3);
    const { features }: FeaturesResult = await s.client.connection.sendRequest(FeaturesRequest, {});
    const missing = Object.fromEntries(features.map((f) => [f.key, f.missing]));
    assert.deepEqual(missing['ai-serach'], []);
    assert.deepEqual(missing['onboarding-tour'], ['discovery']);
    assert.equal(
      features.reduce((n, f) => n + f.missing.length, 0),
      status.gaps,
    );
  });

  it('updates an entry point when the file holding its events changes (cross-file)', async () => {
    await s.waitDiagnostics('src/team/InviteTeammates.tsx', (d) => d.length > 0, 'team diagnostics');
    const before = s.diagnostics('src/team/InviteTeammates.tsx').map((d) => d.code);
    assert.ok(!before.includes('missing-activation'));
    // The activation event lives in a child component in another file: remove it there.
    const child = await s.open('src/team/InviteLinkButton.tsx');
    await s.client.change(child, [
      { text: s.read('src/team/InviteLinkButton.tsx').replace("trackEvent('team_invite_link_copied');", '') },
    ]);
    await s.waitDiagnostics(
      'src/team/InviteTeammates.tsx',
      (d) => d.some((x) => x.code === 'missing-activation'),
      'missing-activation on the entry point',
    );
    // …and put it back: the finding goes away again.
    await s.client.change(child, [
      {
        text: s
          .read('src/team/InviteLinkButton.tsx')
          .replace('\n  };', "\n    trackEvent('team_invite_link_copied');\n  };"),
      },
    ]);
    await s.waitDiagnostics(
      'src/team/InviteTeammates.tsx',
      (d) => !d.some((x) => x.code === 'missing-activation'),
      'the finding to clear',
    );
  });

  it('takes rule severities from settings per resource, and drops rules set to off', async () => {
    await s.waitDiagnostics('src/reports/BulkExport.tsx', (d) => d.length > 0, 'bulk export diagnostics');
    settings = { rules: { 'missing-value': 'error', 'unknown-flag': 'off' } };
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const [d] = await s.waitDiagnostics(
      'src/reports/BulkExport.tsx',
      (ds) => ds[0]?.severity === DiagnosticSeverity.Error,
      'an error severity',
    );
    assert.equal(d!.code, 'missing-value');
    await s.waitDiagnostics(
      'src/search/SearchSuggestions.tsx',
      (ds) => ds.length === 0,
      'unknown-flag to be off',
    );
  });

  it('reports a malformed plan with positions and keeps analysing with what is valid', async () => {
    const plan = await s.open('activation-lens.yaml');
    const broken = s
      .read('activation-lens.yaml')
      .replace('conventions:\n  eventCase: snake_case', 'conventions:\n  eventCase: shouting\n  bogus: [1');
    await s.client.change(plan, [{ text: broken }]);
    const ds = await s.waitDiagnostics(
      'activation-lens.yaml',
      (d) => d.some((x) => x.code === 'plan-invalid'),
      'plan-invalid',
    );
    const invalid = ds.filter((d) => d.code === 'plan-invalid');
    assert.ok(invalid.every((d) => d.range.start.line >= 0));
    assert.ok(
      invalid.some((d) => d.range.start.line === 5 || d.range.start.line === 6),
      JSON.stringify(invalid.map((d) => d.range)),
    );
    // The rest of the analysis still runs.
    assert.ok(s.diagnostics('src/onboarding/OnboardingTour.tsx').some((d) => d.code === 'missing-discovery'));
    const ready = s.client.statuses[s.client.statuses.length - 1]!;
    assert.ok(ready.features >= 5);
  });

  it('keeps serving through a syntax error mid-edit and recovers when it is fixed', async () => {
    const uri = await s.open('src/onboarding/OnboardingTour.tsx');
    const text = s.read('src/onboarding/OnboardingTour.tsx');
    await s.client.change(uri, [{ text: text.replace('return (', 'return ((') }]);
    const since = s.client.statuses.length;
    await s.client.waitReady(since);
    assert.ok((await s.hover('src/checkout/CheckoutPage.tsx', 7, 12)).includes('checkout-v2'));
    await s.client.change(uri, [{ text }]);
    await s.waitDiagnostics(
      'src/onboarding/OnboardingTour.tsx',
      (d) => d.some((x) => x.code === 'missing-discovery'),
      'the finding back',
    );
  });
});
