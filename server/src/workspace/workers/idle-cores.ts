// How many cores other processes leave free, measured over a window of this process's own work (the
// file listing): the CPU time the system counts on each core (os.cpus), less what this process used.
// Unlike the load average, a one-minute moving average, it does not remember work that just ended
// (a benchmark's previous subject, a build), nor miss work that just began.
import * as os from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';
import { cores } from './pool';

/** The shortest window worth measuring: os.cpus() counts in ticks of 10 ms per core. */
const MIN_WINDOW_MS = 50;

export interface Sample {
  /** Summed over the cores (ms). */
  busy: number;
  total: number;
  /** This process's CPU time, every thread (ms). */
  own: number;
  at: number;
  /** Cores the system listed. */
  cores: number;
}

function sample(): Sample {
  let busy = 0;
  let total = 0;
  const cpus = os.cpus();
  for (const { times } of cpus) {
    const used = times.user + times.nice + times.sys + times.irq;
    busy += used;
    total += used + times.idle;
  }
  const own = process.cpuUsage();
  return { busy, total, own: (own.user + own.system) / 1000, at: performance.now(), cores: cpus.length };
}

export class IdleCores {
  private readonly start = sample();

  /**
   * Cores not busy with other processes' work since the sampler was made (fractional, 0 to the
   * number of cores). Waits until the window is long enough to count.
   */
  async free(): Promise<number> {
    const elapsed = performance.now() - this.start.at;
    if (elapsed < MIN_WINDOW_MS) await wait(MIN_WINDOW_MS - elapsed);
    return freeBetween(this.start, sample());
  }
}

export function freeBetween(from: Sample, to: Sample): number {
  const listed = to.cores;
  const window = (to.total - from.total) / listed;
  // No per-core times (some containers list no CPUs): the load average is all there is.
  if (!(window > 0)) return Math.max(0, cores() - os.loadavg()[0]!);
  const others = Math.max(0, to.busy - from.busy - (to.own - from.own)) / window;
  return Math.max(0, Math.min(listed, listed - others));
}

/**
 * Cores one scanning thread keeps busy: its own, and V8's compiler and collector threads beside it.
 * Measured on the generated 10,000-file workspace of `npm run bench` on an idle 2-core machine: a
 * single-threaded cold `check` used 5.4 s of CPU in 3.6 s (1.5 cores), and without concurrent
 * recompilation its wall time grew by a second. A worker there (7.0 s of CPU: its isolate compiles,
 * warms up and collects on its own) made the check slower, 3.8–4.2 s against 3.5–3.8 s.
 */
export const CORES_PER_THREAD = 1.5;

/**
 * Workers for this many free cores: as many scanning threads as the free cores keep busy (see
 * CORES_PER_THREAD), less the main thread when it scans too. On 2 cores that is none, as on a busy
 * machine: workers would only add their start-up to the work.
 */
export function workersFor(free: number, mainThreadScans: boolean): number {
  return Math.max(0, Math.floor(free / CORES_PER_THREAD) - (mainThreadScans ? 1 : 0));
}
