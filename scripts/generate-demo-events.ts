// Writes the demo workspace's events file (examples/demo-shop/events/demo-events.ndjson): ~50k
// deterministic events for the features the demo plan declares, with the plan's own event names,
// trial event and revenue property. Regenerated only when the plan's features or KPI settings (or
// this generator) change, so `npm run demo:kpis` is quick after the first run.
//   node --import tsx scripts/generate-demo-events.ts [--force]
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { kpiFeatures } from '../server/src/kpi/features';
import { analyzeDirectory, PLAN_FILE, readPlan } from '../server/src/workspace/analyze';
import { syntheticEvents, type SyntheticFeature } from './lib/synthetic-events';

const GENERATOR_VERSION = 1;
const DEMO = path.resolve(__dirname, '..', 'examples', 'demo-shop');
const OUT = path.join(DEMO, 'events', 'demo-events.ndjson');
const STAMP = path.join(DEMO, 'events', '.demo-events.stamp');
/** The demo's fixed as-of time: the generated history ends here (see package.json demo:kpis). */
export const DEMO_AS_OF = Date.UTC(2026, 10, 30);

function main() {
  const planFile = path.join(DEMO, PLAN_FILE);
  const plan = readPlan(planFile);
  const entryPoints = analyzeDirectory(DEMO, { planFile }).analysis.entryPoints;
  const features: SyntheticFeature[] = kpiFeatures(plan.features, entryPoints).map((f, i) => ({
    key: f.key,
    flags: plan.features[i]!.flags,
    discovery: f.discovery,
    activation: f.activation,
    value: f.value,
    exposure: f.exposureFlags.length > 0,
  }));
  const k = plan.kpis;
  const options = {
    seed: 20261130,
    users: 2500,
    events: 50_000,
    startMs: DEMO_AS_OF - 150 * 86_400_000,
    endMs: DEMO_AS_OF,
    features,
    trialStartEvent: k.trialStartEvent,
    revenueProperty: k.revenueProperty,
    exposureEvent: k.exposureEvent,
    exposureFlagProperty: k.exposureFlagProperty,
    malformed: 7,
    duplicateShare: 0.004,
  };
  const stamp = createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION, options, userKeys: k.userKeys, idKeys: k.idKeys }))
    .digest('hex');
  const relative = path.relative(DEMO, OUT);
  if (k.events.length && !k.events.some((glob) => picomatch(glob)(relative))) {
    process.stderr.write(
      `warning: the demo plan's kpis.events (${k.events.join(', ')}) does not match ${relative}\n`,
    );
  }
  const current =
    fs.existsSync(OUT) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === stamp;
  if (current && !process.argv.includes('--force')) return;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  let text = '';
  let lines = 0;
  for (const line of syntheticEvents(options)) {
    text += `${line}\n`;
    lines++;
  }
  fs.writeFileSync(OUT, text);
  fs.writeFileSync(STAMP, `${stamp}\n`);
  process.stderr.write(`wrote ${lines} events to ${path.relative(process.cwd(), OUT)}\n`);
}

main();
