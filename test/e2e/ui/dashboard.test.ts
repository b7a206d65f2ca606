// The KPI dashboard webview in headless Chromium: its real HTML (client/src/dashboard/html.ts) with
// the real bundles (dist/dashboard.js, dist/dashboard-style.css) and fixture data computed from the
// demo's events, served from loopback under the same CSP as in VS Code. Asserts on what is drawn
// (Observable Plot's SVG), that nothing breaks the CSP, that colours follow the editor theme and that
// new data sent by message is drawn; saves screenshots.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { dashboardHtml } from '../../../client/src/dashboard/html';
import type { DashboardData } from '../../../server/src/protocol';
import { launchChromium, RESULTS_DIR } from '../harness';
import { REPO, requireFile } from '../harness/paths';

const DATA = JSON.parse(
  fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'dashboard', 'demo.json'), 'utf8'),
) as DashboardData;
const DIST = path.join(REPO, 'dist');

/**
 * What the page functions below use of the browser. They run in the page, where `globalThis` is the
 * window; this project's tsconfig has no DOM library, so they name it through this type.
 */
interface Page$ {
  document: {
    body: { classList: { add(c: string): void; remove(c: string): void } };
    documentElement: { style: { setProperty(k: string, v: string): void; removeProperty(k: string): void } };
    addEventListener(
      type: string,
      listener: (e: { violatedDirective: string; blockedURI: string }) => void,
    ): void;
  };
  getComputedStyle(element: unknown): { fill: string; backgroundColor: string };
  postMessage(message: unknown, targetOrigin: string): void;
  reportViolation(text: string): void;
}

