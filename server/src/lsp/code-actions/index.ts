// Code actions from findings' fix hints: insert a missing milestone event (in the project's tracking
// style, updating the plan), insert a planned event, replace a misspelt name, and fix-all. Every edit
// is computed from the document version the findings were computed on; stale requests get nothing.
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult } from '../../core/check';
import type { FeatureModel } from '../../core/features/types';
import type { Milestone } from '../../core/plan/model';
import type { FixHint } from '../../core/rules/types';
import type { DiagnosticData } from '../diagnostics';
import { insertTrackingCall, type Insertion } from './insert-event';
import { addEventToPlan, newPlanText, type TextChange } from './plan-edit';
import { type StyleSources, trackingStyles } from './tracking-style';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.activationLens`;

/** What the code actions need of the server's state for one workspace folder. */
export interface ActionHost extends StyleSources {
  result: CheckResult;
  /** Workspace-relative path ↔ URI. */
  uriOf(file: string): string;
  /** The open document's version, or undefined when the file is not open. */
  versionOf(uri: string): number | undefined;
  /** The version the findings were computed on (undefined: the file was not open then). */
  analyzedVersion(uri: string): number | undefined;
  /** Where statements go at the start of the code an entry point gates, and the regions it gates. */
  gatesOf(
    file: string,
  ): { start: number; end: number; regions: { start: number; end: number; insertAt?: number }[] }[];
  /** Where a new plan is created for a workspace with none. */
  newPlanFile: string;
}

type Add = Extract<FixHint, { kind: 'add-event' }>;

export function codeActions(host: ActionHost, file: string, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  // Findings computed on another version of this document would put edits in the wrong place.
  if (host.versionOf(uri) !== host.analyzedVersion(uri)) return [];
  const only = params.context.only;
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
  const wantsFixAll =
    only?.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.SourceFixAll) ?? false;
  const actions: CodeAction[] = [];
  if (wantsQuickFix) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'activation-lens') continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      if (!data?.fix) continue;
      actions.push(...actionsFor(host, file, params, diagnostic, data.fix));
    }
  }
  if (wantsFixAll) {
    const fixAll = fixAllAction(host, file);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function actionsFor(
  host: ActionHost,
  file: string,
  params: CodeActionParams,
  diagnostic: LspDiagnostic,
  fix: FixHint,
): CodeAction[] {
  switch (fix.kind) {
    case 'rename': {
      const action = renameAction(host, fix, diagnostic);
      return action ? [action] : [];
    }
    case 'add-event':
      return addEventActions(host, file, params, diagnostic, fix);
    case 'instrument':
      return instrumentActions(host, diagnostic, fix);
  }
}

// ---- rename --------------------------------------------------------------------------------

function renameChange(host: ActionHost, fix: Extract<FixHint, { kind: 'rename' }>): TextChange | null {
  const text = host.readFile(fix.file);
  if (text === undefined) return null;
  const written = text.slice(fix.span.startOffset, fix.span.endOffset);
  // Only a name written as a literal is rewritten: a constant's other uses are not ours to change.
  const quote = written[0];
  if (!quote || !`'"\``.includes(quote) || written[written.length - 1] !== quote) return null;
  if (quote === '`' && written.includes('${')) return null;
  const inner = fix.to
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(quote === '`' ? '`' : quote, 'g'), `\\${quote}`);
  return { start: fix.span.startOffset, end: fix.span.endOffset, text: `${quote}${inner}${quote}` };
}

function renameAction(
  host: ActionHost,
  fix: Extract<FixHint, { kind: 'rename' }>,
  diagnostic: LspDiagnostic,
): CodeAction | null {
  const change = renameChange(host, fix);
  if (!change) return null;
  const title =
    diagnostic.code === 'event-naming'
      ? `Rename event to '${fix.to}' (new data will not join the old name's)`
      : `Replace with '${fix.to}'`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: diagnostic.code !== 'event-naming',
    edit: workspaceEdit(host, new Map([[fix.file, [change]]])),
  };
}

function fixAllAction(host: ActionHost, file: string): CodeAction | null {
  const changes: TextChange[] = [];
  for (const d of host.result.diagnostics) {
    // Unambiguous fixes only: a misspelling with one close planned name. Renaming an event to meet a
    // naming convention splits its history, so it stays a deliberate, one-by-one action.
    if (
      d.file !== file ||
      (d.rule !== 'unknown-event' && d.rule !== 'unknown-flag') ||
      d.fix?.kind !== 'rename'
    )
      continue;
    const change = renameChange(host, d.fix);
    if (change && !changes.some((c) => c.start < change.end && change.start < c.end)) changes.push(change);
  }
  if (changes.length === 0) return null;
  return {
    title: 'Fix all Activation Lens misspellings',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(host, new Map([[file, changes]])),
  };
}

// ---- insert a missing milestone event -----------------------------------------------------------

