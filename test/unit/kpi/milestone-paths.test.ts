// The KPI query finds each user's milestones in one of two ways (../../../server/src/kpi/sql/kpi-query.ts):
// by a join to a table of the milestone events (DuckDB) or by one filtered aggregate per feature
// and milestone (ClickHouse, HogQL). Both must give the same rows (counts exactly; sums, whose
// order of addition differs, to 1e-9), which this checks on the property test's awkward event
// sets, run by DuckDB both ways.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withNormalisedEvents } from '../../../server/src/kpi/duckdb/source';
import type { KpiFeature } from '../../../server/src/kpi/model';
import { DuckDbDialect } from '../../../server/src/kpi/sql/duckdb-dialect';
import { kpiQuery } from '../../../server/src/kpi/sql/kpi-query';
import { feature, tempDir } from '../../helpers/kpi';
import { close, generate, NOW } from '../../helpers/kpi-generator';

class PerUserDuckDbDialect extends DuckDbDialect {
  override readonly joinsMilestones: boolean = false;
}

async function bothWays(
  lines: string[],
  features: KpiFeature[],
  settings: ReturnType<typeof generate>['settings'],
) {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, 'events.ndjson'), lines.join('\n'));
    const options = { baseDir: dir, asOf: new Date(NOW) };
    return await withNormalisedEvents(
      { ...settings, events: ['events.ndjson'] },
      options,
      async ({ connection }) => {
        const rows = async (dialect: DuckDbDialect) => {
          const sql = kpiQuery({ dialect, events: 'events', features, settings, nowMs: NOW });
          return (await connection.runAndReadAll(sql)).getRowObjectsJson();
        };
        return { byJoin: await rows(new DuckDbDialect()), byUser: await rows(new PerUserDuckDbDialect()) };
      },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('KPI query: milestones by join = milestones by per-user aggregates', function () {
  this.timeout(120_000);

  it('gives the same rows on 40 seeded random event sets', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { lines, settings, features } = generate(seed);
      // Also a feature with no milestone event at all, and one listing an event twice.
      const all = [
        ...features,
        feature('none', [], [], []),
        feature('twice', ['a_seen', 'a_seen'], ['a_used'], ['a_used']),
      ];
      const { byJoin, byUser } = await bothWays(lines, all, settings);
      assert.ok(byJoin.length > 0, `seed ${seed}: no rows`);
      close(byJoin, byUser, `seed ${seed}`);
    }
  });

  it('gives the same rows when no feature names any milestone event', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { lines, settings } = generate(seed);
      const { byJoin, byUser } = await bothWays(lines, [feature('none', [], [], [])], settings);
      close(byJoin, byUser, `seed ${seed}`);
    }
  });
});
