// The `scan` text output: findings grouped by file, the discovered wrappers, then a summary line.
import type { Wrapper } from '../../core/types';
import { explainWrapper } from '../../core/wrappers/explain';
import type { DirectoryAnalysis } from '../../workspace/analyze';

export function scanText(result: DirectoryAnalysis): string {
  const { analysis } = result;
  const rows = new Map<string, { pos: number; line: string }[]>();
  const add = (file: string, pos: number, line: string) => {
    let list = rows.get(file);
    if (!list) rows.set(file, (list = []));
    list.push({ pos, line });
  };
  for (const ep of analysis.entryPoints) {
    const where = `${ep.span.start.line}:${ep.span.start.column}`;
    const key = ep.feature ?? `<unresolved: ${ep.expression}>`;
    const exposure = ep.autoExposure ? '  (logs exposure)' : '';
    add(
      ep.file,
      ep.span.startOffset,
      `  ${where.padEnd(8)} flag   ${key}  ${ep.sdk} ${ep.callee}${exposure}`,
    );
  }
  for (const call of analysis.trackingCalls) {
    const where = `${call.span.start.line}:${call.span.start.column}`;
    const name = call.event ?? `<unresolved: ${call.expression}>`;
    add(call.file, call.span.startOffset, `  ${where.padEnd(8)} event  ${name}  ${call.sdk} ${call.callee}`);
  }
  for (const internal of analysis.wrapperInternals) {
    const where = `${internal.span.start.line}:${internal.span.start.column}`;
    add(
      internal.file,
      internal.span.startOffset,
      `  ${where.padEnd(8)} inside ${internal.wrapper.name}  ${internal.callee}(${internal.expression})`,
    );
  }
  const out: string[] = [];
  for (const file of [...rows.keys()].sort()) {
    out.push(file);
    for (const row of rows.get(file)!.sort((a, b) => a.pos - b.pos)) out.push(row.line);
    out.push('');
  }
  if (analysis.wrappers.length) {
    out.push('wrappers');
    for (const w of analysis.wrappers) out.push(`  ${wrapperLine(w)}`);
    out.push('');
  }
  for (const err of analysis.parseErrors)
    out.push(`${err.file}:${err.line}:${err.column}  parse error: ${err.message}`);
  if (analysis.parseErrors.length) out.push('');
  const features = new Set(analysis.entryPoints.map((e) => e.feature).filter((f) => f !== null));
  const s = result.skipped;
  out.push(
    `${result.files.length - s.binary} files · ${analysis.entryPoints.length} entry points (${features.size} features) · ` +
      `${analysis.trackingCalls.length} tracking calls · ${analysis.wrappers.length} wrappers · ` +
      `${analysis.parseErrors.length} parse errors · ` +
      `skipped ${s.ignored} ignored, ${s.tooLarge} too large, ${s.binary} binary`,
  );
  return `${out.join('\n')}\n`;
}

/** `src/lib/track.ts:7  trackSnapshot("Experiment Snapshot: " + arg 0)  tracking via analytics.track (segment) · 2 calls` */
function wrapperLine(w: Wrapper): string {
  return `${w.file}:${w.span.start.line}  ${explainWrapper(w)} · ${w.calls} call${w.calls === 1 ? '' : 's'}`;
}
