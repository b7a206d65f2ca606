// Parallel cold scan: worker threads read and extract batches of files while the main thread takes
// their records. Batches go to whichever worker is free, so progress is reported as they come back;
// cancelling or running out of the time budget stops handing out batches (files left over are
// extracted by the main thread when the analysis asks for them, so the results do not change).
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { bundled } from '../parser/load';
import type { BatchRequest, BatchResult, ScannedFile, WorkerInit } from './protocol';

export interface PoolOptions {
  /** Worker threads (default: the machine's parallelism). */
  workers?: number;
  /** Files per batch. */
  batch?: number;
  onResults(results: ScannedFile[]): void;
  onProgress?(done: number, total: number): void;
  token?: { readonly cancelled: boolean };
  /** Stop handing out batches after this long (ms). */
  budgetMs?: number;
}

export interface PoolOutcome {
  /** Files whose batches came back. */
  done: number;
  stopped?: 'cancelled' | 'budget' | 'failed';
}

/** How many workers pay off for this many files (each one costs a parser load). */
export function defaultWorkers(files: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(cores, Math.floor(files / 400)));
}

export async function scanInWorkers(
  init: WorkerInit,
  todo: readonly string[],
  options: PoolOptions,
): Promise<PoolOutcome> {
  const count = Math.max(
    1,
    Math.min(options.workers ?? defaultWorkers(todo.length), Math.ceil(todo.length / 50)),
  );
  const size = options.batch ?? Math.max(20, Math.min(200, Math.ceil(todo.length / (count * 8))));
  const started = Date.now();
  let next = 0;
  let done = 0;
  let stopped: PoolOutcome['stopped'];
  const workers = Array.from({ length: count }, () => startWorker(init));
  const stopReason = (): PoolOutcome['stopped'] => {
    if (options.token?.cancelled) return 'cancelled';
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) return 'budget';
    return undefined;
  };
  try {
    await Promise.all(
      workers.map(async (worker) => {
        for (;;) {
          stopped ??= stopReason();
          if (stopped || next >= todo.length) return;
          const files = todo.slice(next, next + size);
          const id = next;
          next += files.length;
          const reply = await request(worker, { id, files });
          options.onResults(reply.results);
          done += files.length;
          options.onProgress?.(done, todo.length);
        }
      }),
    );
  } catch {
    stopped = 'failed';
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return stopped ? { done, stopped } : { done };
}

function startWorker(init: WorkerInit): Worker {
  if (bundled()) return new Worker(path.join(__dirname, 'scan-worker.js'), { workerData: init });
  // From the sources (tests, benchmarks): the worker compiles TypeScript through tsx.
  const source = path.join(__dirname, 'scan-worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, {
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
