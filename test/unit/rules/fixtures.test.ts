import { strict as assert } from 'node:assert';
import { RULE_IDS } from '../../../server/src/core/rules';
import { casesOf, findingsOf, readExpected } from '../../helpers/rule-fixtures';

describe('rule fixtures (test/fixtures/rules/<rule-id>/<case>/expected.json)', () => {
  for (const rule of RULE_IDS) {
    const cases = casesOf(rule);
    describe(rule, () => {
      it('has a positive case with findings and a negative case without', () => {
        const expected = cases.map((c) => readExpected(rule, c));
        assert.ok(
          expected.some((e) => e.length > 0),
          `${rule}: no positive case`,
        );
        assert.ok(
          expected.some((e) => e.length === 0),
          `${rule}: no negative case`,
        );
      });
      for (const c of cases) {
        it(`${c}: finds exactly the expected findings`, async () => {
          assert.deepEqual(await findingsOf(rule, c), readExpected(rule, c));
        });
      }
    });
  }
});
