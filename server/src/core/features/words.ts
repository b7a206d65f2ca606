// Words in event names and feature keys: splitting, milestone verbs, naming conventions.
import type { EventCase, Milestone } from '../plan/model';

/** `checkout_started`, `Checkout Started`, `checkoutStarted`, `checkout-v2` → lower-case words. */
export function words(name: string): string[] {
  let cached = WORDS.get(name);
  if (!cached) {
    // Linking compares every call with every feature: the same names come back many times.
    if (WORDS.size >= WORDS_CACHE_SIZE) WORDS.clear();
    WORDS.set(name, (cached = splitWords(name)));
  }
  return cached.slice();
}

const WORDS = new Map<string, string[]>();
const WORDS_CACHE_SIZE = 50_000;

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

interface Verb {
  milestone: Milestone;
  /** The past participle, used to rewrite verb-first names in object-action order. */
  past: string;
  forms: string[];
}

/**
 * Milestone verbs (DESIGN §2), in the forms names use: verb-last past tense (`report_created`) and
 * verb-first base form (`Create Report`).
 */
const VERBS: Verb[] = [
  { milestone: 'discovery', past: 'viewed', forms: ['view', 'viewed'] },
  { milestone: 'discovery', past: 'seen', forms: ['see', 'seen', 'saw'] },
  { milestone: 'discovery', past: 'shown', forms: ['show', 'shown', 'showed'] },
  { milestone: 'discovery', past: 'opened', forms: ['open', 'opened'] },
  { milestone: 'discovery', past: 'exposed', forms: ['expose', 'exposed'] },
  { milestone: 'discovery', past: 'impression', forms: ['impression', 'impressions'] },
  { milestone: 'activation', past: 'clicked', forms: ['click', 'clicked'] },
  { milestone: 'activation', past: 'started', forms: ['start', 'started'] },
  { milestone: 'activation', past: 'used', forms: ['use', 'used'] },
  { milestone: 'activation', past: 'activated', forms: ['activate', 'activated'] },
  { milestone: 'activation', past: 'enabled', forms: ['enable', 'enabled'] },
  { milestone: 'activation', past: 'tried', forms: ['try', 'tried'] },
  { milestone: 'activation', past: 'created', forms: ['create', 'created'] },
  { milestone: 'value', past: 'completed', forms: ['complete', 'completed'] },
  { milestone: 'value', past: 'succeeded', forms: ['succeed', 'succeeded', 'success'] },
  { milestone: 'value', past: 'finished', forms: ['finish', 'finished'] },
  { milestone: 'value', past: 'saved', forms: ['save', 'saved'] },
  { milestone: 'value', past: 'published', forms: ['publish', 'published'] },
  { milestone: 'value', past: 'converted', forms: ['convert', 'converted'] },
  { milestone: 'value', past: 'purchased', forms: ['purchase', 'purchased'] },
  { milestone: 'value', past: 'achieved', forms: ['achieve', 'achieved'] },
];

const VERB_BY_FORM = new Map<string, Verb>(VERBS.flatMap((v) => v.forms.map((f) => [f, v] as const)));

export interface VerbMatch {
  milestone: Milestone;
  /** The verb as written in the name. */
  verb: string;
  /** Where it is: last word (`report_created`) or first word (`Create Report`). */
  position: 'last' | 'first';
}

/** The milestone a name's verb stands for: the last word first, then the first word. */
export function milestoneVerb(name: string): VerbMatch | undefined {
  const w = words(name);
  const last = w[w.length - 1];
  const first = w[0];
  const atEnd = last ? VERB_BY_FORM.get(last) : undefined;
  if (atEnd) return { milestone: atEnd.milestone, verb: last!, position: 'last' };
  const atStart = w.length > 1 && first ? VERB_BY_FORM.get(first) : undefined;
  if (atStart) return { milestone: atStart.milestone, verb: first!, position: 'first' };
  return undefined;
}

/** The past participle of a milestone verb form (`create` → `created`). */
export function pastOf(form: string): string | undefined {
  return VERB_BY_FORM.get(form)?.past;
}

/** The verb each milestone's suggested event names end with. */
export const MILESTONE_VERB: Record<Milestone, string> = {
  discovery: 'viewed',
  activation: 'used',
  value: 'completed',
};

/** Words in flag keys that say nothing about the feature (`new-checkout-v2` is about "checkout"). */
const NOISE = new Set([
  'v1',
  'v2',
  'v3',
  'v4',
  'v5',
  'new',
  'beta',
  'alpha',
  'flag',
  'ff',
  'feature',
  'enabled',
  'enable',
  'experiment',
  'exp',
  'rollout',
  'release',
  'temp',
  'tmp',
]);

/** Singular and plural forms match (`team_invite_sent` and `team-invites`). */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The words of a feature key that say what the feature is (`new-checkout-v2` → `checkout`). */
export function featureWords(key: string): string[] {
  const all = words(key);
  const meaningful = all.filter((w) => !NOISE.has(w) && !/^v\d+$/.test(w));
  return meaningful.length ? meaningful : all;
}

/** The words of a feature key that an event name must contain to be linked by name. */
export function keyWords(key: string): string[] {
  return featureWords(key).map(stem);
}

/** Whether the event name contains the key's words, in order and next to each other. */
export function nameContainsKey(event: string, key: string): boolean {
  return containsWords(nameWords(event), keyWords(key));
}

/** An event name's words as `keyWords` compares them. */
export function nameWords(event: string): string[] {
  return words(event).map(stem);
}

/** Whether `key` words appear in `name` words, in order and next to each other. */
export function containsWords(name: readonly string[], key: readonly string[]): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i + key.length <= name.length; i++) {
    if (key.every((w, j) => name[i + j] === w)) return true;
  }
  return false;
}

// ---- naming conventions ------------------------------------------------------------------------

/** Small words Title Case keeps in lower case inside a name (`Added to Cart`). */
const MINOR = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

export function matchesCase(name: string, eventCase: EventCase): boolean {
  switch (eventCase) {
    case 'snake_case':
      return /^[a-z0-9]+(_[a-z0-9]+)*$/.test(name);
    case 'kebab-case':
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name);
    case 'camelCase':
      return /^[a-z][a-zA-Z0-9]*$/.test(name);
    case 'Title Case':
      return name.split(' ').every((w, i) => /^[A-Z0-9][A-Za-z0-9]*$/.test(w) || (i > 0 && MINOR.has(w)));
  }
}

/** Writes words in a convention. */
export function formatName(parts: readonly string[], eventCase: EventCase): string {
  switch (eventCase) {
    case 'snake_case':
      return parts.join('_');
    case 'kebab-case':
      return parts.join('-');
    case 'camelCase':
      return parts.map((w, i) => (i === 0 ? w : capitalise(w))).join('');
    case 'Title Case':
      return parts.map((w, i) => (i > 0 && MINOR.has(w) ? w : capitalise(w))).join(' ');
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
