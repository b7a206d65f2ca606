// What a person sees of the language server in VS Code (code-server in Chromium): the Problems panel,
// the code lens above a flag check and the Features view it reveals, the feature card on hover, and the
// quick-fix menu (Ctrl+.) with the line it inserts. Screenshots go to test-results/.
import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import {
  openFile,
  openWorkbenchSession,
  runCommand,
  screenshot,
  screenshotFailuresAndClose,
  statusBarItem,
  type WorkbenchSession,
} from '../harness';
import { waitFor } from '../wait';

const LENS = 'checkout-v2 · discovery ✓ · activation ✓ · value ✗';

describe('VS Code UI: diagnostics, code lens, hover and quick-fix', () => {
  let session: WorkbenchSession;
  let editor: Locator;

  before(async () => {
    session = await openWorkbenchSession('workspace');
    // The readiness signal: the server has published its first analysis.
    await statusBarItem(session.page, /Activation Lens: \d+ features?/);
    editor = await openFile(session.page, 'src/Checkout.tsx');
  });

  screenshotFailuresAndClose(() => session);

  it('lists the findings in the Problems panel', async () => {
    await runCommand(session.page, 'View: Focus Problems');
    const problems = session.page.locator('.markers-panel');
    // The panel renders only the rows in view: filter it to each finding, as a person would scroll.
    const filter = session.page.getByPlaceholder('Filter (e.g. text');
    for (const text of [
      'Feature checkout-v2 has no value event',
      'Flag bulk-exprot is not in the plan. Did you mean bulk-export?',
      'order_completed is planned as checkout-v2',
    ]) {
      await filter.fill(text);
      await problems.locator('.monaco-list-row', { hasText: text }).first().waitFor();
    }
    await filter.fill('');
    await problems.locator('.monaco-list-row', { hasText: 'has no value event' }).first().waitFor();
    await screenshot(session.page, 'problems');
  });

  it('shows a code lens with the milestones above the flag check, which reveals the feature', async () => {
    // VS Code asks for the lenses of the focused editor: back to it from the Problems panel.
    await editor.locator('.view-line', { hasText: 'Pay now' }).click();
    // One lens per entry point: the `@feature` annotations and the flag check.
    const lens = editor.locator('.codelens-decoration', { hasText: LENS }).first();
    await lens.waitFor();
    await screenshot(session.page, 'code-lens');
    await lens.locator('a', { hasText: 'checkout-v2' }).click();
    // The Features view opens in the side bar with the feature selected.
    const sidebar = session.page.locator('.part.sidebar');
    await sidebar.locator('.composite.title', { hasText: /Activation Lens/i }).waitFor();
    await sidebar.locator('.monaco-list-row.selected', { hasText: 'checkout-v2missing value' }).waitFor();
    // Expanded: its milestones show, the missing one says so.
    await sidebar.locator('.monaco-list-row', { hasText: 'valuemissing' }).waitFor();
    await screenshot(session.page, 'features-view-revealed');
  });

  it('shows the feature card on hover over the flag key', async () => {
    // Room for the card: the panel closes. The lens is in place (above), so the line no longer moves
    // under the pointer.
    await runCommand(session.page, 'View: Hide Panel');
    const key = editor
      .locator('.view-line', { hasText: "useFeatureIsOn('checkout-v2')" })
      .locator('span > span', { hasText: 'checkout-v2' })
      .first();
    await key.hover();
    // The hover shows the diagnostic under the pointer first; the feature card follows.
    const hover = session.page.locator('.monaco-hover:not(.hidden)');
    const text = await waitFor('the feature card', async () => {
      const shown = (await hover.count()) > 0 ? await hover.first().innerText() : '';
      return /Feature checkout-v2 · growthbook useFeatureIsOn/.test(shown) ? shown : undefined;
    });
    assert.match(text, /discovery\s+checkout_viewed/);
    assert.match(text, /value\s+—\s+missing/);
    assert.doesNotMatch(text, /<!--/, 'the KPI section marker is not shown');
    await screenshot(session.page, 'hover');
    await session.page.keyboard.press('Escape');
  });

  it('offers the quick-fix with Ctrl+. and inserts the missing value event', async () => {
    const check = editor.locator('.view-line', { hasText: "useFeatureIsOn('checkout-v2')" });
    // The diagnostic is drawn under the flag check: put the cursor on it.
    await editor.locator('.squiggly-warning').first().waitFor();
    await check.locator('span > span', { hasText: 'useFeatureIsOn' }).first().click();
    // The pointer leaves the line, so that no hover card covers the menu.
    await session.page.mouse.move(150, 700);
    const action = session.page.locator('.action-widget .monaco-list-row', {
      hasText: "Insert value event 'order_completed' for checkout-v2",
    });
    // Right after a click the server may still be answering: ask again until the action is listed.
    await waitFor('the quick-fix menu to list the insert action', async () => {
      await session.page.keyboard.press('Control+.');
      try {
        await action.first().waitFor({ timeout: 3000 });
        return true;
      } catch {
        await session.page.keyboard.press('Escape');
        return false;
      }
    });
    await screenshot(session.page, 'quick-fix');
    // Choose it with the keyboard (the menu's pointer guard swallows synthetic clicks).
    const focused = session.page.locator('.action-widget .monaco-list-row.focused');
    await waitFor('the insert action to be focused', async () => {
      if (((await focused.textContent()) ?? '').includes("Insert value event 'order_completed'")) return true;
      await session.page.keyboard.press('ArrowDown');
      return false;
    });
    await session.page.keyboard.press('Enter');
    await editor.locator('.view-line', { hasText: "analytics.track('order_completed');" }).waitFor();
    // The lens and the Features view follow: checkout-v2 has all three milestones now. (VS Code
    // updates the lenses of the focused editor only, so they are checked before leaving it.)
    await editor
      .locator('.codelens-decoration', { hasText: 'checkout-v2 · discovery ✓ · activation ✓ · value ✓' })
      .first()
      .waitFor();
    await session.page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'checkout-v2complete' })
      .first()
      .waitFor();
    await runCommand(session.page, 'View: Focus Problems');
    const problems = session.page.locator('.markers-panel');
    await waitFor(
      'the missing-value problems to go',
      async () =>
        (await problems.locator('.monaco-list-row', { hasText: 'has no value event' }).count()) === 0,
    );
    await screenshot(session.page, 'quick-fix-applied');
  });

  it('shows the whole card of a complete feature, with why each event is linked', async () => {
    const other = await openFile(session.page, 'src/BulkExport.tsx');
    await other
      .locator('.codelens-decoration', { hasText: 'bulk-export · discovery ✓ · activation ✓ · value ✓' })
      .waitFor();
    await other
      .locator('.view-line', { hasText: "useFeatureIsOn('bulk-export')" })
      .locator('span > span', { hasText: 'bulk-export' })
      .first()
      .hover();
    const hover = session.page.locator('.monaco-hover:not(.hidden)', { hasText: 'Feature bulk-export' });
    await hover.waitFor();
    const text = await hover.innerText();
    for (const event of ['bulk_export_opened', 'bulk_export_clicked', 'bulk_export_downloaded'])
      assert.match(text, new RegExp(`✓\\s+\\w+\\s+${event}`));
    assert.match(text, /Why linked/);
    await screenshot(session.page, 'hover-card');
  });
});
