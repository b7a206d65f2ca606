// The canonical JSON the loader writes into the `properties` column, so that ClickHouse 18.16's
// visitParamExtract* functions (which look for the first `"name":` anywhere in the text) read
// exactly the top-level properties that DESIGN §4 and the DuckDB source read:
// - compact (no whitespace outside strings);
// - top-level members with scalar values first, then those with objects or arrays (the reader cuts
//   the text before the first `":{` / `":[`, so nested keys are never found);
// - no raw `"` inside strings: it is written `\u0022` (so `"name":` only ever matches a key), `\`
//   as `\\`, control characters as `\u00XX`; everything else as UTF-8;
// - numbers exactly as written in the input; duplicate keys: the first wins, as in DuckDB.
// The input is JSON text as DuckDB wrote it back (valid JSON, possibly with duplicate keys).

type Json = null | boolean | string | { raw: string } | Json[] | [string, Json][];

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Json {
    const value = this.value();
    this.ws();
    if (this.i !== this.s.length) throw new Error('trailing characters');
    return value;
  }

  private ws() {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  private value(): Json {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) throw new Error(`unexpected ${c ?? 'end'} at ${this.i}`);
    this.i += m[0].length;
    return { raw: m[0] };
  }

  private string(): string {
    // The JSON string literal, decoded by JSON.parse.
    const start = this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') this.i += this.s[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.s.length) throw new Error('unterminated string');
    this.i++;
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  private object(): [string, Json][] & { object: true } {
    this.i++;
    const out = [] as unknown as [string, Json][] & { object: true };
    out.object = true;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      const key = this.string();
      this.ws();
      if (this.s[this.i++] !== ':') throw new Error('expected :');
      const value = this.value();
      if (!out.some(([k]) => k === key)) out.push([key, value]);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') throw new Error('expected , or }');
    }
  }

  private array(): Json[] {
    this.i++;
    const out: Json[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') throw new Error('expected , or ]');
    }
  }
}

function isObject(v: Json): v is [string, Json][] {
  return Array.isArray(v) && (v as { object?: boolean }).object === true;
}

function isContainer(v: Json): boolean {
  return Array.isArray(v);
}

export function canonicalString(s: string): string {
  const body = s.replace(/[\\"\u0000-\u001f]/g, (c) =>
    c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${body}"`;
}

function write(v: Json, top: boolean): string {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return canonicalString(v);
  if (isObject(v)) {
    const members = top
      ? [...v.filter(([, x]) => !isContainer(x)), ...v.filter(([, x]) => isContainer(x))]
      : v;
    return `{${members.map(([k, x]) => `${canonicalString(k)}:${write(x, false)}`).join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => write(x, false)).join(',')}]`;
  return v.raw;
}

/** The canonical form of a JSON object's text; `{}` for anything that is not a JSON object. */
export function canonicalProperties(text: string | null | undefined): string {
  if (!text) return '{}';
  let parsed: Json;
  try {
    parsed = new Parser(text).parse();
  } catch {
    return '{}';
  }
  return isObject(parsed) ? write(parsed, true) : '{}';
}
