import { scanSources } from './test/helpers/memory';
const a = scanSources({'src/c.ts': `import { OpenFeature } from '@openfeature/server-sdk';
import posthog from 'posthog-js';
const client = OpenFeature.getClient();
export async function run() {
  const enabled = await client.getBooleanValue('bulk-export', false);
  if (enabled === true) posthog.capture('await_clicked');
}`});
console.log(JSON.stringify(a.facts.get('src/c.ts')!.gates!.entries), a.entryPoints.map(e=>[e.span.startOffset,e.span.endOffset]));
