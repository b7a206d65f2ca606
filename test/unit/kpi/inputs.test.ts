// Input handling of the DuckDB source: timestamp and key forms, malformed rows (each kind counted,
// none fatal, valid rows unaffected), CSV and Parquet files, globs over several files.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeKpis } from '../../../server/src/kpi/compute';
import { KpiInputError } from '../../../server/src/kpi/duckdb/inputs';
import { DAY_MS, ev, feature, HOUR_MS, kpisOf, kpisOfFiles, settingsWith, tempDir } from '../../helpers/kpi';

const T = Date.UTC(2026, 0, 1);
const NOW = T + 100 * DAY_MS;
const F = feature('f', ['seen'], ['used'], ['done']);

/** A small valid event set with a funnel, a trial and revenue. */
function validLines(): string[] {
  return [
    ev('u1', 'seen', T, { id: 'e1' }),
    ev('u1', 'used', T + HOUR_MS, { id: 'e2' }),
    ev('u1', 'done', T + 3 * HOUR_MS, { id: 'e3' }),
    ev('u1', 'trial_started', T, { id: 'e4' }),
    ev('u1', 'paid', T + DAY_MS, { id: 'e5', properties: { revenue: 49.5 } }),
    ev('u2', 'seen', T + DAY_MS, { id: 'e6' }),
    ev('u2', 'trial_started', T + DAY_MS, { id: 'e7' }),
    ev('u3', 'seen', T + 2 * DAY_MS, { id: 'e8' }),
    ev('u3', 'used', T + 2 * DAY_MS + 60_000, { id: 'e9' }),
    ev('u3', 'used', T + 3 * DAY_MS, { id: 'e10' }),
  ];
}

