// Line numbers for the few malformed NDJSON rows shown to people. DuckDB numbers the records it
// reads and skips blank lines (only whitespace), so record k is the k-th non-blank line; this maps
// record numbers to line numbers by streaming the file's bytes up to the last one asked for.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

// Space, \t, \n, \v, \f, \r: the bytes DuckDB's reader treats as blank.
const BLANK = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** Map from record number (1-based, non-blank lines) to line number; records not found are absent. */
export async function linesOfRecords(file: string, records: number[]): Promise<Map<number, number>> {
  const wanted = new Set(records);
  const last = Math.max(0, ...records);
  const out = new Map<number, number>();
  if (!last) return out;
  let stream: NodeJS.ReadableStream = fs.createReadStream(file);
  if (/\.gz$/i.test(file)) stream = stream.pipe(zlib.createGunzip());
  else if (/\.zst$/i.test(file)) return out;
  let line = 1;
  let record = 0;
  let blank = true;
  const endLine = () => {
    if (!blank) {
      record++;
      if (wanted.has(record)) out.set(record, line);
    }
    line++;
    blank = true;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      // Newlines are found natively; a line's bytes are looked at only until the first that is
      // not blank (its first, nearly always), so a large file is skimmed, not read byte by byte.
      let at = 0;
      while (at < chunk.length) {
        const nl = chunk.indexOf(0x0a, at);
        const end = nl < 0 ? chunk.length : nl;
        for (let i = at; blank && i < end; i++) if (!BLANK.has(chunk[i]!)) blank = false;
        if (nl < 0) break;
        endLine();
        if (record >= last) return out;
        at = nl + 1;
      }
    }
    endLine();
  } finally {
    (stream as unknown as { destroy?: () => void }).destroy?.();
  }
  return out;
}

/** The header fields of a CSV file (its first line; double quotes as in RFC 4180). */
export async function csvHeader(file: string): Promise<string[]> {
  let stream: NodeJS.ReadableStream = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  if (/\.gz$/i.test(file)) stream = stream.pipe(zlib.createGunzip());
  let text = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      const end = headerEnd(text);
      if (end >= 0) {
        text = text.slice(0, end);
        break;
      }
      if (text.length > 1024 * 1024) break;
    }
  } finally {
    (stream as unknown as { destroy?: () => void }).destroy?.();
  }
  return splitCsvLine(text.replace(/^\uFEFF/, '').replace(/\r$/, ''));
}

/** Index of the newline that ends the first record (outside quotes), or -1. */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) return i;
  }
  return -1;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}
