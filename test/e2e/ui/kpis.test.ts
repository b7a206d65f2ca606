// What a person sees of live KPIs in VS Code (code-server in Chromium), on the demo workspace with its
// generated events: the KPI status bar item, the code lens with the headline KPIs, the feature card
// with its KPI table and trend sparkline (an image in the hover), and the dashboard webview drawing
// its charts. Screenshots go to test-results/ (the README shows them).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import {
  DEMO_WORKSPACE,
  generateDemoEvents,
  openFile,
  openWorkbenchSession,
  RESULTS_DIR,
  runCommand,
  screenshot,
  screenshotFailuresAndClose,
  statusBarItem,
  type WorkbenchSession,
} from '../harness';
import { waitFor } from '../wait';

const LENS = 'checkout-v2 · discovery ✓ · activation ✓ · value ✓ · activation 50% · STTV p50 5h 10m';

describe('VS Code UI: live KPIs on the demo workspace', () => {
  let session: WorkbenchSession;
  let editor: Locator;

  before(async () => {
    generateDemoEvents();
    // The demo's events end on Nov 30: KPIs as of then, the numbers of `npm run demo:kpis`.
    session = await openWorkbenchSession(DEMO_WORKSPACE, {
      settings: { 'activationLens.kpis.asOf': '2026-11-30T00:00:00Z' },
    });
    await statusBarItem(session.page, /Activation Lens: \d+ features?/);
    editor = await openFile(session.page, 'src/checkout/CheckoutPage.tsx');
  });

  screenshotFailuresAndClose(() => session);

  it('says where the KPIs come from and how fresh they are in the status bar', async () => {
    const item = await statusBarItem(session.page, /KPIs (just now|\dm ago)/);
    await item.hover();
    await session.page
      .locator('.monaco-hover, .hover-contents', { hasText: 'duckdb · events/*.ndjson' })
      .first()
      .waitFor();
    await screenshot(session.page, 'kpi-status-bar');
    await session.page.mouse.move(700, 400);
  });

  it('adds the headline KPIs to the code lens', async () => {
    await editor.locator('.view-line', { hasText: 'LegacyCheckout' }).first().click();
    await editor.locator('.codelens-decoration', { hasText: LENS }).first().waitFor();
    await screenshot(session.page, 'kpi-lens');
  });

  it('shows the KPI table and the trend sparkline in the feature card', async () => {
    await editor
      .locator('.view-line', { hasText: 'useFlags()' })
      .locator('span > span', { hasText: 'checkoutV2' })
      .first()
      .hover();
    const hover = session.page.locator('.monaco-hover:not(.hidden)', { hasText: 'Feature checkout-v2' });
    const text = await waitFor('the feature card with its KPIs', async () => {
      const shown = (await hover.count()) > 0 ? await hover.first().innerText() : '';
      return /Activation rate · 7d/.test(shown) ? shown : undefined;
    });
    assert.match(text, /1,244 discovered → 625 activated \(50\.2%\) → 447 valued/);
    assert.match(text, /50\.2% of 1,206 mature users/);
    // The sparkline is an image in the hover, decoded by the browser (it has its size).
    const img = hover.locator('img[src^="data:image/svg+xml"]').first();
    await img.scrollIntoViewIfNeeded();
    const size = await waitFor('the sparkline to be decoded', () =>
      img.evaluate((i) => {
        const { naturalWidth, naturalHeight } = i as unknown as {
          naturalWidth: number;
          naturalHeight: number;
        };
        return naturalWidth > 0 ? [naturalWidth, naturalHeight] : undefined;
      }),
    );
    assert.deepEqual(size, [240, 36]);
    await screenshot(session.page, 'kpi-hover');
    await hover.first().screenshot({ path: path.join(RESULTS_DIR, 'kpi-hover-card.png') });
    await session.page.keyboard.press('Escape');
  });

  it('opens the dashboard, which draws each feature’s charts', async () => {
    await runCommand(session.page, 'Activation Lens: Open Feature Activation Dashboard');
    const frame = session.page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const funnel = frame.locator(
      'section.feature[data-feature="checkout-v2"] svg[aria-label="Funnel of checkout-v2"]',
    );
    await funnel.waitFor({ timeout: 60_000 });
    assert.equal(await funnel.locator('g.funnel-bar rect').count(), 3);
    assert.equal(await frame.locator('section.feature').count(), 6);
    await screenshot(session.page, 'dashboard-vscode');
  });
});
