import { strict as assert } from 'node:assert';
import { ago, countOf, humanDuration, percentShort } from '../../../server/src/core/humanise';
import { checkTargets, describeMiss } from '../../../server/src/core/live/targets';
import type { FeatureFigures } from '../../../server/src/core/live/types';

const duration = (p50: number | null, p90: number | null, converted: number) => ({
  p50,
  p90,
  reach: converted ? converted / 10 : null,
  n: 10,
  converted,
});

const figures: FeatureFigures = {
  discovered: 10,
  activated: 4,
  valued: 2,
  activationRate: 0.4,
  activationMature: 10,
  ittv: duration(600, 3600, 4),
  sttv: duration(11_520, 20_000, 2),
  ttbv: duration(null, null, 0),
  adoptionRate: null,
  adoptionMature: 0,
  rptu: { all: 12.5, trialUsers: 8, lift: -1.25, activatedTrialUsers: 3, notActivatedTrialUsers: 5 },
};

describe('KPI targets', () => {
  it('checks rates and money from below and durations from above, the bounds included', () => {
    const checks = checkTargets(
      { activationRate: 0.4, sttvP50: 3 * 3600, ittvP90: 3599, rptuLift: 0, rptu: 12.5 },
      figures,
    );
    assert.deepEqual(
      checks.map((c) => [c.key, c.met, c.actualText, c.targetText]),
      [
        ['activationRate', true, '40.0%', '≥ 40.0%'],
        ['ittvP90', false, '1h', '≤ 59m 59s'],
        ['sttvP50', false, '3h 12m', '≤ 3h'],
        ['rptu', true, '12.50', '≥ 12.50'],
        ['rptuLift', false, '-1.25', '≥ 0.00'],
      ],
    );
  });

  it('neither meets nor misses a figure with no population, and checks only the targets set', () => {
    const checks = checkTargets({ adoptionRate: 0.5, ttbvP50: 60 }, figures);
    assert.deepEqual(
      checks.map((c) => [c.key, c.met, c.actualText]),
      [
        ['ttbvP50', null, '—'],
        ['adoptionRate', null, '—'],
      ],
    );
    assert.deepEqual(checkTargets({}, figures), []);
  });

  it('describes a miss with the figure, its population and the target', () => {
    const [miss] = checkTargets({ sttvP50: 600 }, figures);
    assert.equal(describeMiss(miss!), 'STTV p50 3h 12m (2 users) is above its target 10m');
    const [rate] = checkTargets({ activationRate: 0.5 }, { ...figures, activationMature: 1 });
    assert.equal(describeMiss(rate!), 'activation rate 40.0% (1 user) is below its target 50.0%');
  });

  it('formats ages, short rates and counted nouns', () => {
    assert.deepEqual(
      [ago(59), ago(60), ago(7199), ago(86_400 * 3 + 5)],
      ['just now', '1m ago', '1h ago', '3d ago'],
    );
    assert.deepEqual(
      [percentShort(0.414), percentShort(null), countOf(1, 'user'), countOf(1760, 'user')],
      ['41%', '—', '1 user', '1,760 users'],
    );
    assert.equal(humanDuration(11_520), '3h 12m');
  });
});