describe('KPI inputs (DuckDB source)', function () {
  this.timeout(60_000);

  it('reads every timestamp form as the same instant', async () => {
    const at = T + HOUR_MS; // 2026-01-01T01:00:00Z
    const forms: unknown[] = [
      '2026-01-01T01:00:00Z',
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T01:00:00.000999Z', // sub-millisecond digits are dropped
      '2026-01-01T03:00:00+02:00',
      '2026-01-01T03:00:00+0200',
      '2025-12-31T20:00:00-05',
      '2026-01-01 01:00:00', // no offset: UTC
      at,
      at + 0.9, // fractional epoch milliseconds are floored
      String(at),
    ];
    const lines = forms.flatMap((form, i) => [
      ev(`u${i}`, 'seen', T),
      JSON.stringify({ event: 'used', userId: `u${i}`, timestamp: form }),
    ]);
    const r = await kpisOf(lines, [F], { asOf: NOW });
    assert.equal(r.rejected, 0);
    assert.deepEqual(r.features.f!.ittv, {
      p50: 3600,
      p90: 3600,
      reach: 1,
      n: forms.length,
      converted: forms.length,
    });
  });

  it('takes the first user key holding a non-empty string, and ids from any id key', async () => {
    const lines = [
      JSON.stringify({ event: 'seen', person_id: 'p', userId: 'u', timestamp: T }),
      JSON.stringify({ event: 'used', userId: 'p', timestamp: T + 1000 }), // the same person
      JSON.stringify({ event: 'seen', userId: '', anonymousId: 'anon', timestamp: T }),
      JSON.stringify({ event: 'used', user_id: null, distinct_id: 'anon', timestamp: T + 2000 }),
      JSON.stringify({ event: 'seen', userId: 'x', timestamp: T, uuid: 'same' }),
      JSON.stringify({ event: 'seen', userId: 'x', timestamp: T, $insert_id: 'same' }),
      JSON.stringify({ event: 'seen', userId: 'x', timestamp: T, insert_id: 'same', messageId: '' }),
    ];
    const r = await kpisOf(lines, [F], { asOf: NOW });
    assert.equal(r.duplicates, 2);
    const f = r.features.f!;
    assert.deepEqual([f.discovered, f.activated, f.ittv.p50, f.ittv.p90], [3, 2, 1.5, 1.9]);
  });

  it('skips and counts every kind of malformed row, describes the first ones, keeps the rest', async () => {
    const bad: [string, string][] = [
      ['{"event": "seen", "userId": "u9", "timestamp": ', 'invalid JSON'],
      ['["seen", "u9"]', 'not a JSON object'],
      ['42', 'not a JSON object'],
      ['{"userId": "u9", "timestamp": "2026-01-01T00:00:00Z"}', 'missing event'],
      ['{"event": null, "userId": "u9", "timestamp": "2026-01-01T00:00:00Z"}', 'missing event'],
      ['{"event": 7, "userId": "u9", "timestamp": "2026-01-01T00:00:00Z"}', 'event is not a string'],
      ['{"event": "seen", "timestamp": "2026-01-01T00:00:00Z"}', 'missing user'],
      ['{"event": "seen", "userId": 12, "timestamp": "2026-01-01T00:00:00Z"}', 'missing user'],
      ['{"event": "seen", "userId": "u9"}', 'missing timestamp'],
      ['{"event": "seen", "userId": "u9", "timestamp": "yesterday"}', 'unparseable timestamp'],
      ['{"event": "seen", "userId": "u9", "timestamp": "2026-02-30T00:00:00Z"}', 'unparseable timestamp'],
      ['{"event": "seen", "userId": "u9", "timestamp": false}', 'unparseable timestamp'],
      ['{"event": "seen", "userId": "u9", "timestamp": 1e300}', 'unparseable timestamp'],
    ];
    const valid = validLines();
    const clean = await kpisOf(valid, [F], { asOf: NOW });
    // Interleave: valid, bad, blank line, ...; plus a line that is not UTF-8.
    const parts: (string | Buffer)[] = [];
    const expectedLines: number[] = [];
    let line = 0;
    const push = (text: string | Buffer) => {
      parts.push(text, '\n');
      line++;
    };
    for (let i = 0; i < Math.max(valid.length, bad.length); i++) {
      if (valid[i]) push(valid[i]!);
      if (bad[i]) {
        push(bad[i]![0]);
        expectedLines.push(line);
      }
      push(i % 2 ? '   ' : '');
    }
    push(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])); // {"\xff\xfe"}
    expectedLines.push(line);
    const content = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    const r = await kpisOfFiles({ 'events.ndjson': content }, [F], { asOf: NOW, maxSamples: 50 });

    const expectedReasons: Record<string, number> = {};
    for (const [, reason] of bad) expectedReasons[reason] = (expectedReasons[reason] ?? 0) + 1;
    expectedReasons['invalid JSON']! += 1;
    assert.deepEqual(r.rejectedReasons, expectedReasons);
    assert.equal(r.rejected, bad.length + 1);
    assert.deepEqual(
      r.rejectedSamples.map((s) => s.line),
      expectedLines,
    );
    assert.equal(r.rejectedSamples[9]!.reason, 'unparseable timestamp "yesterday"');
    assert.ok(r.rejectedSamples.every((s) => s.file.endsWith('events.ndjson') && s.row === undefined));
    assert.deepEqual(r.features, clean.features);
    assert.equal(r.events, clean.events);

    const few = await kpisOfFiles({ 'events.ndjson': content }, [F], { asOf: NOW });
    assert.equal(few.rejectedSamples.length, 5);
  });

  it('numbers lines right deep into a large file read in parallel', async () => {
    const lines: string[] = [];
    const badAt: number[] = [];
    for (let i = 1; i <= 60_000; i++) {
      if (i % 9973 === 0) {
        lines.push('not json');
        badAt.push(lines.length);
      } else if (i % 5003 === 0) lines.push('');
      else lines.push(ev(`u${i % 500}`, 'page', T + i * 1000));
    }
    const r = await kpisOfFiles({ 'big.ndjson': lines.join('\n') }, [F], { asOf: NOW, maxSamples: 10 });
    assert.equal(r.rejected, badAt.length);
    assert.deepEqual(
      r.rejectedSamples.map((s) => s.line),
      badAt,
    );
  });

  it('reads CSV with declared columns: flat properties, a properties JSON column, parser errors', async () => {
    const csv = [
      'event,userId,anonymousId,timestamp,messageId,revenue,properties',
      'seen,u1,,2026-01-01T00:00:00Z,e1,,',
      'used,u1,,1767229200000,e2,,',
      'done,u1,,2026-01-01T03:00:00Z,e3,,"{""note"": ""a, b""}"',
      'trial_started,u1,,2026-01-01T00:00:00Z,e4,,',
      'paid,u1,,2026-01-02T00:00:00Z,e5,49.5,',
      'seen,,u2,2026-01-02T00:00:00Z,e6,,',
      'trial_started,,u2,2026-01-02T00:00:00Z,e7,,',
      'only,three,fields',
      'seen,u3,,2026-01-03T00:00:00Z,e8,,',
      'used,u3,,2026-01-03T00:01:00Z,e9,,',
      'used,u3,,2026-01-04T00:00:00Z,e10,,',
      'used,u3,,2026-01-04T00:00:00Z,e10,,',
      ',u4,,2026-01-04T00:00:00Z,,,',
      'seen,u4,,soon,,,',
    ].join('\r\n');
    const r = await kpisOfFiles({ 'events.csv': csv }, [F], { asOf: NOW, maxSamples: 10 });
    const clean = await kpisOf(validLines(), [F], { asOf: NOW });
    assert.deepEqual(r.features, clean.features);
    assert.equal(r.duplicates, 1);
    assert.deepEqual(r.rejectedReasons, {
      'malformed CSV row': 1,
      'missing event': 1,
      'unparseable timestamp': 1,
    });
    assert.deepEqual(
      r.rejectedSamples.map((s) => [s.line, s.row, s.reason.split(':')[0]]),
      [
        [9, undefined, 'malformed CSV row'],
        [undefined, 12, 'missing event'],
        [undefined, 13, 'unparseable timestamp "soon"'],
      ],
    );
  });

  it('reads Parquet written by DuckDB: typed timestamps, a properties struct, integer user ids', async () => {
    const dir = tempDir();
    try {
      const ndjson = path.join(dir, 'events.ndjson');
      fs.writeFileSync(ndjson, validLines().join('\n'));
      const parquet = path.join(dir, 'events.parquet');
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      await c.run(`COPY (
        SELECT event, userId, CAST(timestamp AS TIMESTAMPTZ) AS timestamp, messageId,
          {'revenue': TRY_CAST(json_extract(properties, '$.revenue') AS DOUBLE)} AS properties
        FROM read_json('${ndjson}', columns = {event: 'VARCHAR', userId: 'VARCHAR', timestamp: 'VARCHAR',
          messageId: 'VARCHAR', properties: 'JSON'})
        UNION ALL SELECT 'seen', NULL, TIMESTAMPTZ '2026-01-05 00:00:00+00', 'x1', NULL
      ) TO '${parquet}' (FORMAT parquet)`);
      await c.run(`COPY (SELECT 'seen' AS event, 42 AS user_id, 1767312000000 AS timestamp)
        TO '${path.join(dir, 'ints.parquet')}' (FORMAT parquet)`);
      c.closeSync();
      db.closeSync();
      const settings = settingsWith({ events: ['*.parquet'] });
      const r = await computeKpis(settings, [F], { baseDir: dir, asOf: new Date(NOW) });
      const clean = await kpisOf(validLines(), [F], { asOf: NOW });
      assert.deepEqual(r.rejectedReasons, { 'missing user': 1 });
      assert.deepEqual(r.rejectedSamples, [{ file: parquet, row: 11, reason: 'missing user' }]);
      // The integer user id 42 is a user: one more discovered user than the NDJSON set.
      assert.equal(r.features.f!.discovered, clean.features.f!.discovered + 1);
      assert.deepEqual(r.features.f!.rptu, clean.features.f!.rptu);
      const { ittv } = clean.features.f!;
      assert.deepEqual(r.features.f!.ittv, { ...ittv, n: ittv.n + 1, reach: ittv.converted / (ittv.n + 1) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects typed Parquet timestamps that do not parse, showing their text', async () => {
    const dir = tempDir();
    try {
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      await c.run(`COPY (SELECT * FROM (VALUES ('seen', 'u1', TIMESTAMP '2026-01-05 00:00:00'),
          ('seen', 'u2', TIMESTAMP 'infinity'), ('seen', 'u3', NULL)) AS t(event, userId, timestamp))
        TO '${path.join(dir, 'a.parquet')}' (FORMAT parquet)`);
      await c.run(`COPY (SELECT * FROM (VALUES ('seen', 'u4', 1767312000000), ('seen', 'u5', 9000000000000000000))
          AS t(event, userId, timestamp)) TO '${path.join(dir, 'b.parquet')}' (FORMAT parquet)`);
      c.closeSync();
      db.closeSync();
      const settings = settingsWith({ events: ['*.parquet'] });
      const r = await computeKpis(settings, [F], { baseDir: dir, asOf: new Date(NOW) });
      assert.deepEqual(r.rejectedReasons, { 'missing timestamp': 1, 'unparseable timestamp': 2 });
      assert.deepEqual(
        r.rejectedSamples.map((s) => [path.basename(s.file), s.row, s.reason]),
        [
          ['a.parquet', 2, 'unparseable timestamp "infinity"'],
          ['a.parquet', 3, 'missing timestamp'],
          ['b.parquet', 2, 'unparseable timestamp "9000000000000000000"'],
        ],
      );
      assert.equal(r.events, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads globs over several files and formats, de-duplicating across files', async () => {
    const valid = validLines();
    const r = await kpisOfFiles(
      {
        'a/part-1.ndjson': valid.slice(0, 5).join('\n'),
        'a/part-2.jsonl': valid.slice(3).join('\n'), // overlaps part-1 by two events (same ids)
        'b/more.csv': 'event,userId,timestamp\nseen,u7,2026-01-01T00:00:00Z\n',
      },
      [F],
      { asOf: NOW, events: ['a/*', 'b/**/*.csv'] },
    );
    assert.equal(r.duplicates, 2);
    assert.equal(r.events, valid.length + 1);
    assert.equal(r.features.f!.discovered, 4);
  });

  it('reports inputs it cannot use as KpiInputError', async () => {
    await assert.rejects(
      kpisOfFiles({ 'x.ndjson': '' }, [F], { asOf: NOW, events: ['nothing/*.ndjson'] }),
      (e: unknown) =>
        e instanceof KpiInputError && /no event files match nothing\/\*\.ndjson/.test(e.message),
    );
    await assert.rejects(
      kpisOfFiles({ 'x.txt': 'hello' }, [F], { asOf: NOW }),
      (e: unknown) => e instanceof KpiInputError && /unsupported event file/.test(e.message),
    );
    const empty = await kpisOfFiles({ 'x.ndjson': '' }, [F], { asOf: NOW });
    assert.deepEqual([empty.events, empty.rejected, empty.features.f!.discovered], [0, 0, 0]);
  });
});
