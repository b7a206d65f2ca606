// The dashboard webview's script: renders the KPI data the extension sends (first from the page's
// JSON data element, then by messages) as one section per feature: headline figures, funnel, daily
// trend, time-to-value histograms, RPTU lift and targets. Runs in the webview (a browser), under a
// CSP that allows only this script and the dashboard's stylesheet.
import type { DashboardData, DashboardFeature, DashboardScope } from '../../../../server/src/protocol';
import { funnelChart, histogramChart, rptuChart, trendChart } from './charts';
import { DATA_ELEMENT_ID, type FromWebview, type ToWebview } from './messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Outside VS Code (the tests open the page in a plain browser) messages go nowhere. */
const vscode: VsCodeApi =
  typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : { postMessage: () => undefined };

let current: DashboardData | undefined;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function ago(iso: string): string {
  const s = (Date.now() - Date.parse(iso)) / 1000;
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function scopeHeader(scope: DashboardScope): HTMLElement {
  const meta = [
    `${scope.folderName} · ${scope.planFile}`,
    scope.source,
    `as of ${minute(scope.asOf)}`,
    `computed ${ago(scope.computedAt)}`,
  ];
  if (scope.latestEvent) meta.push(`newest event ${minute(scope.latestEvent)}`);
  const header = el('header', { class: 'scope-header' }, el('p', { class: 'meta' }, meta.join(' · ')));
  if (scope.stale) {
    header.append(
      el(
        'p',
        { class: 'stale', role: 'alert' },
        `Stale: the last refresh failed (${scope.error ?? 'unknown error'}). These are the last values.`,
      ),
    );
  }
  return header;
}

function targetsTable(f: DashboardFeature): HTMLElement {
  if (!f.targets.length) return el('p', { class: 'no-targets' }, 'No targets in the plan.');
  const rows = f.targets.map((t) =>
    el(
      'tr',
      { class: t.met === false ? 'missed' : t.met ? 'met' : 'pending' },
      el('td', { class: 'mark' }, t.met === false ? '✗' : t.met ? '✓' : '·'),
      el('td', {}, t.label),
      el('td', {}, t.actualText),
      el('td', {}, t.targetText),
    ),
  );
  return el(
    'table',
    { class: 'targets' },
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, ''), el('th', {}, 'target'), el('th', {}, 'actual'), el('th', {}, 'goal')),
    ),
    el('tbody', {}, ...rows),
  );
}

function figuresTable(f: DashboardFeature): HTMLElement {
  return el(
    'table',
    { class: 'figures' },
    el('tbody', {}, ...f.figures.map((r) => el('tr', {}, el('th', {}, r.label), el('td', {}, r.value)))),
  );
}

function chartBox(title: string, chart: Element): HTMLElement {
  return el('figure', { class: 'chart' }, el('figcaption', {}, title), chart);
}

function featureSection(scope: DashboardScope, f: DashboardFeature, width: number): HTMLElement {
  const title = el('a', { href: '#', class: 'feature-key', title: 'Reveal in the Features view' }, f.key);
  title.addEventListener('click', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', feature: f.key });
  });
  const misses = f.targets.filter((t) => t.met === false).length;
  const badge = misses
    ? el('span', { class: 'badge missed' }, `${misses} target${misses === 1 ? '' : 's'} missed`)
    : f.targets.length
      ? el('span', { class: 'badge met' }, 'targets met')
      : '';
  const section = el('section', { class: 'feature', 'data-feature': f.key }, el('h2', {}, title, badge));
  if (f.discoveryFrom === 'none') {
    section.append(
      el('p', { class: 'empty' }, 'No discovery event and no flag exposure: nothing to measure from.'),
    );
    return section;
  }
  const half = Math.max(280, Math.floor((width - 24) / 2));
  const p50 = (kind: 'ITTV' | 'STTV') => f.targets.find((t) => t.label === `${kind} p50`);
  const rptuTarget = f.targets.find((t) => t.label === 'RPTU');
  section.append(
    el('div', { class: 'columns' }, figuresTable(f), targetsTable(f)),
    el(
      'div',
      { class: 'grid' },
      chartBox('Funnel', funnelChart(f, half)),
      chartBox(
        'Discoveries (blue) and activations (green) per day, last 30 days',
        trendChart(f.key, f.daily, half),
      ),
      chartBox(
        `Time to activation (ITTV, ${scope.windows.ittv} window)`,
        histogramChart('ITTV distribution', f.key, f.ittvHistogram, p50('ITTV'), half),
      ),
      chartBox(
        `Time to value (STTV, ${scope.windows.sttv} window)`,
        histogramChart('STTV distribution', f.key, f.sttvHistogram, p50('STTV'), half),
      ),
      chartBox(
        `Revenue per trial user (${scope.windows.rptu}), lift ${lift(f)}`,
        rptuChart(f, rptuTarget, half),
      ),
    ),
  );
  return section;
}

function lift(f: DashboardFeature): string {
  const l = f.kpis.rptu.lift;
  return l === null ? '—' : `${l >= 0 ? '+' : ''}${l.toFixed(2)}`;
}

export function render(data: DashboardData): void {
  current = data;
  const root = document.getElementById('dashboard')!;
  const width = Math.max(600, root.clientWidth || window.innerWidth - 40);
  const refresh = el('button', { type: 'button', class: 'refresh' }, 'Refresh KPIs');
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  const children: Node[] = [el('div', { class: 'toolbar' }, el('h1', {}, 'Feature activation'), refresh)];
  if (data.message) children.push(el('p', { class: 'message' }, data.message));
  for (const scope of data.scopes) {
    children.push(scopeHeader(scope));
    for (const f of scope.features) children.push(featureSection(scope, f, width));
  }
  root.replaceChildren(...children);
  document.body.dataset.rendered = String(Date.now());
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  if (event.data?.type === 'data') render(event.data.data as DashboardData);
});

let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => current && render(current), 150);
});

const initial = document.getElementById(DATA_ELEMENT_ID)?.textContent;
if (initial) render(JSON.parse(initial) as DashboardData);
vscode.postMessage({ type: 'ready' });
