// `activationLens/createPlan`: `activation-lens init` for editors. It reads the folder from disk, as
// the CLI does (unsaved edits are not in the draft), and the file watcher then re-indexes the plan.
import { ResponseError } from 'vscode-languageserver';
import type { CreatePlanParams, CreatePlanResult } from '../protocol';
import { initPlan } from '../workspace/init';
import { pathToUri, uriToPath } from './uris';

export async function createPlan(params: CreatePlanParams): Promise<CreatePlanResult> {
  const root = uriToPath(params.folder);
  if (!root) throw new ResponseError(-32602, `not a folder on disk: ${params.folder}`);
  const outcome = await initPlan(root, { force: params.force === true });
  const uri = pathToUri(outcome.file);
  switch (outcome.status) {
    case 'exists':
      return { status: 'exists', uri };
    case 'invalid':
      return { status: 'invalid', uri, message: outcome.message };
    case 'written':
      return {
        status: 'written',
        uri,
        created: outcome.created,
        features: outcome.features,
        gaps: outcome.gaps.length,
      };
  }
}
