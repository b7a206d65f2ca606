import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDirectory } from '../../../server/src/workspace/analyze';
import { FIXTURES } from '../../helpers/fixtures';

// Small apps written in the styles of real products, with hand-written call sites. Recall and
// precision are measured over call sites (file and line) with their names: a site found with the
// wrong name counts as both a miss and a false positive.
interface Expected {
  trackingCalls: { file: string; line: number; event: string | null; properties?: Record<string, string> }[];
  entryPoints: { file: string; line: number; feature: string | null }[];
}

const APPS: Record<string, string> = {
  'segment-service': 'Segment through a service object, the name joined from two enums',
  'plausible-hook': 'Plausible behind a trackEvent hook, the action in props.eventType',
  'proxy-tracker': 'a Proxy-style tracker (and a Proxy of flags)',
};

function score(found: string[], expected: string[]) {
  const hits = found.filter((f) => expected.includes(f)).length;
  return {
    recall: expected.length ? hits / expected.length : 1,
    precision: found.length ? hits / found.length : 1,
    missed: expected.filter((e) => !found.includes(e)),
    extra: found.filter((f) => !expected.includes(f)),
  };
}

describe('wrapper discovery on realistic apps', () => {
  for (const [name, title] of Object.entries(APPS)) {
    it(`${title}: finds every call site and nothing else`, () => {
      const dir = path.join(FIXTURES, 'wrappers', 'apps', name);
      const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
      const { analysis } = analyzeDirectory(dir);
      const sites = [
        ...analysis.trackingCalls.map((c) => `event ${c.file}:${c.span.start.line} ${c.event}`),
        ...analysis.entryPoints.map((e) => `flag ${e.file}:${e.span.start.line} ${e.feature}`),
      ];
      const wanted = [
        ...expected.trackingCalls.map((c) => `event ${c.file}:${c.line} ${c.event}`),
        ...expected.entryPoints.map((e) => `flag ${e.file}:${e.line} ${e.feature}`),
      ];
      const s = score(sites, wanted);
      assert.deepEqual({ missed: s.missed, extra: s.extra }, { missed: [], extra: [] });
      assert.equal(s.recall, 1);
      assert.equal(s.precision, 1);
      for (const want of expected.trackingCalls.filter((c) => c.properties)) {
        const call = analysis.trackingCalls.find(
          (c) => c.file === want.file && c.span.start.line === want.line,
        );
        for (const [key, value] of Object.entries(want.properties!))
          assert.equal(call?.properties?.[key], value);
      }
      // Every call through a wrapper can say what it wraps (for the hover).
      for (const site of [...analysis.trackingCalls, ...analysis.entryPoints]) {
        if (!site.wrapper) continue;
        const w = analysis.wrappers.find(
          (x) =>
            x.name === site.wrapper!.name &&
            x.file === site.wrapper!.file &&
            x.span.start.line === site.wrapper!.line,
        );
        assert.ok(w, `${site.file}:${site.span.start.line} names a wrapper that is listed`);
        assert.ok(w.via.length > 0 && w.via[w.via.length - 1]!.sdk, 'and its route ends at an SDK call');
      }
    });
  }
});
