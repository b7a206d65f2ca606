// Reads the plan file from disk. Kept apart from the scan so commands that only need the plan
// (`kpis`) do not load the TypeScript parser.
import * as fs from 'node:fs';
import { emptyPlan, type Plan } from '../core/plan/model';
import { parsePlan } from '../core/plan/parse';

export const PLAN_FILE = 'activation-lens.yaml';

/** The plan at `file`, or the zero-config default when there is none. */
export function readPlan(file: string): Plan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return emptyPlan();
  }
  return parsePlan(text, file).plan;
}
