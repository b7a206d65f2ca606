import { strict as assert } from 'node:assert';
import { featuresOfEntryPoint, linksOfCall } from '../../../server/src/core/features/query';
import { checkSources, diagnostics, feature, link, links } from '../../helpers/check';

const GROWTHBOOK = `import { useFeatureIsOn } from '@growthbook/growthbook-react';\nimport posthog from 'posthog-js';\n`;

describe('feature linking: every `via`', () => {
  it('plan: the plan lists the event under the feature, wherever the call is', () => {
    const r = checkSources({
      'activation-lens.yaml': `features:\n  reports:\n    discovery: [reports_opened]\n    activation: report_exported\n`,
      'src/elsewhere.ts': `import posthog from 'posthog-js';\nposthog.capture('reports_opened');\nposthog.capture('report_exported');\n`,
    });
    assert.deepEqual(links(r, 'reports'), {
      reports_opened: 'discovery plan',
      report_exported: 'activation plan',
    });
    assert.equal(link(r, 'reports', 'report_exported').milestoneFrom, 'plan');
    assert.match(link(r, 'reports', 'reports_opened').reason, /plan lists it as reports's discovery event/);
  });

  it("plan: a call in one of the feature's `files` globs, with the milestone from its verb", () => {
    const r = checkSources({
      'activation-lens.yaml': `features:\n  reports:\n    files: ['src/reports/**']\n`,
      'src/reports/list.ts': `import posthog from 'posthog-js';\nposthog.capture('list_viewed');\n`,
      'src/other.ts': `import posthog from 'posthog-js';\nposthog.capture('other_viewed');\n`,
    });
    assert.deepEqual(links(r, 'reports'), { list_viewed: 'discovery plan' });
    assert.match(link(r, 'reports', 'list_viewed').reason, /one of reports's files \(src\/reports\/\*\*\)/);
  });

  it('gated-branch: inside if-branches, else-branches, ternaries, && and || operands, switch cases', () => {
    const r = checkSources({
      'src/a.tsx': `${GROWTHBOOK}
export function A({ x }) {
  const on = useFeatureIsOn('inline-edit');
  if (on) { posthog.capture('if_viewed'); } else { posthog.capture('not_gated_else'); }
  if (!on) { posthog.capture('not_gated_negated'); } else { posthog.capture('else_started'); }
  const label = on ? posthog.capture('ternary_clicked') : 'off';
  x && on && posthog.capture('and_used');
  !on || posthog.capture('or_completed');
  return <div>{on && <b onClick={() => posthog.capture('jsx_clicked')} />}{on ? null : posthog.capture('not_gated_jsx')}</div>;
}`,
    });
    const l = links(r, 'inline-edit');
    assert.deepEqual(Object.fromEntries(Object.entries(l).filter(([, v]) => v.endsWith('gated-branch'))), {
      if_viewed: 'discovery gated-branch',
      else_started: 'activation gated-branch',
      ternary_clicked: 'activation gated-branch',
      and_used: 'activation gated-branch',
      or_completed: 'value gated-branch',
      jsx_clicked: 'activation gated-branch',
    });
    // The off branches are still in the same function, after the check: weaker evidence.
    assert.equal(l.not_gated_else, 'activation same-function');
    assert.equal(l.not_gated_negated, 'activation same-function');
  });

  it('gated-branch: the rest of the function after an early return on the flag being off', () => {
    const r = checkSources({
      'src/b.tsx': `import { useGate } from 'statsig-react';
import posthog from 'posthog-js';
export function B() {
  const { value: enabled } = useGate('new_nav');
  posthog.capture('before_guard_viewed');
  if (!enabled) {
    return null;
  }
  posthog.capture('nav_viewed');
  return <nav />;
}`,
    });
    assert.equal(link(r, 'new_nav', 'nav_viewed').via, 'gated-branch');
    assert.match(
      link(r, 'new_nav', 'nav_viewed').reason,
      /after the early return on the new_nav check at src\/b\.tsx:4/,
    );
    assert.equal(link(r, 'new_nav', 'before_guard_viewed').via, 'same-function');
  });

  it('gated-branch: flag values through await, .value/.on/.off, destructuring, comparisons with variants', () => {
    const r = checkSources({
      'src/c.ts': `import { OpenFeature } from '@openfeature/server-sdk';
import { useFeature } from '@growthbook/growthbook-react';
import posthog from 'posthog-js';
const client = OpenFeature.getClient();
export async function run() {
  const enabled = await client.getBooleanValue('bulk-export', false);
  if (enabled === true) posthog.capture('await_clicked');
  const variant = await client.getStringValue('pricing-page', 'control');
  if (variant === 'control') posthog.capture('control_clicked');
  if (variant !== 'control') posthog.capture('treatment_clicked');
  switch (variant) {
    case 'annual-first':
      posthog.capture('case_clicked');
      break;
    case 'control':
      posthog.capture('case_control_clicked');
  }
}
export function Hook() {
  const { off } = useFeature('dark-mode');
  if (off) return null;
  posthog.capture('off_guard_clicked');
}`,
    });
    assert.equal(link(r, 'bulk-export', 'await_clicked').via, 'gated-branch');
    assert.equal(link(r, 'pricing-page', 'treatment_clicked').via, 'gated-branch');
    assert.equal(link(r, 'pricing-page', 'case_clicked').via, 'gated-branch');
    assert.equal(link(r, 'pricing-page', 'control_clicked').via, 'same-function');
    assert.equal(link(r, 'pricing-page', 'case_control_clicked').via, 'same-function');
    assert.equal(link(r, 'dark-mode', 'off_guard_clicked').via, 'gated-branch');
  });

  it('gated-branch: code annotated `@feature`, and a whole file annotated before its imports', () => {
    const r = checkSources({
      'src/d.ts': `import posthog from 'posthog-js';
// @feature saved-carts
export function saveCart() {
  posthog.capture('cart_saved');
}
export function other() {
  posthog.capture('other_saved');
}`,
      'src/e.ts': `// @feature wishlist\nimport posthog from 'posthog-js';\nexport const f = () => posthog.capture('wish_created');\n`,
    });
    assert.deepEqual(links(r, 'saved-carts'), { cart_saved: 'value gated-branch' });
    assert.match(link(r, 'saved-carts', 'cart_saved').reason, /annotated @feature saved-carts/);
    assert.deepEqual(links(r, 'wishlist'), { wish_created: 'activation gated-branch' });
  });

  it('same-function: in the function that checks the flag, after the check', () => {
    const r = checkSources({
      'src/f.tsx': `${GROWTHBOOK}
export function Panel() {
  posthog.capture('too_early_viewed');
  const on = useFeatureIsOn('side-panel');
  const onClick = () => posthog.capture('handler_clicked');
  return <button onClick={onClick} />;
}`,
    });
    assert.deepEqual(links(r, 'side-panel'), { handler_clicked: 'activation same-function' });
    assert.match(
      link(r, 'side-panel', 'handler_clicked').reason,
      /in Panel, after the side-panel check at src\/f\.tsx:6/,
    );
  });

  it("name: the event name contains the feature key's words (verb first or last, singular or plural)", () => {
    const r = checkSources({
      'src/g.ts': `import { isEnabled } from 'unleash-client';
import posthog from 'posthog-js';
export const check = () => isEnabled('team-invites-v2');
posthog.capture('Team Invite Sent');
posthog.capture('Create Team Invites');
posthog.capture('invites_team_sent');`,
    });
    assert.deepEqual(links(r, 'team-invites-v2'), {
      'Team Invite Sent': 'activation name',
      'Create Team Invites': 'activation name',
    });
    assert.equal(link(r, 'team-invites-v2', 'Team Invite Sent').milestoneFrom, 'default');
    assert.equal(link(r, 'team-invites-v2', 'Create Team Invites').verb, 'create');
  });

  it("property: the call's properties carry feature: '<key>'", () => {
    const r = checkSources({
      'src/h.ts': `import { isEnabled } from 'unleash-client';
import { track } from '@/lib/track';
import analytics from '@segment/analytics-node';
export const check = () => isEnabled('smart-reply');
analytics.track({ userId: 'u', event: 'Suggestion Accepted', properties: { feature: 'smart-reply' } });
analytics.track('Reply Sent', { featureKey: 'smart-reply' });
analytics.track('Reply Sent Elsewhere', { feature: 'other' });`,
    });
    assert.deepEqual(links(r, 'smart-reply'), {
      'Suggestion Accepted': 'activation property',
      'Reply Sent': 'activation property',
    });
    assert.match(link(r, 'smart-reply', 'Reply Sent').reason, /featureKey: 'smart-reply'/);
  });

  it('exposure: SDKs that log an exposure on the check satisfy discovery, unless the plan says otherwise', () => {
    const sources = {
      'src/i.ts': `import posthog from 'posthog-js';
import { useFeatureIsOn } from '@growthbook/growthbook-react';
export const a = () => posthog.isFeatureEnabled('ai-search');
export const b = () => useFeatureIsOn('gb-feature');
export const c = () => posthog.isFeatureEnabled('explicit');`,
    };
    const zero = checkSources(sources);
    assert.deepEqual(links(zero, 'ai-search'), { $feature_flag_called: 'discovery exposure' });
    assert.deepEqual(feature(zero, 'gb-feature').milestones.discovery, []);
    const planned = checkSources({
      ...sources,
      'activation-lens.yaml': `features:
  ai-search: { exposure: false }
  gb-feature: { exposure: true }
  explicit: { discovery: [explicit_viewed] }
`,
    });
    assert.deepEqual(feature(planned, 'ai-search').milestones.discovery, []);
    assert.equal(link(planned, 'gb-feature', 'exposure:gb-feature').via, 'exposure');
    // The plan names the discovery event: the exposure does not stand in for it.
    assert.deepEqual(feature(planned, 'explicit').missing, ['discovery', 'activation', 'value']);
  });
});

describe('feature linking: milestones', () => {
  it('come from the plan, then from the verb (first or last word), else count as activation and say so', () => {
    const r = checkSources({
      'activation-lens.yaml': `features:\n  exports:\n    value: [Export Report]\n`,
      'src/j.tsx': `${GROWTHBOOK}
export function J() {
  if (!useFeatureIsOn('exports')) return null;
  posthog.capture('Export Report');
  posthog.capture('report_shown');
  posthog.capture('Publish Report');
  posthog.capture('report_tweaked');
}`,
    });
    assert.deepEqual(links(r, 'exports'), {
      'Export Report': 'value plan',
      report_shown: 'discovery gated-branch',
      report_tweaked: 'activation gated-branch',
    });
    assert.equal(link(r, 'exports', 'report_tweaked').milestoneFrom, 'default');
    // The plan declares the value events: an inferred value event is shown but does not count.
    const other = feature(r, 'exports').otherEvents;
    assert.deepEqual(
      other.map((l) => [l.event, l.milestone, l.verb]),
      [['Publish Report', 'value', 'publish']],
    );
  });

  it('a page or screen view linked to a feature counts as discovery', () => {
    const r = checkSources({
      'src/k.ts': `import analytics from '@segment/analytics-node';
import { isEnabled } from 'unleash-client';
if (isEnabled('help-center')) analytics.page('Help Center');`,
    });
    assert.deepEqual(links(r, 'help-center'), { 'Help Center': 'discovery gated-branch' });
    assert.equal(link(r, 'help-center', 'Help Center').milestoneFrom, 'page');
  });
});

describe('feature linking: traps', () => {
  it('an event fired in a child component rendered only inside the gated branch belongs to the feature', () => {
    const r = checkSources({
      'src/Page.tsx': `${GROWTHBOOK}
import { ExportPanel } from './ExportPanel';
import Toolbar from './Toolbar';
export function Page() {
  const on = useFeatureIsOn('bulk-export');
  return <main>{on && <ExportPanel />}<Toolbar /></main>;
}`,
      // No SDK call here: the scan skips the file, the gating pass reads it.
      'src/ExportPanel.tsx': `import { ExportButton } from './ExportButton';\nexport function ExportPanel() { return <section><ExportButton /></section>; }\n`,
      'src/ExportButton.tsx': `import posthog from 'posthog-js';\nexport const ExportButton = () => <button onClick={() => posthog.capture('export_clicked')} />;\n`,
      'src/Toolbar.tsx': `import posthog from 'posthog-js';\nexport default function Toolbar() { posthog.capture('toolbar_viewed'); return null; }\n`,
    });
    assert.deepEqual(links(r, 'bulk-export'), { export_clicked: 'activation gated-branch' });
    const l = link(r, 'bulk-export', 'export_clicked');
    assert.deepEqual(
      l.through?.map((t) => `${t.name} ${t.file}:${t.span.start.line}`),
      ['ExportPanel src/Page.tsx:8', 'ExportButton src/ExportPanel.tsx:2'],
    );
    assert.match(
      l.reason,
      /ExportPanel \(src\/Page\.tsx:8\) → ExportButton \(src\/ExportPanel\.tsx:2\), used only from the branch gated by the bulk-export check/,
    );
  });

  it('a component also rendered outside the gated code (outside tests and stories) is not the feature’s', () => {
    const r = checkSources({
      'src/Page.tsx': `${GROWTHBOOK}
import { Button } from './Button';
export function Page() {
  if (!useFeatureIsOn('bulk-export')) return <Button />;
  return <Button />;
}`,
      'src/Other.tsx': `import { Button as B } from './Button';\nexport const Other = () => <B />;\n`,
      'src/Button.tsx': `import posthog from 'posthog-js';\nexport function Button() { return <button onClick={() => posthog.capture('button_clicked')} />; }\n`,
      'src/Only.tsx': `${GROWTHBOOK}
import { Gated } from './Gated';
export function Only() {
  if (!useFeatureIsOn('gated-only')) return null;
  return <Gated />;
}`,
      'src/Gated.tsx': `import posthog from 'posthog-js';\nexport function Gated() { posthog.capture('gated_opened'); return null; }\n`,
      'src/Gated.test.tsx': `import { Gated } from './Gated';\nrender(<Gated />);\n`,
      'src/Gated.stories.tsx': `import { Gated } from './Gated';\nexport const Story = () => <Gated />;\n`,
    });
    assert.deepEqual(links(r, 'bulk-export'), {});
    assert.deepEqual(links(r, 'gated-only'), { gated_opened: 'discovery gated-branch' });
  });

  it('the same event serves two features: both are linked', () => {
    const r = checkSources({
      'activation-lens.yaml': `features:
  checkout-v2:
    value: [order_completed]
  one-click:
    value: [order_completed]
`,
      'src/pay.ts': `import analytics from '@segment/analytics-node';\nexport const pay = () => analytics.track('order_completed');\n`,
      'src/gated.tsx': `${GROWTHBOOK}
export function G() {
  if (useFeatureIsOn('express-pay')) posthog.capture('payment_started');
  if (useFeatureIsOn('apple-pay')) posthog.capture('payment_started');
}`,
    });
    assert.equal(link(r, 'checkout-v2', 'order_completed').via, 'plan');
    assert.equal(link(r, 'one-click', 'order_completed').via, 'plan');
    assert.equal(link(r, 'express-pay', 'payment_started').via, 'gated-branch');
    assert.equal(link(r, 'apple-pay', 'payment_started').via, 'gated-branch');
    assert.deepEqual(feature(r, 'checkout-v2').missing, ['discovery', 'activation']);
  });

  it('nested gates: the innermost check owns the event', () => {
    const r = checkSources({
      'src/n.tsx': `${GROWTHBOOK}
export function N() {
  if (!useFeatureIsOn('new-editor')) return null;
  posthog.capture('editor_opened');
  if (useFeatureIsOn('ai-assist')) posthog.capture('assist_used');
}`,
    });
    assert.deepEqual(links(r, 'new-editor'), { editor_opened: 'discovery gated-branch' });
    assert.deepEqual(links(r, 'ai-assist'), { assist_used: 'activation gated-branch' });
  });

  it('a feature whose only events are in a commented-out block has none', () => {
    const r = checkSources({
      'src/c.tsx': `${GROWTHBOOK}
export function C() {
  if (!useFeatureIsOn('dark-mode')) return null;
  // posthog.capture('dark_mode_viewed');
  /*
  posthog.capture('dark_mode_enabled');
  posthog.capture('dark_mode_saved');
  */
  return null;
}`,
    });
    assert.deepEqual(links(r, 'dark-mode'), {});
    assert.deepEqual(feature(r, 'dark-mode').missing, ['discovery', 'activation', 'value']);
    assert.deepEqual(diagnostics(r, 'missing-value'), ['missing-value src/c.tsx:5:8']);
  });

  it('decoy calls in template strings and string literals are not tracking calls', () => {
    const r = checkSources({
      'src/docs.tsx': `${GROWTHBOOK}
export function Docs() {
  if (!useFeatureIsOn('snippets')) return null;
  const example = \`posthog.capture('snippets_viewed')\`;
  const other = "posthog.capture('snippets_used')";
  return <pre>{example}{other}{"posthog.capture('snippets_completed')"}</pre>;
}`,
    });
    assert.deepEqual(links(r, 'snippets'), {});
    assert.equal(r.trackingCalls.length, 0);
  });

  it('a dynamic event name never satisfies a milestone, even inside the gated code', () => {
    const r = checkSources({
      'src/u.tsx': `${GROWTHBOOK}
export function U() {
  const kind = pickKind();
  if (!useFeatureIsOn('invites')) return null;
  posthog.capture(\`invite_\${kind}_completed\`);
}`,
    });
    assert.deepEqual(links(r, 'invites'), {});
    assert.deepEqual(
      feature(r, 'invites').unresolved.map((u) => u.expression),
      ['`invite_${kind}_completed`'],
    );
    assert.match(
      r.diagnostics.find((d) => d.rule === 'missing-value')!.message,
      /1 tracking call in its code has a dynamic name/,
    );
  });
});

describe('feature model lookups (for hovers and lenses)', () => {
  it('finds what a tracking call serves and which features a check enters', () => {
    const source = `import { useFeatureIsOn } from '@growthbook/growthbook-react';
import posthog from 'posthog-js';
export function P() {
  if (!useFeatureIsOn('exports')) return null;
  posthog.capture('export_clicked');
}`;
    const r = checkSources({
      'activation-lens.yaml': `features:\n  exports:\n    activation: [export_started]\n  other:\n    activation: [export_clicked]\n`,
      'src/p.tsx': source,
    });
    const offset = source.indexOf("posthog.capture('export_clicked')");
    assert.deepEqual(
      linksOfCall(r.features, 'src/p.tsx', offset).map((c) => [
        c.feature,
        c.link.milestone,
        c.link.via,
        c.counts,
      ]),
      [
        ['exports', 'activation', 'gated-branch', false],
        ['other', 'activation', 'plan', true],
      ],
    );
    assert.deepEqual(
      featuresOfEntryPoint(r.features, 'src/p.tsx', source.indexOf('useFeatureIsOn(')).map((f) => f.key),
      ['exports'],
    );
  });
});
