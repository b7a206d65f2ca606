// `node --import tsx bench/server.bench.ts [--workspace <dir>] [--server <server.js>]...`: the language
// server subject of `npm run bench` alone (cold first index, then a restart from the persistent
// index; peak RSS and CPU of the server process). `--workspace` keeps the generated workspace in that
// folder and reuses it when it is there already (BENCH_FILES=N, default 10,000, for a new one);
// several `--server` bundles (default: this checkout's dist/server.js) are measured in turn, round
// after round (BENCH_ROUNDS, default 1), so that builds compare under the same load.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BIG_FILE, generateBenchWorkspace } from './bench-workspace';
import { measureServer } from './language-server';

const REPO = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { workspace: { type: 'string' }, server: { type: 'string', multiple: true } },
  });
  const servers = (values.server ?? [path.join(REPO, 'dist', 'server.js')]).map((s) => path.resolve(s));
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const files = Number(process.env.BENCH_FILES ?? 10000);
  const dir = values.workspace
    ? path.resolve(values.workspace)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-ws-'));
  if (!fs.existsSync(path.join(dir, BIG_FILE))) generateBenchWorkspace(dir, files);
  const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
  try {
    for (let round = 1; round <= rounds; round++)
      for (const server of servers) {
        const load = os.loadavg()[0]!.toFixed(1);
        for (const r of await measureServer(dir, BIG_FILE, server))
          console.log(
            [
              `round ${round}`,
              server,
              r.run,
              `peak RSS ${mb(r.rss)}`,
              `tree ${mb(r.treePeak)}`,
              `ready ${(r.ready / 1000).toFixed(2)} s`,
              `CPU ${(r.cpuMs / 1000).toFixed(2)} s`,
              `load ${load}`,
            ].join(' · '),
          );
      }
  } finally {
    if (!values.workspace) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
