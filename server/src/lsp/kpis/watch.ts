// Watches the event files of a plan (`kpis.events` globs) on disk, so that appending events moves the
// numbers within seconds. The server watches them itself: event files are often ignored by version
// control, outside the sources the editor reports changes of, and any LSP client should get this.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

export interface Watch {
  close(): void;
}

/** Calls `onChange` whenever a file matching one of `patterns` (relative to `baseDir`) changes. */
export function watchEventFiles(
  patterns: readonly string[],
  baseDir: string,
  onChange: (file: string) => void,
  onError: (message: string) => void,
): Watch {
  const watchers: fs.FSWatcher[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(baseDir, pattern).split(path.sep).join('/');
    const scan = picomatch.scan(absolute);
    // A plain file name: watch its folder for that name.
    const dir = scan.isGlob ? scan.base : path.posix.dirname(absolute);
    const rest = scan.isGlob ? scan.glob : path.posix.basename(absolute);
    const matches = picomatch(rest, { dot: true });
    const recursive = rest.includes('/') || rest.includes('**');
    try {
      const watcher = fs.watch(dir || '/', { recursive, persistent: false }, (_event, name) => {
        if (name === null) return onChange(dir);
        const rel = name.toString().split(path.sep).join('/');
        if (matches(rel)) onChange(path.posix.join(dir, rel));
      });
      watcher.on('error', (error) => onError(`cannot watch ${dir}: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      // The folder may not exist yet; the scope's next update watches again.
      onError(`cannot watch ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { close: () => watchers.forEach((w) => w.close()) };
}
