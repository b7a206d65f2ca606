// `npm run test:electron`: the extension-host suites in desktop VS Code, downloaded by
// @vscode/test-electron, for machines that can download it. Offline (as on this project's CI) the
// download fails: `npm test` runs the same suites in code-server instead (docs/testing.md).
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readZip } from '../../helpers/zip';
import { generateDemoEvents } from '../harness/demo';
import { DEMO_WORKSPACE, HOST_TESTS_ENTRY, requireFile, VSIX, workspaceDir } from '../harness/paths';
import { HOST_SUITES } from '../suites';

// The VS Code release that code-server 4.100.3 is built on, so both routes test the same editor.
const VSCODE_VERSION = '1.100.3';

/** Unpacks the extension folder of the .vsix, so that the packaged extension is what runs. */
async function unpackVsix(dest: string): Promise<string> {
  const extension = path.join(dest, 'extension');
  for (const [name, data] of await readZip(requireFile(VSIX, 'npm run package'))) {
    if (!name.startsWith('extension/')) continue;
    const file = path.join(dest, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
  return extension;
}

async function main(): Promise<number> {
  if (HOST_SUITES.some((s) => s.workspace === DEMO_WORKSPACE)) generateDemoEvents();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'al-electron-'));
  try {
    const extensionDevelopmentPath = await unpackVsix(tmp);
    let failed = 0;
    for (const { suite, workspace } of HOST_SUITES) {
      const folder = path.join(tmp, `ws-${suite}`);
      fs.cpSync(workspaceDir(workspace), folder, { recursive: true });
      const code = await runTests({
        version: VSCODE_VERSION,
        extensionDevelopmentPath,
        extensionTestsPath: requireFile(HOST_TESTS_ENTRY, 'npm run build'),
        extensionTestsEnv: { ACTIVATION_LENS_E2E_SUITES: suite },
        launchArgs: [
          folder,
          '--disable-extensions',
          '--disable-workspace-trust',
          `--user-data-dir=${path.join(tmp, `user-data-${suite}`)}`,
        ],
      }).catch((error: unknown) => {
        console.error(`suite ${suite}: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      });
      if (code !== 0) failed++;
    }
    return failed === 0 ? 0 : 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
