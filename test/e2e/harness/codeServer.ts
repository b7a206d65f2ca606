// Starts a real VS Code server (code-server, installed by scripts/setup-test-deps.sh) on loopback with
// a throw-away profile, installs .vsix files into it, and stops it with every process it started.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { waitFor } from '../wait';
import { CODE_SERVER_BIN, requireFile, VSIX } from './paths';
import { elapsed, type Timings } from './timings';

/** User settings that keep a test run quiet and offline. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
};

export interface CodeServerOptions {
  /** .vsix files installed before start-up; default: the extension built by `npm run package`. */
  vsix?: string[];
  /** Environment added for code-server and so for its extension host. */
  env?: Record<string, string>;
  /** User settings added to QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /**
   * Turn Workspace Trust on (off by default): the folder then opens in Restricted Mode, without the
   * start-up question.
   */
  workspaceTrust?: boolean;
  /** code-server's `--log` level (`trace`: output channels keep trace lines, e.g. LSP traces). */
  logLevel?: 'trace' | 'debug' | 'info';
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>`, the authority of `vscode-remote://` URIs. */
  readonly authority: string;
  readonly extensionsDir: string;
  readonly timings: Timings;
  /** What code-server printed, for failure reports. */
  readonly log: string[];
  /** The folder an installed extension was unpacked to. */
  extensionPath(id: string): string;
  /** Every log file code-server and its extension hosts wrote so far (output channels included). */
  logFiles(): string[];
  stop(): Promise<void>;
}

const run = promisify(execFile);

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  requireFile(CODE_SERVER_BIN, 'bash scripts/setup-test-deps.sh');
  const timings: Timings = {};
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-cs-'));
  const dirs = Object.fromEntries(
    ['user-data', 'extensions', 'config', 'data', 'cache', 'tmp'].map((name) => {
      const dir = path.join(root, name);
      fs.mkdirSync(dir, { recursive: true });
      return [name, dir];
    }),
  ) as Record<'user-data' | 'extensions' | 'config' | 'data' | 'cache' | 'tmp', string>;
  fs.mkdirSync(path.join(dirs['user-data'], 'User'));
  fs.writeFileSync(
    path.join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify(
      {
        ...QUIET_SETTINGS,
        ...(options.workspaceTrust
          ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
          : {}),
        ...options.settings,
      },
      null,
      2,
    ),
  );
  // Port 0: the kernel picks a free port and code-server prints the address it bound.
  const configFile = path.join(root, 'config.yaml');
  fs.writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    // Variables of an editor the tests may be started from would be taken for this server's own.
    if (key.startsWith('VSCODE_') || key === 'NODE_OPTIONS' || key === 'ELECTRON_RUN_AS_NODE')
      delete env[key];
  }
  Object.assign(env, {
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    ...options.env,
  });
  const common = [
    '--config',
    configFile,
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
  ];

  for (const vsix of options.vsix ?? [requireFile(VSIX, 'npm run package')]) {
    const started = Date.now();
    await run(CODE_SERVER_BIN, [...common, '--install-extension', vsix], { env });
    timings[`install ${path.basename(vsix)}`] = elapsed(started);
  }

  const started = Date.now();
  // detached: code-server leads a new session and process group (setsid), so that stop() can end
  // the extension hosts, language servers and tsservers it starts along with it.
  const child = spawn(
    CODE_SERVER_BIN,
    [
      ...common,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(options.logLevel ? ['--log', options.logLevel] : []),
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log: string[] = [];
  const listening = new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.push(line);
        const address = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
        if (address) resolve(address);
      });
    }
    child.once('exit', (code, signal) =>
      reject(new Error(`code-server exited (${signal ?? code}) before listening:\n${log.join('\n')}`)),
    );
    setTimeout(
      () => reject(new Error(`code-server did not listen within 60 s:\n${log.join('\n')}`)),
      60_000,
    ).unref();
  });
  const stop = async (): Promise<void> => {
    await killGroup(child);
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    const url = await listening;
    timings['code-server start'] = elapsed(started);
    const authority = new URL(url).host;
    return {
      url,
      authority,
      extensionsDir: dirs.extensions,
      timings,
      log,
      extensionPath: (id) => installedExtensionPath(dirs.extensions, id),
      logFiles: () => logFilesUnder(root),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function installedExtensionPath(extensionsDir: string, id: string): string {
  const prefix = `${id.toLowerCase()}-`;
  const found = fs.readdirSync(extensionsDir).find((name) => name.toLowerCase().startsWith(prefix));
  if (!found) throw new Error(`${id} is not installed in ${extensionsDir}`);
  return path.join(extensionsDir, found);
}

/** Ends code-server's whole process group: SIGTERM, then SIGKILL for what is still there after 10 s. */
async function killGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const alive = (): boolean => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  try {
    await waitFor('code-server to exit', () => !alive(), { timeoutMs: 10_000 });
  } catch {
    signal('SIGKILL');
    await waitFor('code-server to be killed', () => !alive(), { timeoutMs: 10_000 });
  }
}

/** Files under any `logs` folder below `dir`. */
function logFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, inLogs: boolean) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full, inLogs || entry.name === 'logs');
      else if (inLogs && entry.isFile()) out.push(full);
    }
  };
  walk(dir, false);
  return out;
}
