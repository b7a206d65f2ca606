// Deterministic generator of a realistic TypeScript/React workspace for benchmarks: most files are
// ordinary components and utilities; a small share call flag SDKs or analytics, some hold constants.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WorkspaceSpec {
  files: number;
  /** Share of files with flag checks or tracking calls (0..1). */
  candidateShare: number;
  /** Share of files that only declare event/flag constants. */
  constantsShare: number;
  seed: number;
  /**
   * Also project wrappers (a tracking function and a flag hook over the SDKs, reached only through
   * imports) used by a third of the candidate files, and gated child components in files of their own.
   */
  wrappers?: boolean;
}

const WRAPPER_FILES: Record<string, string> = {
  'src/lib/track.ts': `import { analytics } from './analytics';

export function trackEvent(name: string, props?: Record<string, unknown>) {
  analytics.track(name, props);
}

export const trackClick = (what: string) => trackEvent(\`\${what} Clicked\`);
`,
  'src/lib/remote-flags.ts': `import posthog from 'posthog-js';

export function useRemoteFlag(key: string): boolean {
  return posthog.isFeatureEnabled(key) === true;
}
`,
};

/** A feature behind a project flag hook, tracking through the project's wrapper, rendering a child. */
function wrapperFeature(rand: () => number, i: number): { text: string; child: string } {
  const w = WORDS[i % WORDS.length]!;
  const feature = `${w}-remote-${(i % 5) + 1}`;
  const lines = [
    `import { useRemoteFlag } from '../lib/remote-flags';`,
    `import { trackClick } from '../lib/track';`,
    `import { Panel${i} } from './Panel${i}';`,
    ``,
    `export function Feature${i}({ items }: { items: string[] }) {`,
    `  const enabled = useRemoteFlag('${feature}');`,
    `  if (!enabled) return null;`,
  ];
  for (let n = 0; n < 5 + Math.floor(rand() * 30); n++) lines.push(`  const v${n} = items.length > ${n};`);
  lines.push(`  return <Panel${i} items={items} onOpen={() => trackClick('${w} ${i}')} />;`, `}`);
  const child = [
    `import { trackEvent } from '../lib/track';`,
    ``,
    `export function Panel${i}({ items, onOpen }: { items: string[]; onOpen: () => void }) {`,
    `  return <button onClick={() => { onOpen(); trackEvent('${w}_panel_${i}_completed'); }}>{items.length}</button>;`,
    `}`,
  ];
  return { text: lines.join('\n') + '\n', child: child.join('\n') + '\n' };
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'order',
  'cart',
  'report',
  'invoice',
  'team',
  'project',
  'search',
  'profile',
  'billing',
  'export',
  'import',
  'board',
];

function plainComponent(rand: () => number, name: string, lines: number): string {
  const out = [
    `import { useState, useEffect } from 'react';`,
    `import { formatDate } from '../utils/format';`,
    ``,
    `interface ${name}Props { id: string; title?: string; items: { id: string; label: string }[] }`,
    ``,
    `export function ${name}({ id, title, items }: ${name}Props) {`,
    `  const [open, setOpen] = useState(false);`,
    `  const [page, setPage] = useState(1);`,
    `  useEffect(() => { document.title = title ?? 'Untitled'; }, [title]);`,
  ];
  // Short statements of the kinds components are made of (~30 characters a line on average, like
  // the 675k-line monorepo measured for the speed issue: 23 MB over 7,364 files).
  while (out.length < lines - 8) {
    const w = WORDS[Math.floor(rand() * WORDS.length)]!;
    const r = rand();
    if (r < 0.3) out.push(`  const ${w}${out.length} = items.length;`);
    else if (r < 0.5) out.push(`  if (!open) setPage(${out.length});`);
    else if (r < 0.7) out.push(`  const ${w}Label = title ?? '${w}';`);
    else if (r < 0.85) out.push(`  // keep the ${w} page in range`);
    else out.push(`  const ${w}At = formatDate(new Date());`);
  }
  out.push(`  return (`, `    <section id={id} onClick={() => setOpen(!open)} data-page={page}>`);
  out.push(
    `      {items.map((item) => <div key={item.id}>{item.label}</div>)}`,
    `    </section>`,
    `  );`,
    `}`,
  );
  return out.join('\n') + '\n';
}

