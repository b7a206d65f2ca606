// Runs one live KPI computation in a child process (./worker.ts) and returns its result. The child
// gets a clean argument list (no inspector port of the server's), pipes instead of the server's stdio
// (which may be the LSP stream), and is killed when it takes too long or the caller cancels.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { LiveJob } from '../../kpi/live/compute-live';
import type { LiveKpis } from '../../kpi/live/result';

export type WorkerReply = { ok: true; kpis: LiveKpis } | { ok: false; message: string; input: boolean };

/** A computation that failed; `input` when the user can fix it (no file matches, bad file type). */
export class KpiJobError extends Error {
  constructor(
    message: string,
    readonly input = false,
  ) {
    super(message);
  }
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** The worker script (default: beside this module, see workerModule). */
  worker?: string;
  /** The workspace folder URI of the plan (remote sources ask the editor for its key with it). */
  folder?: string;
}

/** The worker: bundled beside the server, or the TypeScript source when running from sources. */
function workerModule(): { module: string; execArgv: string[] } {
  if (__filename.endsWith('.ts'))
    return { module: path.join(__dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };
  return { module: path.join(__dirname, 'kpi-worker.js'), execArgv: [] };
}

export function runLiveJob(job: LiveJob, options: RunOptions): Promise<LiveKpis> {
  const { module, execArgv } = options.worker ? { module: options.worker, execArgv: [] } : workerModule();
  return new Promise((resolve, reject) => {
    const child = fork(module, [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.stdout?.resume();
    let settled = false;
    const finish = (error: Error | undefined, kpis?: LiveKpis) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (error) reject(error);
      else resolve(kpis!);
    };
    const timer = setTimeout(
      () => finish(new KpiJobError(`the KPI query did not finish within ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    );
    const abort = () => finish(new KpiJobError('cancelled'));
    options.signal?.addEventListener('abort', abort);
    child.on('message', (reply: WorkerReply) =>
      reply.ok ? finish(undefined, reply.kpis) : finish(new KpiJobError(reply.message, reply.input)),
    );
    child.on('error', (error) => finish(new KpiJobError(`the KPI worker failed: ${error.message}`)));
    child.on('close', (code, signal) => {
      const why = signal ? `signal ${signal}` : `code ${code}`;
      const tail = stderr.trim().split('\n').slice(-3).join(' ');
      finish(new KpiJobError(`the KPI worker stopped (${why})${tail ? `: ${tail}` : ''}`));
    });
    child.send(job);
  });
}
