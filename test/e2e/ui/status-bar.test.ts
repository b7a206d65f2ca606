// What a person sees when opening a workspace with a plan file in VS Code (code-server in Chromium):
// the status bar item, the Features view behind it, and `@feature` annotations highlighted.
import { strict as assert } from 'node:assert';
import { openFile, openWorkbenchSession, screenshot, statusBarItem, type WorkbenchSession } from '../harness';
import { waitFor } from '../wait';

describe('VS Code UI with the extension installed', () => {
  let session: WorkbenchSession;

  before(async () => {
    session = await openWorkbenchSession('workspace');
  });

  after(async () => {
    await session?.close();
  });

  it('shows the Activation Lens status bar item with the features and gaps found', async () => {
    const item = await statusBarItem(session.page, /Activation Lens: \d+ features? · \d+ gaps?/);
    assert.match(await item.innerText(), /^Activation Lens: 3 features · \d+ gaps?$/);
    await screenshot(session.page, 'status-bar');
  });

  it('opens the Features view from the status bar item', async () => {
    const item = await statusBarItem(session.page, /Activation Lens: \d+ features?/);
    await item.click();
    // The side bar shows the Activation Lens container with its Features view.
    const view = session.page.locator('.part.sidebar');
    await view.locator('.composite.title', { hasText: /Activation Lens/i }).waitFor();
    for (const feature of ['bulk-export', 'bulk-exprot', 'checkout-v2'])
      await view.locator('.monaco-list-row', { hasText: feature }).first().waitFor();
    await screenshot(session.page, 'features-view');
  });

  it('highlights @feature annotations in comments', async () => {
    const editor = await openFile(session.page, 'src/Checkout.tsx');
    const line = editor.locator('.view-line', { hasText: '// @feature checkout-v2' });
    await line.waitFor();
    // Monaco renders each token as a span whose class names its colour. Tokenizing is asynchronous,
    // so wait until the annotation and its key are coloured apart from the comment around them.
    const colourOf = (spans: string[][], text: string): string | undefined =>
      spans.find(([content]) => content?.includes(text))?.[1];
    await waitFor('the @feature annotation to be highlighted', async () => {
      const spans = await line.evaluate((el) =>
        [...el.querySelectorAll('span > span')].map((span) => [span.textContent ?? '', span.className]),
      );
      const comment = colourOf(spans, '//');
      return (
        comment !== undefined &&
        colourOf(spans, 'feature') !== comment &&
        colourOf(spans, 'checkout-v2') !== comment
      );
    });
    await screenshot(session.page, 'feature-annotation');
  });
});
