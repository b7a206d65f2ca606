// The editor-test harness (docs/testing.md). In-host suites: add test/e2e/host/suites/<name>.test.ts
// and a line in test/e2e/in-host.test.ts. UI tests: add test/e2e/ui/<name>.test.ts using
// openWorkbenchSession and the helpers below.
export { launchChromium, openWorkbench, remoteUri } from './browser';
export { QUIET_SETTINGS, startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
export { generateDemoEvents } from './demo';
export { DEMO_WORKSPACE, EXTENSION_ID, FIXTURES_DIR, RESULTS_DIR, VSIX, workspaceDir } from './paths';
export { runInCodeServer, type HostRunOptions } from './runInCodeServer';
export {
  openFile,
  openWorkbenchSession,
  runCommand,
  screenshot,
  screenshotFailuresAndClose,
  statusBarItem,
  type WorkbenchSession,
} from './workbench';
