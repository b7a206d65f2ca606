import { strict as assert } from 'node:assert';
import { prng } from '../../../bench/generate-workspace';
import { type AnalysisConfig, EMPTY_CONFIG } from '../../../server/src/core/config';
import { identifierWords } from '../../../server/src/core/identifiers';
import { buildPrefilter, prefilterPatterns } from '../../../server/src/core/prefilter';

// Given a text's words, the pre-filter tests it with the patterns of only the names it spells: the
// answer must be the full patterns' answer on every text.
const CUSTOM: AnalysisConfig = {
  tracking: [{ callee: 'tracker.sendIt' }],
  flags: [{ callee: 'isOnNow' }],
  flagObjects: [{ object: 'uiConfig.toggles' }],
};

// Names of every pattern, near misses, and what may stand before and after a name.
const NAMES = [
  'track',
  'trackEvent',
  'capture',
  'page',
  'isEnabled',
  'useFeatureIsOn',
  'getBooleanValue',
  'feature',
  'flags',
  'featureFlags',
  'features',
  'useFlags',
  'useFeatureToggles',
  'featureToggles',
  'sendIt',
  'isOnNow',
  'toggles',
  'tracked',
  'xtrack',
  'Flags',
];
const BEFORE = ['', ' ', '.', '$', 'a$', '@', '$@', '_', 'x', '} = ', '} = a?.', '}=cfg . ', '\n', '['];
const AFTER = [
  '(',
  ' (',
  '?.(',
  '<T>(',
  "']",
  '" ]',
  ' as t',
  ': t,',
  ';',
  '.',
  '?.',
  '[',
  '!.',
  '$',
  '$(',
  'x(',
  ' . includes(',
  '.has (',
  '<A<B>>(',
  '',
];

function randomText(rand: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  let text = '';
  for (let i = Math.floor(rand() * 6); i >= 0; i--)
    text += `${pick(BEFORE)}${pick(NAMES)}${pick(AFTER)}${pick([' ', '\r\n', 'é', ''])}`;
  return text;
}

function agrees(config: AnalysisConfig, texts: readonly string[]): { passed: number } {
  const prefilter = buildPrefilter(config);
  const [calls, containers] = prefilterPatterns(config).map((source) => new RegExp(source));
  let passed = 0;
  for (const text of texts) {
    const expected = calls!.test(text) || containers!.test(text);
    assert.equal(prefilter.test(text, identifierWords(text)), expected, JSON.stringify(text));
    assert.equal(prefilter.test(text), expected, JSON.stringify(text));
    if (expected) passed++;
  }
  return { passed };
}

describe('pre-filter with the words of a text', () => {
  it('answers as the full patterns on random texts (built-in and custom names)', () => {
    const rand = prng(17);
    const texts = Array.from({ length: 4000 }, () => randomText(rand));
    for (const config of [EMPTY_CONFIG, CUSTOM]) {
      const { passed } = agrees(config, texts);
      // Both answers occur often enough to mean something.
      assert.ok(passed > 400 && passed < 3600, `${passed} of ${texts.length} passed`);
    }
  });

  it('answers as the full patterns on the cases at the edges of a name', () => {
    agrees(EMPTY_CONFIG, [
      '',
      'nothing here',
      '$track("x")',
      'a$track("x")',
      'track$("x")',
      'xtrack("x")',
      '@feature checkout',
      '// @feature$x',
      '@features',
      'flags.x',
      '$flags.x',
      'const { a } = cfg.flags;',
      'const { a } = cfg.flagsX;',
      'features.includes("x")',
      'useFlags<Flags>()',
      'page',
      'page(',
    ]);
  });

  it('still answers when a custom name is not a plain identifier, or texts spell very many sets of names', () => {
    const rand = prng(5);
    const texts = Array.from({ length: 1500 }, () => randomText(rand));
    agrees({ tracking: [{ callee: 'window.$track' }, { callee: 'api.$send' }], flags: [] }, [
      ...texts,
      '$track("a")',
      'x.$track(1)',
      'x$send(1)',
    ]);
    // Each text a different set of names: more sets than the pre-filter keeps patterns for.
    const many = Array.from({ length: 600 }, (_, i) =>
      NAMES.filter((_, bit) => (i >> bit) % 2 === 1)
        .map((name, k) => `${BEFORE[k % BEFORE.length]}${name}${AFTER[(i + k) % AFTER.length]}`)
        .join(' '),
    );
    agrees(EMPTY_CONFIG, many);
  });
});
