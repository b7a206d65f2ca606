// Property test: on seeded random event sets full of awkward cases, the DuckDB engine must agree
// with the plain TypeScript reference (test/helpers/kpi-reference.ts) to 1e-9 relative.
import { strict as assert } from 'node:assert';
import { kpisOf } from '../../helpers/kpi';
import { close, generate, NOW } from '../../helpers/kpi-generator';
import { readNdjson, referenceKpis } from '../../helpers/kpi-reference';

describe('KPI engine against the plain TypeScript reference', function () {
  this.timeout(120_000);

  it('agrees on 60 seeded random event sets (counts exactly, figures to 1e-9 relative)', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { lines, settings, features } = generate(seed);
      const result = await kpisOf(lines, features, { asOf: NOW, settings });
      const input = readNdjson(lines.join('\n'), settings, NOW);
      const expected = referenceKpis(input.events, features, settings, NOW);
      const where = `seed ${seed}`;
      close(result.features, expected, `${where} features`);
      assert.equal(result.rejected, input.rejected, `${where} rejected`);
      assert.deepEqual(result.rejectedReasons, input.rejectedReasons, `${where} reasons`);
      assert.equal(result.duplicates, input.duplicates, `${where} duplicates`);
      assert.equal(result.afterAsOf, input.afterAsOf, `${where} afterAsOf`);
      assert.equal(result.events, input.events.length, `${where} events`);
    }
  });

  it('exercises the awkward cases it is meant to (the generator is not vacuous)', () => {
    let duplicates = 0;
    let rejected = 0;
    let after = 0;
    const converted = {
      activation: 0,
      ittv: 0,
      sttv: 0,
      ttbv: 0,
      adoption: 0,
      rptuActivated: 0,
      exposure: 0,
    };
    for (let seed = 1; seed <= 60; seed++) {
      const { lines, settings, features } = generate(seed);
      const input = readNdjson(lines.join('\n'), settings, NOW);
      duplicates += input.duplicates;
      rejected += input.rejected;
      after += input.afterAsOf;
      for (const [key, f] of Object.entries(referenceKpis(input.events, features, settings, NOW))) {
        converted.activation += f.activationConverted;
        converted.ittv += f.ittv.converted;
        converted.sttv += f.sttv.converted;
        converted.ttbv += f.ttbv.converted;
        converted.adoption += f.adoptionConverted;
        converted.rptuActivated += f.rptu.activatedTrialUsers;
        if (key === 'gamma') converted.exposure += f.discovered;
      }
    }
    assert.ok(duplicates > 20 && rejected > 20 && after > 20, `${duplicates} ${rejected} ${after}`);
    for (const [name, n] of Object.entries(converted)) assert.ok(n > 10, `${name}: ${n}`);
  });
});