/** Serves the page and the two bundles, as the webview's resource origin would. */
function serve(html: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = { '/dashboard.js': 'dashboard.js', '/dashboard-style.css': 'dashboard-style.css' }[
      req.url ?? ''
    ];
    if (file) {
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' });
      res.end(fs.readFileSync(path.join(DIST, file)));
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(html());
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

describe('KPI dashboard webview (Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let site: { url: string; close(): Promise<void> };
  const violations: string[] = [];
  const errors: string[] = [];

  before(async () => {
    requireFile(path.join(DIST, 'dashboard.js'), 'npm run build');
    let origin = '';
    site = await serve(() =>
      dashboardHtml({
        cspSource: origin,
        nonce: 'dGVzdC1ub25jZQ==',
        scriptUri: `${origin}/dashboard.js`,
        styleUri: `${origin}/dashboard-style.css`,
        data: DATA,
      }),
    );
    origin = site.url;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      const w = globalThis as unknown as Page$;
      w.document.addEventListener('securitypolicyviolation', (e) =>
        w.reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(site.url);
    await page.locator('section.feature[data-feature="checkout-v2"] svg').first().waitFor();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const feature = (key: string) => page.locator(`section.feature[data-feature="${key}"]`);

  it('draws one section per feature, with the source and freshness of the data', async () => {
    const keys = await page
      .locator('section.feature')
      .evaluateAll((s) => s.map((e) => e.getAttribute('data-feature')));
    assert.deepEqual(
      keys,
      DATA.scopes[0]!.features.map((f) => f.key),
    );
    const meta = await page.locator('.scope-header .meta').innerText();
    assert.match(
      meta,
      /demo-shop · activation-lens\.yaml · duckdb · events\/\*\.ndjson · as of 2026-11-30 00:00 UTC/,
    );
    assert.equal(await page.locator('.stale').count(), 0);
  });

  it('draws the funnel with the conversion of each step', async () => {
    const f = DATA.scopes[0]!.features.find((x) => x.key === 'checkout-v2')!;
    const bars = feature('checkout-v2').locator('svg[aria-label="Funnel of checkout-v2"] g.funnel-bar rect');
    assert.equal(await bars.count(), 3);
    const labels = await bars.evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label')));
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
    const n = (x: number) => x.toLocaleString('en-US');
    assert.deepEqual(labels, [
      `discovered: ${n(f.kpis.discovered)}`,
      `activated: ${n(f.kpis.activated)} · ${pct(f.kpis.activated, f.kpis.discovered)} of previous step`,
      `valued: ${n(f.kpis.valued)} · ${pct(f.kpis.valued, f.kpis.activated)} of previous step`,
    ]);
    // Bar lengths follow the counts.
    const widths = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    assert.ok(widths[0]! > widths[1]! && widths[1]! > widths[2]! && widths[2]! > 0, String(widths));
    assert.ok(Math.abs(widths[1]! / widths[0]! - f.kpis.activated / f.kpis.discovered) < 0.01);
  });

  it('draws the time-to-value histograms, bins past the p50 target apart', async () => {
    const f = DATA.scopes[0]!.features.find((x) => x.key === 'checkout-v2')!;
    const chart = feature('checkout-v2').locator('svg[aria-label="STTV distribution of checkout-v2"]');
    const bars = chart.locator('g.ttv-bar rect');
    // A bar for every bin up to the window (empty bins are bars of no height).
    assert.equal(await bars.count(), f.sttvHistogram.length);
    const target = f.targets.find((t) => t.label === 'STTV p50')!;
    const over = await bars.evaluateAll(
      (rects) => rects.filter((r) => r.getAttribute('aria-label')!.endsWith('(over target)')).length,
    );
    assert.equal(over, f.sttvHistogram.filter((b) => b.lo >= target.target).length);
    assert.ok(over > 0);
    const fills = new Set(
      await bars.evaluateAll((rects) =>
        rects.map((r) => (globalThis as unknown as Page$).getComputedStyle(r).fill),
      ),
    );
    assert.equal(fills.size, 2, 'two colours: within and over the target');
    assert.equal(
      await feature('checkout-v2')
        .locator('svg[aria-label="ITTV distribution of checkout-v2"] g.ttv-bar rect')
        .count(),
      f.ittvHistogram.length,
    );
  });

  it('draws the daily trend, the RPTU lift and the targets', async () => {
    const f = DATA.scopes[0]!.features.find((x) => x.key === 'checkout-v2')!;
    const section = feature('checkout-v2');
    assert.equal(await section.locator('svg[aria-label^="Daily discoveries"] g.trend-line path').count(), 2);
    const rptu = await section
      .locator('svg[aria-label="Revenue per trial user of checkout-v2"] g.rptu-bar rect')
      .evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label')));
    assert.deepEqual(rptu, [
      `activated: ${f.kpis.rptu.activated!.toFixed(2)} over ${f.kpis.rptu.activatedTrialUsers} trial users`,
      `not activated: ${f.kpis.rptu.notActivated!.toFixed(2)} over ${f.kpis.rptu.notActivatedTrialUsers} trial users`,
    ]);
    const lift = f.kpis.rptu.lift!;
    assert.match(
      await section.locator('figcaption', { hasText: 'Revenue per trial user' }).innerText(),
      new RegExp(`lift \\${lift >= 0 ? '+' : '-'}${Math.abs(lift).toFixed(2)}`),
    );
    const rows = await section
      .locator('table.targets tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(
      rows,
      f.targets.map((t) => [t.met === false ? '✗' : t.met ? '✓' : '·', t.label, t.actualText, t.targetText]),
    );
    assert.match(await section.locator('h2 .badge').innerText(), /target.* missed|targets met/);
    // A feature with nothing to measure from says so instead of drawing empty charts.
    assert.match(await feature('onboarding-tour').innerText(), /nothing to measure from/);
    assert.equal(await feature('onboarding-tour').locator('svg').count(), 0);
  });

  it('takes its colours from the editor theme', async () => {
    const bar = feature('checkout-v2').locator('g.funnel-bar rect').first();
    // What VS Code's Dark Modern theme gives a webview.
    const dark = {
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-textLink-foreground': '#4daafc',
    };
    await page.evaluate((vars) => {
      const { document } = globalThis as unknown as Page$;
      document.body.classList.add('vscode-dark');
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    }, dark);
    assert.equal(
      await bar.evaluate((r) => (globalThis as unknown as Page$).getComputedStyle(r).fill),
      'rgb(55, 148, 255)',
    );
    assert.equal(
      await page.evaluate(() => {
        const w = globalThis as unknown as Page$;
        return w.getComputedStyle(w.document.body).backgroundColor;
      }),
      'rgb(31, 31, 31)',
    );
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await feature('checkout-v2').screenshot({ path: path.join(RESULTS_DIR, 'dashboard-dark.png') });
    await page.evaluate((vars) => {
      const { document } = globalThis as unknown as Page$;
      document.body.classList.remove('vscode-dark');
      for (const k of Object.keys(vars)) document.documentElement.style.removeProperty(k);
    }, dark);
    // Outside VS Code: the light theme's colours.
    assert.equal(
      await bar.evaluate((r) => (globalThis as unknown as Page$).getComputedStyle(r).fill),
      'rgb(26, 133, 255)',
    );
    await feature('checkout-v2').screenshot({ path: path.join(RESULTS_DIR, 'dashboard.png') });
  });

  it('draws new data sent by message, with a stale banner when the source failed', async () => {
    const next: DashboardData = structuredClone(DATA);
    const scope = next.scopes[0]!;
    scope.stale = true;
    scope.error = 'no event files match events/*.ndjson';
    scope.features = scope.features.filter((f) => f.key === 'checkout-v2');
    scope.features[0]!.kpis.discovered += 100;
    await page.evaluate(
      (data) => (globalThis as unknown as Page$).postMessage({ type: 'data', data }, '*'),
      next,
    );
    await page.locator('.stale', { hasText: 'no event files match' }).waitFor();
    assert.equal(await page.locator('section.feature').count(), 1);
    const first = await feature('checkout-v2')
      .locator('g.funnel-bar rect')
      .first()
      .getAttribute('aria-label');
    assert.equal(first, `discovered: ${scope.features[0]!.kpis.discovered.toLocaleString('en-US')}`);
  });

  it('ran under the CSP without a violation or a script error', () => {
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });
});
