// Packages the extension as `npm run package` does and checks what the .vsix holds: what VS Code needs
// at run time, and nothing of the development tree.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../../helpers/cli';
import { readZip } from '../../helpers/zip';

interface Manifest {
  main: string;
  icon: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  contributes: {
    grammars?: { path: string }[];
    jsonValidation?: { url: string }[];
    viewsContainers?: Record<string, { icon: string }[]>;
  };
}

const PREFIX = 'extension/';

function filesUnder(dir: string): string[] {
  const root = path.join(REPO, dir);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe('the .vsix package', function () {
  this.timeout(180_000);
  let tmp: string;
  let entries: Map<string, Buffer>;
  let files: string[];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-lens-vsix-test-'));
    const vsix = path.join(tmp, 'activation-lens.vsix');
    const result = spawnSync(process.execPath, ['scripts/package-vsix.mjs', '--out', vsix], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
    entries = await readZip(vsix);
    files = [...entries.keys()].filter((f) => f.startsWith(PREFIX)).map((f) => f.slice(PREFIX.length));
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const manifest = (): Manifest =>
    JSON.parse(entries.get(`${PREFIX}package.json`)!.toString('utf8')) as Manifest;

  it('holds the bundled client, server, KPI worker and dashboard, and the documents of the extension page', () => {
    for (const file of [
      'package.json',
      'dist/client.js',
      'dist/server.js',
      // loaded on demand by the server (parsing) and run by the scan worker threads
      'dist/parser.js',
      'dist/scan-worker.js',
      // the live KPI computations' child process and the dashboard webview
      'dist/kpi-worker.js',
      'dist/dashboard.js',
      'dist/dashboard-style.css',
      'readme.md',
      'changelog.md',
      'LICENSE.txt',
      'images/icon.png',
    ]) {
      assert.ok(files.includes(file), `${file} is packaged`);
    }
    assert.ok(entries.has('extension.vsixmanifest'));
  });

  it('leaves TypeScript and typescript-estree out of the server bundle: they are in dist/parser.js, loaded on demand', () => {
    // A server started from the persistent index then never loads them (70 MB of its memory).
    const server = entries.get(`${PREFIX}dist/server.js`)!.toString('utf8');
    const parser = entries.get(`${PREFIX}dist/parser.js`)!.toString('utf8');
    for (const marker of ['createSourceFile', 'convertProgram']) {
      assert.ok(parser.includes(marker), `dist/parser.js holds ${marker}`);
      assert.ok(!server.includes(marker), `dist/server.js does not hold ${marker}`);
    }
  });

  it('holds every grammar and schema file of the repository', () => {
    const wanted = [...filesUnder('syntaxes'), ...filesUnder('schemas')];
    assert.ok(wanted.length > 0);
    assert.deepEqual(
      wanted.filter((file) => !files.includes(file)),
      [],
    );
  });

  it('leaves out the CLI: the client starts dist/server.js, and the CLI ships on npm', () => {
    assert.deepEqual(
      files.filter((file) => file === 'dist/cli.js' || file.startsWith('bin/')),
      [],
    );
  });

  it('holds every file its manifest points to (for VS Code: npm `bin` is not one)', () => {
    const m = manifest();
    const referenced = [
      m.main,
      m.icon,
      ...(m.contributes.grammars ?? []).map((g) => g.path),
      ...Object.values(m.contributes.viewsContainers ?? {}).flatMap((list) => list.map((c) => c.icon)),
      ...(m.contributes.jsonValidation ?? []).map((v) => v.url).filter((url) => !/^[a-z]+:/.test(url)),
    ].map((file) => path.posix.normalize(file));
    assert.deepEqual(
      referenced.filter((file) => !files.includes(file)),
      [],
    );
  });

  it('has a 128×128 PNG icon', () => {
    const png = entries.get(`${PREFIX}images/icon.png`)!;
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('holds no tests, sources, source maps or build configuration of its own', () => {
    const unwanted = files.filter(
      (file) =>
        !file.startsWith('node_modules/') &&
        (/(^|\/)(test|tests|test-results|client|server|examples|bench|scripts|src)\//.test(file) ||
          /\.(ts|tsx|map|mjs)$/.test(file) ||
          /(^|\/)(tsconfig\.json|\.vscodeignore|\.mocharc\.json|eslint\.config\.mjs|esbuild\.mjs|package-lock\.json)$/.test(
            file,
          )),
    );
    assert.deepEqual(unwanted, []);
  });

  it('ships from node_modules only the run-time packages of scripts/runtime-packages.json and their dependencies', () => {
    const runtime = (
      JSON.parse(fs.readFileSync(path.join(REPO, 'scripts', 'runtime-packages.json'), 'utf8')) as {
        packages: string[];
      }
    ).packages;
    const shipped = new Map<string, Manifest>();
    for (const file of files) {
      const match = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file);
      if (match) shipped.set(match[1]!, JSON.parse(entries.get(PREFIX + file)!.toString('utf8')) as Manifest);
    }
    assert.deepEqual(
      runtime.filter((name) => !shipped.has(name)),
      [],
      'run-time packages missing from the package',
    );
    const needed = new Set(runtime);
    for (const m of shipped.values()) {
      for (const dep of Object.keys({ ...m.dependencies, ...m.optionalDependencies })) needed.add(dep);
    }
    assert.deepEqual(
      [...shipped.keys()].filter((name) => !needed.has(name)),
      [],
      'packages shipped that nothing needs at run time',
    );
    const stray = files.filter((file) => {
      const owner = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
      return owner !== undefined && !shipped.has(owner);
    });
    assert.deepEqual(stray, [], 'node_modules files outside the shipped packages');
  });
});
