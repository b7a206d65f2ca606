import { strict as assert } from 'node:assert';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { LineMap } from '../../../server/src/core/ast';
import type { CheckResult } from '../../../server/src/core/check';
import { changeBetween, fileMentions, shiftFileData, shiftMentioned } from '../../../server/src/core/shift';
import { DiagnosticsPublisher, toLspDiagnostics } from '../../../server/src/lsp/diagnostics';
import { FolderIndex } from '../../../server/src/lsp/folder-index';
import { pathToUri } from '../../../server/src/lsp/uris';
import { OpenDocuments } from '../../helpers/documents';
import { copyDemo, removeDir } from '../../helpers/fixtures';

// The keystroke path moves only the result items that hold the edited file's data and converts only
// findings it has not converted before: both must give what the whole-result versions give.

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('keystroke results: shared, not copied', () => {
  let root: string;
  let result: CheckResult;
  let index: FolderIndex;
  before(async () => {
    root = copyDemo();
    index = new FolderIndex(root, pathToUri(root), new OpenDocuments(root), { jobs: 0 });
    await index.build(() => undefined, { cancelled: false });
    result = index.check();
  });
  after(() => removeDir(root));

  it('moves the items of the edited file as shifting the whole result does, and shares the rest', () => {
    const mentions = fileMentions(result as unknown as Record<string, unknown>);
    assert.ok(mentions.size > 3, `files with data: ${mentions.size}`);
    let compared = 0;
    for (const file of mentions.keys()) {
      const text = index.readFile(file);
      if (text === undefined) continue;
      // Insertions at the start, the first line's end, the middle and the end; the first word renamed.
      for (const at of [0, text.indexOf('\n'), Math.floor(text.length / 2), text.length]) {
        if (at < 0) continue;
        const next: string = `${text.slice(0, at)}xy\n${text.slice(at)}`;
        for (const edited of [next, text.replace(/\w+/, 'renamed')] as string[]) {
          const change = changeBetween(text, edited);
          const lines: LineMap = new LineMap(edited);
          const whole: CheckResult | undefined = shiftFileData(result, file, change, lines);
          const moved = shiftMentioned(result, mentions, file, change, lines);
          assert.deepEqual(clone(moved), clone(whole), `${file} at ${at}`);
          compared++;
          if (!moved) continue;
          // Items that hold no data of the file are the same objects.
          const mentioned = new Set(mentions.get(file)?.get('diagnostics') ?? []);
          result.diagnostics.forEach((d, i) => {
            if (!mentioned.has(i)) assert.equal(moved.diagnostics[i], d);
          });
        }
      }
    }
    assert.ok(compared > 10);
  });

  it('converts findings to LSP diagnostics as a fresh conversion does, across versions', () => {
    const some = result.diagnostics[0]!;
    const uri = pathToUri(`${root}/${some.file}`);
    for (const version of [undefined, 3, 4, 4, undefined]) {
      const versionOf = (u: string) => (u === uri ? version : undefined);
      const cached = toLspDiagnostics(root, result, versionOf);
      const fresh = toLspDiagnostics(root, clone(result), versionOf);
      assert.deepEqual(cached, fresh);
      assert.equal(cached.get(uri)?.[0]?.data?.version, version);
    }
  });

  it('publishes only the files whose diagnostics changed, and clears the files that have none', () => {
    const sent: [string, LspDiagnostic[]][] = [];
    const publisher = new DiagnosticsPublisher((uri, list) => sent.push([uri, list]));
    const owns = () => true;
    const first = toLspDiagnostics(root, result, () => undefined);
    assert.equal(publisher.publish(first, owns), first.size);
    // The same findings (same objects), then equal findings (new objects): nothing sent.
    sent.length = 0;
    assert.equal(
      publisher.publish(
        toLspDiagnostics(root, result, () => undefined),
        owns,
      ),
      0,
    );
    assert.equal(
      publisher.publish(
        toLspDiagnostics(root, clone(result), () => undefined),
        owns,
      ),
      0,
    );
    // One file's findings change, another's are gone.
    const [changedUri, cleared] = [...first.keys()];
    const next = new Map(first);
    next.set(changedUri!, [{ ...first.get(changedUri!)![0]!, message: 'changed' }]);
    next.delete(cleared!);
    assert.equal(publisher.publish(next, owns), 2);
    assert.deepEqual(
      sent.map(([uri, list]) => [uri, list.length]),
      [
        [changedUri, 1],
        [cleared, 0],
      ],
    );
  });
});
