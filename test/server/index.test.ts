import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType, type CodeLens, type Hover } from 'vscode-languageserver-protocol';
import { FeaturesRequest, type FeaturesResult } from '../../server/src/protocol';
import { copyFixture, removeDir } from '../helpers/fixtures';
import { TestClient } from './helpers/lsp-client';

describe('language server: workspace index', () => {
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture('scan/shop');
    client = await TestClient.start(root);
    await client.waitReady();
  });

  afterEach(async () => {
    await client.stop();
    removeDir(root);
  });

  async function featureKeys(): Promise<string[]> {
    const result: FeaturesResult = await client.connection.sendRequest(FeaturesRequest, {});
    return result.features.map((f) => f.key);
  }

  it('indexes the workspace with work-done progress and reports a ready status', async () => {
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(kinds.includes('report'));
    const ready = client.statuses.find((s) => s.state === 'ready')!;
    assert.equal(ready.files, 6);
    assert.equal(ready.features, 4);
    assert.deepEqual(await featureKeys(), ['bulk-export', 'checkout-v2', 'express-pay', 'reports-sharing']);
  });

  it('hovers a tracking call and a flag check', async () => {
    const uri = client.uri(root, 'src/checkout/Checkout.tsx');
    const text = fs.readFileSync(path.join(root, 'src/checkout/Checkout.tsx'), 'utf8');
    await client.open(uri, text);
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 8, character: 20 },
    });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*Event `Checkout Viewed`\*\* · segment `analytics\.track`/);
    assert.match(value, /a constant imported from another file/);
    const flagHover: Hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 5, character: 12 },
    });
    assert.match(
      (flagHover.contents as { value: string }).value,
      /\*\*Feature `checkout-v2`\*\* · launchdarkly `useFlags`/,
    );
  });

  it('shows a code lens above each entry point', async () => {
    const uri = client.uri(root, 'src/reports/Reports.tsx');
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', {
      textDocument: { uri },
    });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [8, 'reports-sharing · discovery ✗ · activation ✓ · value ✗'],
        [10, 'bulk-export · discovery ✗ · activation ✗ · value ✗'],
      ],
    );
  });

  it('follows unsaved edits, survives a syntax error mid-edit, and goes back to disk on close', async () => {
    const uri = client.uri(root, 'src/reports/Reports.tsx');
    const text = fs.readFileSync(path.join(root, 'src/reports/Reports.tsx'), 'utf8');
    await client.open(uri, text);
    let since = client.statuses.length;
    await client.change(uri, [
      {
        text: `${text}\nexport const x = useFeatureFlagEnabled('typed-flag');\nimport { useFeatureFlagEnabled } from 'posthog-js/react';\n`,
      },
    ]);
    await client.waitReady(since);
    assert.ok((await featureKeys()).includes('typed-flag'));
    since = client.statuses.length;
    await client.change(uri, [{ text: `${text}\nexport const broken = (;\n` }]);
    await client.waitReady(since);
    assert.ok(!(await featureKeys()).includes('typed-flag'));
    since = client.statuses.length;
    await client.close(uri);
    await client.waitReady(since);
    assert.ok((await featureKeys()).includes('bulk-export'));
  });

  it('picks up files created, changed and deleted on disk', async () => {
    const rel = 'src/new/Promo.tsx';
    fs.mkdirSync(path.join(root, 'src/new'));
    fs.writeFileSync(
      path.join(root, rel),
      `import posthog from 'posthog-js';\nposthog.isFeatureEnabled('promo-banner');\n`,
    );
    let since = client.statuses.length;
    await client.filesChanged([{ uri: client.uri(root, rel), type: FileChangeType.Created }]);
    await client.waitReady(since);
    assert.ok((await featureKeys()).includes('promo-banner'));
    fs.writeFileSync(
      path.join(root, rel),
      `import posthog from 'posthog-js';\nposthog.isFeatureEnabled('promo-renamed');\n`,
    );
    since = client.statuses.length;
    await client.filesChanged([{ uri: client.uri(root, rel), type: FileChangeType.Changed }]);
    await client.waitReady(since);
    const keys = await featureKeys();
    assert.ok(keys.includes('promo-renamed') && !keys.includes('promo-banner'));
    fs.rmSync(path.join(root, rel));
    since = client.statuses.length;
    await client.filesChanged([{ uri: client.uri(root, rel), type: FileChangeType.Deleted }]);
    await client.waitReady(since);
    assert.ok(!(await featureKeys()).includes('promo-renamed'));
  });
});

describe('activation-lens lsp --stdio', () => {
  it('runs the same server from the CLI', async () => {
    const root = copyFixture('scan/shop');
    const client = await TestClient.start(root, {
      args: [path.resolve(__dirname, '..', '..', 'bin', 'activation-lens.js'), 'lsp', '--stdio'],
    });
    try {
      const ready = await client.waitReady();
      assert.equal(ready.features, 4);
    } finally {
      await client.stop();
      removeDir(root);
    }
  });
});

describe('language server: persistent index', () => {
  it('writes the index to the client storage folder at shutdown and starts from it', async () => {
    const root = copyFixture('scan/shop');
    const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'al-storage-'));
    try {
      const keys = async (client: TestClient) => {
        await client.waitReady();
        const result: FeaturesResult = await client.connection.sendRequest(FeaturesRequest, {});
        return result.features.map((f) => f.key);
      };
      const first = await TestClient.start(root, { initializationOptions: { storagePath } });
      const before = await keys(first);
      await first.stop();
      const index = fs.readdirSync(path.join(storagePath, 'index'));
      assert.equal(index.filter((f) => f.endsWith('.json')).length, 1, index.join(', '));
      const second = await TestClient.start(root, { initializationOptions: { storagePath } });
      try {
        assert.deepEqual(await keys(second), before);
      } finally {
        await second.stop();
      }
    } finally {
      removeDir(root);
      removeDir(storagePath);
    }
  });
});
