// The demo workspace's events file is generated (deterministically), not committed: editor tests that
// open the demo generate it first, as `npm run demo:kpis` does.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from './paths';

export function generateDemoEvents(): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'generate-demo-events.ts')], {
    cwd: REPO,
    stdio: 'inherit',
  });
}
