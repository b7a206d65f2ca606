// The extension-host suites (test/e2e/host/suites/<suite>.test.ts) and the folder of
// test/fixtures/e2e each runs on. Used by the code-server run (in-host.test.ts) and test-electron.
export const HOST_SUITES: { suite: string; workspace: string; workspaceTrust?: boolean }[] = [
  { suite: 'activation', workspace: 'workspace' },
  { suite: 'editor', workspace: 'workspace' },
  { suite: 'sources', workspace: 'sources' },
  // Workspace Trust on: the folder opens untrusted (Restricted Mode).
  { suite: 'untrusted', workspace: 'sources', workspaceTrust: true },
];
