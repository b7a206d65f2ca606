// The dashboard's charts, drawn with Observable Plot as SVG. Colours come from the editor's theme
// (VS Code's `--vscode-*` CSS variables), text from `currentColor`. Plot adds a <style> element to each
// chart; the webview's CSP forbids inline styles, so it is removed before the chart enters the page
// (its rules are in dashboard.css).
import * as Plot from '@observablehq/plot';
import type {
  DailyPoint,
  DashboardFeature,
  HistogramBin,
  TargetSummary,
} from '../../../../server/src/protocol';

/** The theme's chart colours; the fallbacks are VS Code's light theme's, for a plain browser. */
export const COLORS = {
  discovered: 'var(--vscode-charts-blue, #1a85ff)',
  activated: 'var(--vscode-charts-green, #388a34)',
  valued: 'var(--vscode-charts-purple, #652d90)',
  within: 'var(--vscode-charts-green, #388a34)',
  over: 'var(--vscode-charts-orange, #d18616)',
  notActivated: 'var(--vscode-charts-foreground, #616161)',
  target: 'var(--vscode-charts-red, #e51400)',
};

const FONT = 'var(--vscode-font-family, system-ui, sans-serif)';

function finish(chart: SVGSVGElement | HTMLElement, label: string): Element {
  for (const style of chart.querySelectorAll('style')) style.remove();
  chart.setAttribute('aria-label', label);
  return chart;
}

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const count = (n: number) => n.toLocaleString('en-US');

/** Discovered → activated → valued, with the conversion of each step. */
export function funnelChart(f: DashboardFeature, width: number): Element {
  const steps = [
    { step: 'discovered', users: f.kpis.discovered, conversion: null as number | null },
    {
      step: 'activated',
      users: f.kpis.activated,
      conversion: f.kpis.discovered ? f.kpis.activated / f.kpis.discovered : null,
    },
    {
      step: 'valued',
      users: f.kpis.valued,
      conversion: f.kpis.activated ? f.kpis.valued / f.kpis.activated : null,
    },
  ];
  const label = (d: (typeof steps)[number]) =>
    d.conversion === null ? count(d.users) : `${count(d.users)} · ${percent(d.conversion)} of previous step`;
  return finish(
    Plot.plot({
      width,
      height: 130,
      marginLeft: 80,
      marginRight: 200,
      style: { fontFamily: FONT, fontSize: '12px' },
      x: { axis: null, domain: [0, Math.max(1, f.kpis.discovered)] },
      y: { domain: steps.map((s) => s.step), label: null },
      marks: [
        Plot.barX(steps, {
          y: 'step',
          x: 'users',
          fill: (d: (typeof steps)[number]) => COLORS[d.step as 'discovered' | 'activated' | 'valued'],
          ariaLabel: (d: (typeof steps)[number]) => `${d.step}: ${label(d)}`,
          className: 'funnel-bar',
        }),
        Plot.text(steps, {
          y: 'step',
          x: 'users',
          text: label,
          textAnchor: 'start',
          dx: 6,
          fill: 'currentColor',
          className: 'funnel-label',
        }),
      ],
    }),
    `Funnel of ${f.key}`,
  );
}

/** Daily first discoveries and first activations over the last 30 days. */
export function trendChart(key: string, daily: readonly DailyPoint[], width: number): Element {
  const rows = daily.flatMap((d) => [
    { day: new Date(`${d.day}T00:00:00Z`), series: 'discovered', users: d.discovered },
    { day: new Date(`${d.day}T00:00:00Z`), series: 'activated', users: d.activated },
  ]);
  return finish(
    Plot.plot({
      width,
      height: 160,
      style: { fontFamily: FONT, fontSize: '11px' },
      x: { type: 'utc', label: null },
      y: { label: 'users / day', grid: true },
      color: {
        domain: ['discovered', 'activated'],
        range: [COLORS.discovered, COLORS.activated],
        legend: false,
      },
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(rows, {
          x: 'day',
          y: 'users',
          stroke: 'series',
          strokeWidth: 2,
          ariaLabel: 'series',
          className: 'trend-line',
        }),
      ],
    }),
    `Daily discoveries and activations of ${key}`,
  );
}

/**
 * A time-to-value histogram; bins past the p50 target (when the plan sets one) are drawn in the
 * "over" colour, and the p50 / p90 the KPI reports are written above it.
 */
export function histogramChart(
  title: string,
  key: string,
  bins: readonly HistogramBin[],
  p50Target: TargetSummary | undefined,
  width: number,
): Element {
  const limit = p50Target?.target;
  const over = (b: HistogramBin) => limit !== undefined && b.lo >= limit;
  return finish(
    Plot.plot({
      width,
      height: 190,
      marginBottom: 40,
      style: { fontFamily: FONT, fontSize: '11px' },
      x: { domain: bins.map((b) => b.label), label: null, tickRotate: -30 },
      y: { label: 'users', grid: true },
      marks: [
        Plot.barY(bins, {
          x: 'label',
          y: 'users',
          fill: (b: HistogramBin) => (over(b) ? COLORS.over : COLORS.within),
          ariaLabel: (b: HistogramBin) =>
            `${b.label}: ${count(b.users)} users${over(b) ? ' (over target)' : ''}`,
          className: 'ttv-bar',
        }),
        Plot.ruleY([0]),
      ],
    }),
    `${title} of ${key}`,
  );
}

/** Revenue per trial user: activated vs. not activated, and the lift between them. */
export function rptuChart(f: DashboardFeature, target: TargetSummary | undefined, width: number): Element {
  const r = f.kpis.rptu;
  const rows = [
    { group: 'activated', rptu: r.activated, users: r.activatedTrialUsers },
    { group: 'not activated', rptu: r.notActivated, users: r.notActivatedTrialUsers },
  ].filter((d) => d.rptu !== null) as { group: string; rptu: number; users: number }[];
  const marks: Plot.Markish[] = [
    Plot.barX(rows, {
      y: 'group',
      x: 'rptu',
      fill: (d: (typeof rows)[number]) => (d.group === 'activated' ? COLORS.activated : COLORS.notActivated),
      ariaLabel: (d: (typeof rows)[number]) =>
        `${d.group}: ${d.rptu.toFixed(2)} over ${count(d.users)} trial users`,
      className: 'rptu-bar',
    }),
    Plot.text(rows, {
      y: 'group',
      x: 'rptu',
      text: (d: (typeof rows)[number]) => `${d.rptu.toFixed(2)} (${count(d.users)})`,
      textAnchor: 'start',
      dx: 6,
      fill: 'currentColor',
    }),
    Plot.ruleX([0]),
  ];
  if (target) {
    marks.push(
      Plot.ruleX([target.target], {
        stroke: COLORS.target,
        strokeDasharray: '4,3',
        ariaLabel: () => `target ${target.targetText}`,
        className: 'rptu-target',
      }),
    );
  }
  return finish(
    Plot.plot({
      width,
      height: 100,
      marginLeft: 100,
      marginRight: 90,
      style: { fontFamily: FONT, fontSize: '12px' },
      x: { label: 'revenue per trial user', grid: true },
      y: { label: null },
      marks,
    }),
    `Revenue per trial user of ${f.key}`,
  );
}
