// The plan file commands: open the workspace's activation-lens.yaml, and draft one from the features
// found in the code (the server runs `activation-lens init`'s logic, so the client stays thin).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CreatePlanRequest, type CreatePlanParams, type CreatePlanResult } from '../../server/src/protocol';

export const CREATE_PLAN_COMMAND = 'activationLens.createPlan';
const PLAN_GLOB = '**/activation-lens.{yaml,yml,json}';

/** Opens the plan file; with several (a monorepo), asks which, the shallowest first. */
export async function openPlanFile(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(PLAN_GLOB, '**/node_modules/**', 100);
  if (found.length === 0) {
    const create = 'Create Plan from Code';
    if (
      (await vscode.window.showInformationMessage('No activation-lens.yaml in this workspace.', create)) ===
      create
    )
      await vscode.commands.executeCommand(CREATE_PLAN_COMMAND);
    return undefined;
  }
  const items = found
    .map((uri) => ({ uri, label: vscode.workspace.asRelativePath(uri, true) }))
    .sort((a, b) => a.label.split('/').length - b.label.split('/').length || a.label.localeCompare(b.label));
  const uri =
    items.length === 1
      ? items[0]!.uri
      : (await vscode.window.showQuickPick(items, { placeHolder: 'Which plan file?' }))?.uri;
  if (uri) await vscode.window.showTextDocument(uri);
  return uri;
}

/**
 * Drafts the folder's plan. With `options` it runs without asking (the result is returned); without,
 * it asks before updating an existing plan and opens the file it wrote.
 */
export async function createPlan(
  client: LanguageClient,
  folderArg?: vscode.Uri,
  options?: { force?: boolean },
): Promise<CreatePlanResult | undefined> {
  const folder = folderArg
    ? (vscode.workspace.getWorkspaceFolder(folderArg)?.uri ?? folderArg)
    : await pickFolder();
  if (!folder) return undefined;
  const request = (force: boolean) =>
    client.sendRequest<CreatePlanResult>(CreatePlanRequest, {
      folder: client.code2ProtocolConverter.asUri(folder),
      force,
    } satisfies CreatePlanParams);
  let result = await request(options?.force === true);
  const name = (uri: string) => path.basename(vscode.Uri.parse(uri).fsPath);
  if (result.status === 'exists' && options === undefined) {
    const update = 'Update Plan';
    const answer = await vscode.window.showWarningMessage(
      `${name(result.uri)} exists already. Add the features and events found in the code to it?`,
      { modal: true, detail: 'Everything the plan says now is kept, comments included.' },
      update,
    );
    if (answer !== update) return result;
    result = await request(true);
  }
  if (options !== undefined) return result;
  if (result.status === 'invalid') {
    void vscode.window.showErrorMessage(
      `Activation Lens: cannot update ${name(result.uri)}: ${result.message}`,
    );
  } else if (result.status === 'written') {
    await vscode.window.showTextDocument(vscode.Uri.parse(result.uri));
    const gaps = `${result.gaps} gap${result.gaps === 1 ? '' : 's'}`;
    void vscode.window.showInformationMessage(
      `Activation Lens: ${result.created ? 'wrote' : 'updated'} ${name(result.uri)} with ${result.features} feature${result.features === 1 ? '' : 's'} (${gaps}).`,
    );
  }
  return result;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Activation Lens: open a folder to create its plan.');
    return undefined;
  }
  if (folders.length === 1) return folders[0]!.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the plan of which folder?' }))
    ?.uri;
}
