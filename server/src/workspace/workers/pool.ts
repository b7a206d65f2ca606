// Parallel cold scan: worker threads read and extract batches of files while the main thread takes
// their records. Batches go to whichever worker is free, so progress is reported as they come back;
// cancelling or running out of the time budget stops handing out batches (files left over are
// extracted by the main thread when the analysis asks for them, so the results do not change).
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { applyHeapFlags } from '../heap-flags';
import { bundled } from '../parser/load';
import type { BatchRequest, BatchResult, ScanMode, ScannedFile, WorkerInit } from './protocol';

export interface RunOptions {
  /** Files per batch. */
  batch?: number;
  onResults(results: ScannedFile[]): void;
  onProgress?(done: number, total: number): void;
  token?: { readonly cancelled: boolean };
  /** Stop handing out batches once this time (Date.now()) is reached. */
  deadline?: number;
  /**
   * Scans a batch on the calling thread, which then takes part in the scan (the CLI: one parser fewer
   * to load and warm up than another worker, and no records to copy). Batches are taken between
   * event-loop turns, so that the workers' replies are still handled. Never in the language server:
   * its main thread must stay free for the editor.
   */
  local?(files: string[], mode: ScanMode): void;
}

/**
 * Batches sent to a worker before its reply when the calling thread scans too: the worker starts the
 * next one at once instead of waiting for its reply to be taken, which waits for the calling thread's
 * batch in hand. Otherwise one (the language server: a cancelled scan stops after one batch).
 */
const IN_FLIGHT_WITH_LOCAL = 2;

export interface RunOutcome {
  /** Files whose batches came back. */
  done: number;
  stopped?: 'cancelled' | 'budget' | 'failed';
}

export function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * How many workers pay off for this many files (each one costs a parser load and a warm-up): one per
 * core, less the calling thread's when it scans too.
 */
export function defaultWorkers(files: number, mainThreadScans = false): number {
  return Math.max(0, Math.min(cores() - (mainThreadScans ? 1 : 0), Math.floor(files / 400)));
}

export class ScanPool {
  private readonly workers: Worker[];
  private failed = false;

  constructor(init: WorkerInit, count: number) {
    this.workers = Array.from({ length: Math.max(1, count) }, () => {
      const worker = startWorker(init);
      worker.once('online', applyHeapFlags);
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Scans files in batches over the workers (and the calling thread, with `local`): `candidate` facts,
   * or also `exports`/`full` facts.
   */
  async run(todo: readonly string[], mode: ScanMode, options: RunOptions): Promise<RunOutcome> {
    if (this.failed) return { done: 0, stopped: 'failed' };
    const threads = this.workers.length + (options.local ? 1 : 0);
    const size = options.batch ?? Math.max(10, Math.min(200, Math.ceil(todo.length / (threads * 8))));
    let next = 0;
    let done = 0;
    let stopped: RunOutcome['stopped'];
    // Near the end, smaller batches: no thread is left with a long one while the others have none.
    const take = (most: number): { id: number; files: string[] } | undefined => {
      if (options.token?.cancelled) stopped ??= 'cancelled';
      if (options.deadline !== undefined && Date.now() >= options.deadline) stopped ??= 'budget';
      if (stopped || next >= todo.length) return undefined;
      const count =
        options.batch ?? Math.min(most, Math.max(10, Math.ceil((todo.length - next) / (threads * 4))));
      const batch = { id: next, files: todo.slice(next, next + count) };
      next += batch.files.length;
      return batch;
    };
    const finished = (id: number, files: number, started: number, cpuMs: number, where: string) => {
      if (process.env.ACTIVATION_LENS_TIMING)
        process.stderr.write(
          `batch ${id} ${mode} ${files} files (${where}): ${Math.round(performance.now() - started)} ms, CPU ${Math.round(cpuMs)} ms\n`,
        );
      done += files;
      options.onProgress?.(done, todo.length);
    };
    const remote = async (worker: Worker) => {
      for (let batch = take(size); batch; batch = take(size)) {
        const sent = performance.now();
        const reply = await request(worker, { ...batch, mode });
        options.onResults(reply.results);
        finished(batch.id, batch.files.length, sent, reply.cpuMs, 'worker');
      }
    };
    // Smaller batches on the calling thread: a worker's reply waits for the batch in hand to end.
    const localSize = Math.max(1, Math.ceil(size / 2));
    const local = async (scan: NonNullable<RunOptions['local']>) => {
      for (;;) {
        // An event-loop turn first: the workers' replies are taken and their next batches sent.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = take(localSize);
        if (!batch) return;
        const started = performance.now();
        const cpu = process.cpuUsage();
        scan(batch.files, mode);
        const used = process.cpuUsage(cpu);
        finished(batch.id, batch.files.length, started, (used.user + used.system) / 1000, 'main');
      }
    };
    const inFlight = options.local ? IN_FLIGHT_WITH_LOCAL : 1;
    const loops = this.workers.flatMap((worker) => Array.from({ length: inFlight }, () => remote(worker)));
    if (options.local) loops.push(local(options.local));
    // A failure stops every loop (nothing is handed out any more); what is left is extracted later.
    await Promise.all(
      loops.map((loop) =>
        loop.catch(() => {
          this.failed = true;
          stopped = 'failed';
        }),
      ),
    );
    return stopped ? { done, stopped } : { done };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * A worker's heap: small, so that it collects garbage early rather than growing (it keeps nothing
 * between batches; a file is at most 1 MB). Peak memory is what the language server is judged by.
 * Measured on the 10,000-file benchmark: the same scan time with 96 MB of old and 8 MB of young
 * generation as with 160 MB and the default young generation. A worker that runs out of memory
 * only stops; the main thread extracts what is left.
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

function startWorker(init: WorkerInit): Worker {
  if (bundled())
    return new Worker(path.join(__dirname, 'scan-worker.js'), {
      workerData: init,
      resourceLimits: RESOURCE_LIMITS,
    });
  // From the sources (tests, benchmarks): the worker compiles TypeScript through tsx.
  const source = path.join(__dirname, 'scan-worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, {
    resourceLimits: RESOURCE_LIMITS,
    eval: true,
    workerData: init,
  });
}

function request(worker: Worker, message: BatchRequest): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: BatchResult) => {
      if (reply.id !== message.id) return;
      cleanup();
      resolve(reply);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`scan worker exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message);
  });
}
