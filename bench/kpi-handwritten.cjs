// The benchmark's yardstick: one hand-written DuckDB query computing the same KPIs (DESIGN §4) on
// the same file, the way an analyst would write it for this data (declared read_json columns,
// per-user lists). Prints the per-feature figures as JSON. Usage: node kpi-handwritten.cjs <config.json>
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
  const source =
    cfg.format === 'parquet'
      ? `SELECT user_id AS u, event AS e, epoch_ms(timestamp) AS ts, messageId AS id,
         properties.revenue AS rev, properties."$feature_flag" AS flag FROM read_parquet(${q(cfg.file)})`
      : `SELECT coalesce(userId, distinct_id, anonymousId) AS u, event AS e,
         CASE WHEN json_type(timestamp) = 'VARCHAR' THEN epoch_ms(TRY_CAST(timestamp ->> '$' AS TIMESTAMPTZ))
              ELSE TRY_CAST(timestamp AS BIGINT) END AS ts,
         coalesce(messageId, uuid) AS id,
         TRY_CAST(properties ->> 'revenue' AS DOUBLE) AS rev, properties ->> '$."$feature_flag"' AS flag
       FROM read_json(${q(cfg.file)}, format = 'newline_delimited', ignore_errors = true, columns = {
         event: 'VARCHAR', userId: 'VARCHAR', anonymousId: 'VARCHAR', distinct_id: 'VARCHAR',
         timestamp: 'JSON', messageId: 'VARCHAR', uuid: 'VARCHAR', properties: 'JSON'})`;
  const sql = `
WITH src AS (${source}),
ev AS (SELECT DISTINCT ON (id) u, e, ts, rev, flag FROM src
       WHERE e IS NOT NULL AND u IS NOT NULL AND ts IS NOT NULL AND ts <= ${N} ORDER BY id, ts),
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
