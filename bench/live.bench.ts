// `npm run bench:live`: what a live KPI refresh costs in the editor, on the demo's events (50k) and, when
// `npm run bench:kpi` has generated them, on its 1M and 10M event files: the KPIs alone (what the CLI
// computes), the KPIs with the editor's live figures (trend, histograms, activity), and a whole refresh
// through the KPI worker process (spawn, compute, send back). Prints wall time; asserts nothing.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKpiSettings } from '../server/src/core/plan/model';
import { computeKpis } from '../server/src/kpi/compute';
import { computeLive, type LiveJob } from '../server/src/kpi/live/compute-live';
import { runLiveJob } from '../server/src/lsp/kpis/runner';
import { readPlan } from '../server/src/workspace/plan';
import { kpiFeatures } from '../server/src/kpi/features';

const REPO = path.resolve(__dirname, '..');
const DEMO = path.join(REPO, 'examples', 'demo-shop');
const RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 3);
/** The bundled worker, as the server runs it (npm run build). */
const WORKER = path.join(REPO, 'dist', 'kpi-worker.js');

async function fastest(run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

async function measure(label: string, job: LiveJob) {
  const asOf = new Date(job.asOf!);
  const kpis = await fastest(() => computeKpis(job.settings, job.features, { baseDir: job.baseDir, asOf }));
  const live = await fastest(() => computeLive(job));
  const worker = await fastest(() => runLiveJob(job, { timeoutMs: 600_000, worker: WORKER }));
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${label.padEnd(40)} KPIs ${f(kpis).padStart(8)} · KPIs + live figures ${f(live).padStart(8)} · refresh through the worker ${f(worker).padStart(8)}`,
  );
}

async function main() {
  if (!fs.existsSync(WORKER)) throw new Error('dist/kpi-worker.js is missing: run npm run build');
  console.log(`fastest of ${RUNS} runs`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'generate-demo-events.ts')]);
  const plan = readPlan(path.join(DEMO, 'activation-lens.yaml'));
  const demoFeatures = kpiFeatures(plan.features, []);
  await measure('demo (50k events, 6 features)', {
    settings: plan.kpis,
    features: demoFeatures,
    eventNames: [...new Set(demoFeatures.flatMap((f) => [...f.discovery, ...f.activation, ...f.value]))],
    baseDir: DEMO,
    asOf: '2026-11-30T00:00:00Z',
  });
  const dir = path.join(REPO, '.bench', 'kpi');
  for (const size of ['1000000', '10000000']) {
    const file = path.join(dir, `events-${size}.ndjson`);
    if (!fs.existsSync(file)) {
      console.log(`${size} events: run npm run bench:kpi first (it writes ${path.relative(REPO, file)})`);
      continue;
    }
    const features = Array.from({ length: 20 }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return {
        key: `feature-${n}`,
        discovery: i >= 15 ? [] : [`f${n}_viewed`],
        activation: [`f${n}_started`, ...(i % 4 === 0 ? [`f${n}_used`] : [])],
        value: [`f${n}_completed`],
        exposureFlags: i >= 15 ? [`feature-${n}`] : [],
      };
    });
    await measure(`${Number(size).toLocaleString('en-US')} events (NDJSON, 20 features)`, {
      settings: { ...defaultKpiSettings(), events: [file] },
      features,
      eventNames: features.flatMap((f) => [...f.discovery, ...f.activation, ...f.value]),
      baseDir: dir,
      asOf: '2026-11-30T00:00:00Z',
    });
  }
}

void main();
