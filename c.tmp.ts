import { checkDirectory } from './server/src/workspace/check';
const r = checkDirectory('examples/demo-shop');
for (const f of r.result.features) {
  console.log(f.key, f.planned, 'eps', f.entryPoints.length, 'missing', f.missing);
  for (const m of ['discovery','activation','value'] as const) for (const l of f.milestones[m]) console.log('   ', m, l.event, l.via, l.milestoneFrom, '|', l.reason);
  for (const l of f.otherEvents) console.log('    other', l.milestone, l.event, l.via);
  for (const u of f.unresolved) console.log('    unresolved', u.expression);
}
for (const d of r.result.diagnostics) console.log(d.file, d.span.start.line+':'+d.span.start.column, d.severity, d.rule, d.message);
