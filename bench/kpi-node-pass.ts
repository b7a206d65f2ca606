// The benchmark's plain Node streaming pass: read the NDJSON line by line, JSON.parse, validate,
// de-duplicate and compute the KPIs in JavaScript (the test suite's reference implementation).
// Usage: node --import tsx kpi-node-pass.ts <config.json>
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { dedupe, parseLine, type RefEvent, referenceKpis } from '../test/helpers/kpi-reference';
import { defaultKpiSettings } from '../server/src/core/plan/model';

async function main() {
  const cfg = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8'));
  const settings = { ...defaultKpiSettings(), windows: cfg.windows, trialStartEvent: cfg.trialStartEvent };
  const valid: RefEvent[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(cfg.file), crlfDelay: Infinity });
  for await (const line of lines) {
    const row = parseLine(line, settings);
    if (row.ok === true) valid.push(row.event);
  }
  const { events } = dedupe(valid, cfg.nowMs);
  process.stdout.write(JSON.stringify(referenceKpis(events, cfg.features, settings, cfg.nowMs)));
}

void main();
