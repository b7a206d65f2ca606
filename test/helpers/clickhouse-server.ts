// A private `clickhouse-server` (Debian's package, 18.16) for the tests: its own temporary config
// and data folder, loopback only, free ports, a random password; started as the leader of a new
// process group and stopped with it, then its folder is removed. Starts in about a second.
import { type ChildProcess, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestClickHouse {
  /** `http://127.0.0.1:<port>` (the HTTP interface). */
  url: string;
  user: string;
  password: string;
  /** Runs a statement (or a query: its text output is returned). */
  query(sql: string, body?: string): Promise<string>;
  stop(): Promise<void>;
}

const BINARIES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'];

export function clickHouseBinary(): string {
  const found = BINARIES.find((b) => fs.existsSync(b));
  if (!found) {
    throw new Error(
      'clickhouse-server is not installed: run `bash scripts/setup-test-deps.sh` (npm test does)',
    );
  }
  return found;
}

/** A loopback port nothing listens on (at the time of asking). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ClickHouseOptions {
  /** Per-query memory limit in bytes (default 4 GB). */
  maxMemoryUsage?: number;
  /** Log every query in system.query_log (the bench reads rows read and memory from it). */
  queryLog?: boolean;
  /** Further settings of the default profile, e.g. `max_bytes_before_external_group_by`. */
  profile?: Record<string, number>;
}

function xml(dir: string, httpPort: number, tcpPort: number, password: string, options: ClickHouseOptions) {
  const queryLog = options.queryLog
    ? '<query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>'
    : '';
  const config = `<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  ${queryLog}
</yandex>
`;
  const users = `<yandex>
  <profiles><default><max_memory_usage>${options.maxMemoryUsage ?? 4_000_000_000}</max_memory_usage>${options.queryLog ? '<log_queries>1</log_queries>' : ''}${Object.entries(
    options.profile ?? {},
  )
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</default></profiles>
  <users>
    <default><password>${password}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
  </users>
  <quotas><default></default></quotas>
</yandex>
`;
  return { config, users };
}

export async function startClickHouse(options: ClickHouseOptions = {}): Promise<TestClickHouse> {
  const binary = clickHouseBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-clickhouse-'));
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) fs.mkdirSync(path.join(dir, sub));
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  const password = crypto.randomBytes(12).toString('hex');
  const { config, users } = xml(dir, httpPort, tcpPort, password, options);
  fs.writeFileSync(path.join(dir, 'config.xml'), config);
  fs.writeFileSync(path.join(dir, 'users.xml'), users);
  const out = fs.openSync(path.join(dir, 'stdout.log'), 'a');
  const child: ChildProcess = spawn(binary, [`--config-file=${path.join(dir, 'config.xml')}`], {
    cwd: dir,
    detached: true, // its own process group, stopped as a whole
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${httpPort}`;
  const auth = `Basic ${Buffer.from(`default:${password}`).toString('base64')}`;
  const query = async (sql: string, body?: string) => {
    const target = body === undefined ? url : `${url}/?query=${encodeURIComponent(sql)}`;
    const response = await fetch(target, {
      method: 'POST',
      headers: { Authorization: auth },
      body: body ?? sql,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`ClickHouse: ${text.trim()}`);
    return text;
  };
  const stop = async () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exit;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      const log = ['stdout.log', 'error.log']
        .map((f) => path.join(dir, f))
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('\n');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`clickhouse-server exited at start:\n${log.slice(-2000)}`);
    }
    try {
      const ping = await fetch(`${url}/ping`);
      if (ping.ok && (await ping.text()).startsWith('Ok')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('clickhouse-server did not answer /ping within 30 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, user: 'default', password, query, stop };
}
