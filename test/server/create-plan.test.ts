// `activationLens/createPlan` over a real LSP connection: the editor's "Create Plan from Code".
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CreatePlanRequest, type CreatePlanResult } from '../../server/src/protocol';
import { copyFixture, removeDir } from '../helpers/fixtures';
import { TestClient } from './helpers/lsp-client';

describe('language server: createPlan', () => {
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture('e2e/workspace');
    fs.rmSync(path.join(root, 'activation-lens.yaml'));
    client = await TestClient.start(root);
    await client.waitReady();
  });

  afterEach(async () => {
    await client.stop();
    removeDir(root);
  });

  const request = (force?: boolean): Promise<CreatePlanResult> =>
    client.connection.sendRequest(CreatePlanRequest, {
      folder: URI.file(root).toString(),
      ...(force === undefined ? {} : { force }),
    });

  it('drafts the plan of a folder without one, then leaves it alone unless forced', async () => {
    const planUri = URI.file(path.join(root, 'activation-lens.yaml')).toString();
    const written = await request();
    assert.deepEqual(written, { status: 'written', uri: planUri, created: true, features: 3, gaps: 5 });
    const text = fs.readFileSync(path.join(root, 'activation-lens.yaml'), 'utf8');
    assert.match(text, /\n {2}checkout-v2:\n {4}flag: checkout-v2\n/);

    fs.appendFileSync(path.join(root, 'activation-lens.yaml'), '# reviewed\n');
    assert.deepEqual(await request(), { status: 'exists', uri: planUri });
    const forced = await request(true);
    assert.equal(forced.status, 'written');
    assert.match(fs.readFileSync(path.join(root, 'activation-lens.yaml'), 'utf8'), /# reviewed\n$/);
  });

  it('answers an error for a folder that is not on disk', async () => {
    await assert.rejects(
      client.connection.sendRequest(CreatePlanRequest, { folder: 'untitled:Untitled-1' }),
      /not a folder on disk/,
    );
  });
});