function addEventActions(
  host: ActionHost,
  file: string,
  params: CodeActionParams,
  diagnostic: LspDiagnostic,
  fix: Add,
): CodeAction[] {
  const feature = host.result.features.find((f) => f.key === fix.feature);
  if (!feature) return [];
  const target = insertionTarget(host, file, params, feature, fix);
  const planChange = fix.planned ? undefined : planEdit(host, feature, fix.milestone, fix.event);
  const styles = trackingStyles(host, target?.file ?? file);
  const checks = feature.entryPoints
    .filter((ep) => ep.file === target?.file)
    .map((ep) => ep.span.startOffset);
  const insertion = target
    ? insertTrackingCall(host, styles, target.file, target.offset, fix.event, checks)
    : null;
  const actions: CodeAction[] = [];
  if (insertion && target) {
    const edits = new Map<string, TextChange[]>([[target.file, insertion.changes]]);
    const where = target.atCursor ? 'at the cursor' : `at ${target.file}:${insertion.line}`;
    const alsoPlan = planChange ? ' and add it to the plan' : '';
    actions.push({
      title: `Insert ${fix.milestone} event '${fix.event}' for ${fix.feature} (${insertion.callee}, ${where})${alsoPlan}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: workspaceEdit(host, edits, planChange),
    });
  }
  if (planChange && !insertion) {
    actions.push({
      title: `Add '${fix.event}' to ${fix.feature}'s ${fix.milestone} events in the plan`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: workspaceEdit(host, new Map(), planChange),
    });
  }
  return actions;
}

interface Target {
  file: string;
  offset: number;
  atCursor: boolean;
}

/**
 * Discovery goes where the gated code starts. Activation and value go at the cursor when it is inside
 * the feature's code, else where the gated code starts.
 */
function insertionTarget(
  host: ActionHost,
  file: string,
  params: CodeActionParams,
  feature: FeatureModel,
  fix: Add,
): Target | undefined {
  if (fix.milestone !== 'discovery') {
    const text = host.readFile(file);
    if (text !== undefined) {
      const offset = TextDocument.create(params.textDocument.uri, '', 0, text).offsetAt(params.range.start);
      const inside = regionsOf(host, feature).some(
        (r) => r.file === file && r.start <= offset && offset < r.end,
      );
      if (inside) return { file, offset, atCursor: true };
    }
  }
  if (fix.insertAt) return { ...fix.insertAt, atCursor: false };
  const start = regionsOf(host, feature).find((r) => r.insertAt !== undefined);
  return start ? { file: start.file, offset: start.insertAt!, atCursor: false } : undefined;
}

function regionsOf(host: ActionHost, feature: FeatureModel) {
  const out: { file: string; start: number; end: number; insertAt?: number }[] = [];
  for (const ep of feature.entryPoints) {
    const entry = host
      .gatesOf(ep.file)
      .find((e) => e.start === ep.span.startOffset && e.end === ep.span.endOffset);
    for (const r of entry?.regions ?? []) out.push({ file: ep.file, ...r });
  }
  return out;
}

function planEdit(
  host: ActionHost,
  feature: FeatureModel,
  milestone: Milestone,
  event: string,
): PlanChange | undefined {
  const flag = feature.flags[0] ?? feature.key;
  if (feature.planFile) {
    const text = host.readFile(feature.planFile);
    const change = text === undefined ? null : addEventToPlan(text, feature.key, milestone, event, flag);
    return change ? { file: feature.planFile, change } : undefined;
  }
  return {
    file: host.newPlanFile,
    create: true,
    change: { start: 0, end: 0, text: newPlanText(feature.key, milestone, event, flag) },
  };
}

// ---- insert a planned event that no code sends ----------------------------------------------------

function instrumentActions(
  host: ActionHost,
  diagnostic: LspDiagnostic,
  fix: Extract<FixHint, { kind: 'instrument' }>,
): CodeAction[] {
  const feature = host.result.features.find((f) => f.key === fix.feature);
  if (!feature) return [];
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const ep of feature.entryPoints) {
    const entry = host
      .gatesOf(ep.file)
      .find((e) => e.start === ep.span.startOffset && e.end === ep.span.endOffset);
    const at = entry?.regions.find((r) => r.insertAt !== undefined)?.insertAt;
    if (at === undefined || seen.has(`${ep.file}:${at}`)) continue;
    seen.add(`${ep.file}:${at}`);
    const insertion: Insertion | null = insertTrackingCall(
      host,
      trackingStyles(host, ep.file),
      ep.file,
      at,
      fix.event,
    );
    if (!insertion) continue;
    actions.push({
      title: `Insert '${fix.event}' in ${ep.file}:${insertion.line} (where ${fix.feature}'s gated code starts)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: workspaceEdit(host, new Map([[ep.file, insertion.changes]])),
    });
  }
  return actions;
}

// ---- edits ------------------------------------------------------------------------------------

interface PlanChange {
  file: string;
  change: TextChange;
  create?: boolean;
}

/** Versioned edits: a client applies them only to the document version they were computed for. */
function workspaceEdit(
  host: ActionHost,
  byFile: Map<string, TextChange[]>,
  plan?: PlanChange,
): WorkspaceEdit {
  const documentChanges: WorkspaceEdit['documentChanges'] = [];
  const all = new Map(byFile);
  if (plan && !plan.create) all.set(plan.file, [...(all.get(plan.file) ?? []), plan.change]);
  for (const [file, changes] of all) {
    const uri = host.uriOf(file);
    const text = host.readFile(file) ?? '';
    documentChanges.push(textDocumentEdit(uri, host.versionOf(uri) ?? null, text, changes));
  }
  if (plan?.create) {
    const uri = host.uriOf(plan.file);
    documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    documentChanges.push(textDocumentEdit(uri, null, '', [plan.change]));
  }
  return { documentChanges };
}

function textDocumentEdit(
  uri: string,
  version: number | null,
  text: string,
  changes: TextChange[],
): TextDocumentEdit {
  const doc = TextDocument.create(uri, '', 0, text);
  const edits: TextEdit[] = changes.map((c) => ({
    range: { start: doc.positionAt(c.start), end: doc.positionAt(c.end) },
    newText: c.text,
  }));
  return { textDocument: { uri, version }, edits };
}
