// The language server as a benchmark subject: started over stdio the way the VS Code client starts
// it, a first index (cold), 20 edits in a file and the full check once typing pauses, shut down
// (the cold run writes the persistent index), then the same again from that index (warm).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToUri } from '../server/src/lsp/uris';
import { SERVER_PROCESS } from '../server/src/protocol';
import { TestClient } from '../test/server/helpers/lsp-client';
import { editPoints } from './keystroke';
import { sampleTree } from './process-tree';

export interface ServerRun {
  run: 'cold' | 'warm';
  /** Start to the first `ready` status (ms). */
  ready: number;
  /** The server process's CPU time (ms). */
  cpuMs: number;
  /** The server process's peak RSS (bytes; main thread and worker threads, `getrusage`). */
  rss: number;
  /** The largest RSS of the server and its child processes sampled together (bytes). */
  treePeak: number;
  children: number;
}

/** Runs the server cold then warm on `dir`, editing `rel`; `serverJs` is the bundle to start. */
export async function measureServer(dir: string, rel: string, serverJs: string): Promise<ServerRun[]> {
  const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-storage-'));
  const report = path.join(os.tmpdir(), `al-bench-server-${process.pid}.json`);
  const args = [
    ...SERVER_PROCESS.execArgv,
    '--require',
    path.join(__dirname, 'report-usage.cjs'),
    serverJs,
    '--stdio',
  ];
  const out: ServerRun[] = [];
  process.env.AL_USAGE_REPORT = report;
  try {
    for (const run of ['cold', 'warm'] as const) {
      const started = performance.now();
      const client = await TestClient.start(dir, {
        args,
        env: { ...SERVER_PROCESS.env },
        initializationOptions: { storagePath },
      });
      const tree = sampleTree(client.pid!);
      await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 'ready', 600_000);
      const ready = performance.now() - started;
      const uri = pathToUri(path.join(dir, rel));
      let text = fs.readFileSync(path.join(dir, rel), 'utf8');
      await client.open(uri, text);
      for (const [n, point] of editPoints(text, 20).entries()) {
        const at = point + n;
        text = `${text.slice(0, at)}x${text.slice(at)}`;
        const since = client.statuses.length;
        await client.change(uri, [{ text }]);
        await client.waitReady(since);
      }
      // And the full check the server runs once typing pauses.
      await client.waitReady(client.statuses.length);
      const memory = tree.stop();
      await client.stop();
      const usage = JSON.parse(fs.readFileSync(report, 'utf8')) as { maxRSS: number; cpuMs: number };
      out.push({
        run,
        ready,
        cpuMs: usage.cpuMs,
        rss: usage.maxRSS * 1024,
        treePeak: memory.treePeak,
        children: memory.children,
      });
    }
  } finally {
    delete process.env.AL_USAGE_REPORT;
    fs.rmSync(storagePath, { recursive: true, force: true });
    fs.rmSync(report, { force: true });
  }
  return out;
}
