// The trend sparkline of the hover card: daily first discoveries and first activations over the last
// 30 days, as a small SVG in a data URI (hover markdown shows images; it cannot run scripts or read
// the editor's theme, so the colours are mid-tones that read on light and dark backgrounds alike).
import type { DailyPoint } from '../../kpi/live/result';

export const SPARK_WIDTH = 240;
export const SPARK_HEIGHT = 36;
export const COLORS = { discovered: '#3794ff', activated: '#2ea043' } as const;

function points(values: number[], max: number): string {
  const step = values.length > 1 ? (SPARK_WIDTH - 4) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = 2 + i * step;
      const y = SPARK_HEIGHT - 3 - (max > 0 ? (v / max) * (SPARK_HEIGHT - 6) : 0);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

export function sparklineSvg(daily: readonly DailyPoint[]): string {
  const max = Math.max(0, ...daily.flatMap((d) => [d.discovered, d.activated]));
  const line = (key: 'discovered' | 'activated') =>
    `<polyline fill="none" stroke="${COLORS[key]}" stroke-width="1.6" stroke-linejoin="round" points="${points(
      daily.map((d) => d[key]),
      max,
    )}"/>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SPARK_WIDTH}" height="${SPARK_HEIGHT}" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}">`,
    `<line x1="2" y1="${SPARK_HEIGHT - 3}" x2="${SPARK_WIDTH - 2}" y2="${SPARK_HEIGHT - 3}" stroke="#8888" stroke-width="1"/>`,
    line('discovered'),
    line('activated'),
    '</svg>',
  ].join('');
}

/** Markdown for the sparkline image, with a caption saying what the lines are. */
export function sparklineMarkdown(daily: readonly DailyPoint[]): string {
  const data = Buffer.from(sparklineSvg(daily)).toString('base64');
  const total = (key: 'discovered' | 'activated') => daily.reduce((n, d) => n + d[key], 0);
  return `![Daily discoveries and activations, last ${daily.length} days](data:image/svg+xml;base64,${data})  \nLast ${daily.length} days: ${total('discovered')} discovered (blue), ${total('activated')} activated (green)`;
}
