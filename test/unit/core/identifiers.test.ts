import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace, prng } from '../../../bench/generate-workspace';
import { identifierWords } from '../../../server/src/core/identifiers';
import { removeDir } from '../../helpers/fixtures';

// identifierWords scans by hand for speed; its answer must be exactly the plain definition's: the
// distinct matches of /[\w$]+/g in the order they first occur, space-separated.
function reference(text: string): string {
  const runs = text.match(/[\w$]+/g);
  return runs ? [...new Set(runs)].join(' ') : '';
}

function same(text: string): void {
  assert.equal(identifierWords(text), reference(text), JSON.stringify(text.slice(0, 200)));
}

// Word characters, separators of all kinds (CRLF, tabs, punctuation, non-ASCII letters that \w does
// not match, a surrogate pair) and characters next to the word range.
const PIECES = [
  ...'abcxyzABCXYZ0189_$',
  ...' \t\r\n.,;:(){}[]<>=+-*/\'"`@#%^&|\\?!~',
  'é',
  'ß',
  'Ω',
  'ı',
  '\u00a0',
  '\u2028',
  '😀',
  '\u0000',
  '\uffff',
];

function randomText(rand: () => number, length: number, alphabet: readonly string[]): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
  return text;
}

describe('identifierWords', () => {
  it('gives the words of edge cases exactly as the regular expression does', () => {
    for (const text of [
      '',
      ' ',
      'a',
      '$',
      '_',
      '0',
      'a b a',
      '  lead and trail  ',
      'end',
      'x\r\ny\r\nx',
      'é$é_é9é',
      'café cafe café',
      '😀a😀a😀',
      '$1 $1 $$ $',
      'Aa BB Aa BB', // the same hash (31 * 65 + 97 = 31 * 66 + 66): told apart by their text
      'AaAa BBBB AaBB BBAa AaAa',
      'posthog.capture(\'x\'); posthog.isFeatureEnabled("y")',
    ])
      same(text);
  });

  it('gives the same words as the regular expression on random texts', () => {
    const rand = prng(9);
    for (let i = 0; i < 2000; i++) same(randomText(rand, Math.floor(rand() * 400), PIECES));
    // Few letters: the same words recur often, so most runs are duplicates.
    const few = ['a', 'b', 'A', '$', ' ', ' ', '\n', '.'];
    for (let i = 0; i < 500; i++) same(randomText(rand, Math.floor(rand() * 2000), few));
  });

  it('keeps very many distinct words in order (the table grows, then starts small again)', () => {
    const words = Array.from({ length: 50_000 }, (_, i) => `w${(i * 7919) % 50_000}x`);
    const text = `${words.join(' ')}\r\n${words.reverse().join(';')}`;
    same(text);
    same('after a big file: w1x w2x w1x');
    // A table grown but kept: each call leaves it empty for the next (the same text again would find
    // what a slot left behind spells).
    const grown = Array.from({ length: 3000 }, (_, i) => `id${i % 1500}`).join('+');
    same(grown);
    same(grown);
    for (const text of ['id1 id2 id1', 'id7', 'id1499 x id1499', 'id1 id2 id1']) same(text);
  });

  it('gives the same words as the regular expression on a generated workspace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-words-'));
    try {
      generateWorkspace(dir, {
        files: 60,
        candidateShare: 0.3,
        constantsShare: 0.1,
        seed: 4,
        wrappers: true,
      });
      const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      assert.ok(files.length >= 60);
      for (const entry of files) same(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    } finally {
      removeDir(dir);
    }
  });
});
