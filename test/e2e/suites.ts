// The extension-host suites (test/e2e/host/suites/<suite>.test.ts) and the folder of
// test/fixtures/e2e each runs on (`demo`: the README's demo workspace, examples/demo-shop). Used by
// the code-server run (in-host.test.ts) and test-electron.
export const HOST_SUITES: { suite: string; workspace: string; workspaceTrust?: boolean }[] = [
  { suite: 'activation', workspace: 'workspace' },
  { suite: 'editor', workspace: 'workspace' },
  { suite: 'kpis', workspace: 'demo' },
  { suite: 'sources', workspace: 'sources' },
  // Workspace Trust on: the folder opens untrusted (Restricted Mode).
  { suite: 'untrusted', workspace: 'sources', workspaceTrust: true },
];
