// A scan worker (dist/scan-worker.js): reads and extracts batches of files with the same pre-filter,
// extraction and module resolution as the main thread, and sends back their records. It keeps
// nothing between batches but the resolver's caches.
import { parentPort, workerData } from 'node:worker_threads';
import { FactsStore } from '../../core/facts-store';
import type { FileStat } from '../files';
import { DiskHost } from '../host';
import { contentHash } from '../index-cache/cache';
import { lazyExtract, useCodeCache } from '../parser/load';
import type { BatchRequest, BatchResult, ScannedFile, WorkerInit } from './protocol';
import { scanFile } from './scan-file';

const init = workerData as WorkerInit;
useCodeCache(init.codeCacheDir);
const seen = new Map<string, { stat: FileStat; hash: string; readAt: number }>();
const host = new DiskHost(init.root, new Set(init.files), (rel, text, stat) => {
  seen.set(rel, { stat, hash: contentHash(text), readAt: Date.now() });
});
const store = new FactsStore(host, init.config, { extract: lazyExtract });
store.setFiles(init.files);

parentPort!.on('message', (request: BatchRequest) => {
  const started = process.cpuUsage();
  const results: ScannedFile[] = [];
  for (const file of request.files) {
    scanFile(store, file, request.mode);
    const record = store.record(file);
    const read = seen.get(file);
    // Unreadable and binary files are left to the main thread, which counts them.
    if (record && read) results.push({ file, ...read, record });
    store.invalidate(file);
    seen.delete(file);
  }
  const used = process.cpuUsage(started);
  const reply: BatchResult = { id: request.id, results, cpuMs: (used.user + used.system) / 1000 };
  parentPort!.postMessage(reply);
});