function candidateFile(rand: () => number, i: number, constantsFiles: number): string {
  const w = WORDS[i % WORDS.length]!;
  const feature = `${w}-v${(i % 7) + 2}`;
  const consts =
    constantsFiles > 0
      ? `import { EVENTS_${i % constantsFiles} } from '../constants/events${i % constantsFiles}';`
      : '';
  const kind = Math.floor(rand() * 4);
  const flagCall =
    kind === 0
      ? `const on = useFeatureIsOn('${feature}');`
      : kind === 1
        ? `const on = posthog.isFeatureEnabled('${feature}');`
        : kind === 2
          ? `const { ${w}V2: on } = useFlags();`
          : `const on = client.getBooleanValue('${feature}', false);`;
  const lines = [
    `import posthog from 'posthog-js';`,
    `import { useFeatureIsOn } from '@growthbook/growthbook-react';`,
    `import { useFlags } from 'launchdarkly-react-client-sdk';`,
    `import { OpenFeature } from '@openfeature/web-sdk';`,
    `import { analytics } from '../lib/analytics';`,
    consts,
    `const client = OpenFeature.getClient();`,
    ``,
    `export function Feature${i}({ items }: { items: string[] }) {`,
    `  ${flagCall}`,
    `  if (!on) return null;`,
    `  analytics.track('${w}_viewed', { feature: '${feature}' });`,
    constantsFiles > 0 ? `  posthog.capture(EVENTS_${i % constantsFiles}.CLICKED);` : '',
  ];
  for (let n = 0; n < 10 + Math.floor(rand() * 60); n++) {
    lines.push(`  const v${n} = items.length > ${n};`);
  }
  lines.push(
    `  return <button onClick={() => analytics.track('${w}_completed')}>{items.length}</button>;`,
    `}`,
  );
  return lines.join('\n') + '\n';
}

/** Writes the workspace under `root` (which must be empty or absent). Returns the file count. */
export function generateWorkspace(root: string, spec: WorkspaceSpec): number {
  const rand = prng(spec.seed);
  const constantsFiles = Math.max(1, Math.round(spec.files * spec.constantsShare));
  fs.mkdirSync(path.join(root, 'src', 'constants'), { recursive: true });
  fs.mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
  fs.mkdirSync(path.join(root, 'src', 'utils'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'src', 'lib', 'analytics.ts'),
    `import { AnalyticsBrowser } from '@segment/analytics-next';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n`,
  );
  fs.writeFileSync(
    path.join(root, 'src', 'utils', 'format.ts'),
    `export const formatDate = (d: Date) => d.toISOString();\n`,
  );
  let written = 2;
  if (spec.wrappers) {
    for (const [rel, text] of Object.entries(WRAPPER_FILES)) {
      fs.writeFileSync(path.join(root, rel), text);
      written++;
    }
  }
  for (let c = 0; c < constantsFiles; c++) {
    const w = WORDS[c % WORDS.length]!;
    fs.writeFileSync(
      path.join(root, 'src', 'constants', `events${c}.ts`),
      `export const EVENTS_${c} = { CLICKED: '${w}_clicked_${c}', DONE: '${w}_done_${c}' } as const;\n`,
    );
    written++;
  }
  let i = 0;
  while (written < spec.files) {
    const dir = path.join(root, 'src', `module${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(dir, { recursive: true });
    const isCandidate = rand() < spec.candidateShare;
    if (isCandidate && spec.wrappers && i % 3 === 0 && written + 1 < spec.files) {
      const { text, child } = wrapperFeature(rand, i);
      fs.writeFileSync(path.join(dir, `file${i}.tsx`), text);
      fs.writeFileSync(path.join(dir, `Panel${i}.tsx`), child);
      written += 2;
      i++;
      continue;
    }
    const text = isCandidate
      ? candidateFile(rand, i, constantsFiles)
      : plainComponent(rand, `Component${i}`, 30 + Math.floor(rand() * 150));
    fs.writeFileSync(path.join(dir, `file${i}.tsx`), text);
    written++;
    i++;
  }
  return written;
}
