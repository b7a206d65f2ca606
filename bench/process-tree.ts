// Samples the resident memory of a process and of its descendants (Linux /proc): the language server
// starts worker threads (counted in its own RSS) and child processes (the KPI worker: not counted in
// its `getrusage` peak), so a benchmark reports both the server's own peak and the tree's.
import * as fs from 'node:fs';

function statusField(pid: number, field: string): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined; // gone, or not Linux
  }
}

/** Process ids of the descendants of `root` (children, their children, …). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: the parent id follows its last `)`.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const [child, parent] of parents)
      if (parent === pid) {
        out.push(child);
        queue.push(child);
      }
  }
  return out;
}

export interface TreeMemory {
  /** The process's own peak RSS (VmHWM: all its threads), bytes. */
  ownPeak: number;
  /** The largest sum of the RSS of the process and its descendants seen while sampling, bytes. */
  treePeak: number;
  /** Descendant processes seen. */
  children: number;
}

/** Samples `pid` and its descendants every `intervalMs` until `stop()` (which returns the peaks). */
export function sampleTree(pid: number, intervalMs = 100): { stop(): TreeMemory } {
  const seen = new Set<number>();
  let ownPeak = 0;
  let treePeak = 0;
  const sample = () => {
    const own = statusField(pid, 'VmHWM');
    if (own === undefined) return;
    ownPeak = Math.max(ownPeak, own);
    let tree = statusField(pid, 'VmRSS') ?? 0;
    for (const child of descendants(pid)) {
      seen.add(child);
      tree += statusField(child, 'VmRSS') ?? 0;
    }
    treePeak = Math.max(treePeak, tree);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { ownPeak, treePeak, children: seen.size };
    },
  };
}
