// The KPI cache on disk: the last computation of each plan's KPIs, so the next start shows them at
// once (with their age) while the source is queried again. It lives in the editor's storage for the
// workspace (VS Code: `ExtensionContext.storageUri`, passed as `initializationOptions.storagePath`),
// never in the repository; other editors get a per-workspace folder in the user's cache directory.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LiveKpis } from '../../kpi/live/result';

const VERSION = 1;

export interface Snapshot {
  kpis: LiveKpis;
  /** ISO 8601: when the computation finished. */
  computedAt: string;
  /** Identifies what was computed (features, events, settings); a different key means recompute. */
  jobKey: string;
  /** `duckdb · events/*.ndjson`. */
  sourceText: string;
}

interface CacheFile {
  version: number;
  scope: string;
  snapshot: Snapshot;
}

/** The user's cache folder for a workspace when the editor gives no storage of its own. */
export function defaultCacheDir(workspaceRoots: readonly string[]): string {
  const base =
    process.platform === 'win32'
      ? (process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Caches')
        : (process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'));
  const id = hash([...workspaceRoots].sort().join('\n'));
  return path.join(base, 'activation-lens', 'workspaces', id);
}

export function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export class KpiCache {
  constructor(readonly dir: string) {}

  private fileOf(scope: string): string {
    return path.join(this.dir, `kpis-${hash(scope)}.json`);
  }

  /** The cached snapshot of a scope; undefined when none, unreadable or of another version. */
  read(scope: string): Snapshot | undefined {
    try {
      const data = JSON.parse(fs.readFileSync(this.fileOf(scope), 'utf8')) as CacheFile;
      return data.version === VERSION && data.scope === scope && data.snapshot?.kpis?.result
        ? data.snapshot
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (a reader never sees half a file). Failures are the caller's to report. */
  write(scope: string, snapshot: Snapshot): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.fileOf(scope);
    const tmp = `${file}.${process.pid}.tmp`;
    const data: CacheFile = { version: VERSION, scope, snapshot };
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, file);
  }
}
