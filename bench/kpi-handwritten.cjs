// The benchmark's yardstick: one hand-written DuckDB query computing the same KPIs (DESIGN §4) on
// the same file, the way an analyst would write it for this data (declared JSON fields or Parquet
// columns, a join to a table of the milestone events, per-(user, feature) lists). Prints the per-feature figures as JSON. Usage: node kpi-handwritten.cjs <config.json>
const fs = require('node:fs');
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
  const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
  const W = Object.fromEntries(Object.entries(cfg.windows).map(([k, v]) => [k, v * 1000]));
  const N = cfg.nowMs;
  const fm = cfg.features.flatMap((f, i) => [
    ...f.discovery.map((e) => `(${i}, 'D', ${q(e)})`),
    ...f.activation.map((e) => `(${i}, 'A', ${q(e)})`),
    ...f.value.map((e) => `(${i}, 'V', ${q(e)})`),
    ...f.exposureFlags.map((e) => `(${i}, 'X', ${q(e)})`),
  ]);
  // DESIGN §4 row rules, as an analyst would write them for this export. NDJSON lines are read
  // with read_ndjson_objects: read_json(ignore_errors) also drops the valid line after a truncated
  // one (DuckDB 1.5), which changed the figures. Fields are read as JSON so that their JSON type is
  // checked (a numeric `event` or user key is malformed, not text); the user key and the event id
  // are the first of their keys holding a non-empty string; a timestamp is an ISO 8601 string,
  // epoch milliseconds (a number, or digits in a string), nothing looser.
  const ISO =
    '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?';
  const firstText = (keys) =>
    `list_filter([${keys.map((k) => `j.${k}`).join(', ')}], x -> json_type(x) = 'VARCHAR' AND x <> '""')[1] ->> '$'`;
  const REV = 'j.properties.revenue';
  const isNumber = (x) => `json_type(${x}) IN ('BIGINT', 'UBIGINT', 'DOUBLE')`;
  const spec = {
    ...Object.fromEntries(['event', 'timestamp', ...cfg.userKeys, ...cfg.idKeys].map((k) => [k, 'JSON'])),
    properties: { revenue: 'JSON', $feature_flag: 'JSON' },
  };
  const source =
    cfg.format === 'parquet'
      ? `SELECT nullif(user_id, '') AS u, nullif(event, '') AS e,
         epoch_ms(timestamp) AS ts, nullif(messageId, '') AS id,
         CASE WHEN isfinite(properties.revenue) THEN properties.revenue END AS rev,
         properties."$feature_flag" AS flag
       FROM read_parquet(${q(cfg.file)})`
      : `SELECT ${firstText(cfg.userKeys.map((k) => `"${k}"`))} AS u,
         CASE WHEN json_type(j.event) = 'VARCHAR' THEN j.event ->> '$' END AS e,
         CASE WHEN ${isNumber('j.timestamp')} THEN CASE WHEN abs(CAST(j.timestamp AS DOUBLE)) <= 8.64e15
                THEN CAST(floor(CAST(j.timestamp AS DOUBLE)) AS BIGINT) END
              WHEN json_type(j.timestamp) <> 'VARCHAR' THEN NULL
              WHEN regexp_full_match(j.timestamp ->> '$', '${ISO}')
                THEN epoch_ms(TRY_CAST(j.timestamp ->> '$' AS TIMESTAMPTZ))
              WHEN regexp_full_match(j.timestamp ->> '$', '-?[0-9]{1,16}')
                THEN CASE WHEN abs(CAST(j.timestamp ->> '$' AS DOUBLE)) <= 8.64e15 THEN CAST(j.timestamp ->> '$' AS BIGINT) END
              END AS ts,
         ${firstText(cfg.idKeys.map((k) => `"${k}"`))} AS id,
         CASE WHEN ${isNumber(REV)} AND isfinite(CAST(${REV} AS DOUBLE)) THEN CAST(${REV} AS DOUBLE)
              WHEN regexp_full_match(${REV} ->> '$', '-?[0-9]+([.][0-9]+)?') AND isfinite(CAST(${REV} ->> '$' AS DOUBLE))
                THEN CAST(${REV} ->> '$' AS DOUBLE) END AS rev,
         CASE WHEN json_type(j.properties."$feature_flag") = 'VARCHAR' THEN j.properties."$feature_flag" ->> '$' END AS flag
       FROM (SELECT from_json(json, ${q(JSON.stringify(spec))}) AS j
             FROM read_ndjson_objects(${q(cfg.file)}, ignore_errors = true))`;
  const sql = `
WITH src AS (${source}),
-- Each id once, the earliest row winning (ties: by content); rows without an id are all kept.
-- The asOf cut may come first: the earliest copy is kept, so either all copies are cut or it stays.
ev AS (SELECT u, e, ts, rev, flag FROM src
       WHERE e IS NOT NULL AND u IS NOT NULL AND ts IS NOT NULL AND ts <= ${N}
       QUALIFY id IS NULL OR row_number() OVER (PARTITION BY id ORDER BY ts, e, u, rev NULLS FIRST, flag NULLS FIRST) = 1),
fm(f, m, e) AS (VALUES ${fm.join(', ')}),
me AS (SELECT ev.u, fm.f, fm.m, ev.ts FROM ev JOIN fm ON fm.m <> 'X' AND ev.e = fm.e
       UNION ALL
       SELECT ev.u, fm.f, 'D', ev.ts FROM ev JOIN fm ON fm.m = 'X' AND ev.flag = fm.e
       WHERE ev.e = '$feature_flag_called'),
lists AS (SELECT u, f, min(ts) FILTER (m = 'D') AS td, list(ts) FILTER (m = 'A') AS a,
            list(ts) FILTER (m = 'V') AS v FROM me GROUP BY u, f HAVING td IS NOT NULL),
t1 AS (SELECT u, f, td, v, a, list_min(list_filter(a, x -> x >= td)) AS ta FROM lists),
uf AS (SELECT u, f, td, ta, list_min(list_filter(v, x -> x >= ta)) AS tv,
         len(list_distinct(list_transform(list_filter(list_concat(coalesce(a, []), coalesce(v, [])),
           x -> x >= ta AND x <= ta + ${W.adoption}), x -> x // 86400000))) AS days FROM t1),
fa AS (SELECT f, count(*) discovered, count(ta) activated, count(tv) valued,
  count(*) FILTER (td <= ${N - W.activation}) act_n,
  count(*) FILTER (td <= ${N - W.activation} AND ta - td <= ${W.activation}) act_c,
  count(*) FILTER (td <= ${N - W.ittv}) ittv_n,
  count(*) FILTER (td <= ${N - W.ittv} AND ta - td <= ${W.ittv}) ittv_c,
  quantile_cont((ta - td) / 1000.0, [0.5, 0.9]) FILTER (td <= ${N - W.ittv} AND ta - td <= ${W.ittv}) ittv_q,
  count(*) FILTER (td <= ${N - W.sttv}) sttv_n,
  count(*) FILTER (td <= ${N - W.sttv} AND tv - td <= ${W.sttv}) sttv_c,
  quantile_cont((tv - td) / 1000.0, [0.5, 0.9]) FILTER (td <= ${N - W.sttv} AND tv - td <= ${W.sttv}) sttv_q,
  count(*) FILTER (ta <= ${N - W.adoption}) ad_n,
  count(*) FILTER (ta <= ${N - W.adoption} AND days >= 2) ad_c
  FROM uf GROUP BY f),
u0 AS (SELECT u, min(ts) t0 FROM ev GROUP BY u),
nu AS (SELECT * FROM u0 WHERE t0 BETWEEN ${N - W.analysis} AND ${N - W.ttbv}),
tb AS (SELECT uf.f, count(*) ttbv_c, quantile_cont((tv - t0) / 1000.0, [0.5, 0.9]) ttbv_q
       FROM uf JOIN nu USING (u) WHERE tv - t0 <= ${W.ttbv} GROUP BY uf.f),
tr AS (SELECT u, min(ts) tt FROM ev WHERE e = ${q(cfg.trialStartEvent)} GROUP BY u HAVING tt <= ${N - W.rptu}),
trv AS (SELECT tr.u, tr.tt, coalesce(sum(rev) FILTER (ev.ts BETWEEN tr.tt AND tr.tt + ${W.rptu}), 0) AS rev
        FROM tr JOIN ev USING (u) GROUP BY tr.u, tr.tt),
feat AS (SELECT DISTINCT f FROM fm),
rp AS (SELECT feat.f, count(*) rp_n, sum(trv.rev) rp_s,
         count(*) FILTER (uf.ta <= trv.tt + ${W.rptu}) rp_an, sum(trv.rev) FILTER (uf.ta <= trv.tt + ${W.rptu}) rp_as
       FROM feat CROSS JOIN trv LEFT JOIN uf ON uf.u = trv.u AND uf.f = feat.f GROUP BY feat.f)
SELECT feat.f, fa.*, tb.ttbv_c, tb.ttbv_q, (SELECT count(*) FROM nu) AS ttbv_n, rp.*
FROM feat LEFT JOIN fa USING (f) LEFT JOIN tb USING (f) LEFT JOIN rp USING (f) ORDER BY feat.f`;
  const reader = await c.runAndReadAll(sql);
  const rows = reader.getRowObjectsJson();
  process.stdout.write(JSON.stringify(rows));
  c.closeSync();
  db.closeSync();
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exitCode = 1;
});
