import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openFile, runCommand, screenshotPath, useWorkbench } from './workbench';

/** Opens the language status hover (the `{}` next to "Python" in the status bar) and returns it. */
async function openLanguageStatus(page: Page) {
  await page.locator('[id="status.languageStatus"]').click();
  const hover = page.locator('.monaco-hover', { hasText: 'Async Coach' });
  await hover.first().waitFor({ state: 'visible' });
  return hover.first();
}

describe('UI: Async Coach\'s state in the language status item, and short messages in the Problems panel', function () {
  // A file no other check edits: the ACO302 checks apply their quick fix to nested_run.py.
  const workbench = useWorkbench('semaphore_per_call.py');

  it('shows the problem count of the active Python file, with the log and the settings one click away', async () => {
    const page = workbench.page();
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    const hover = await openLanguageStatus(page);
    const text = await hover.innerText();
    assert.match(text, /Async Coach: 1 problem\b/);
    assert.match(text, /checked as you type/);
    assert.match(text, /Show Log/);
    assert.match(text, /Open Settings/);
    await page.screenshot({ path: screenshotPath('language-status.png') });
    await hover.getByText('Show Log').click();
    await page.locator('.panel .monaco-editor', { hasText: 'Async Coach ready' }).first().waitFor();
    await page.keyboard.press('Escape');
  });

  it('lists one short sentence per problem in the Problems panel', async () => {
    const page = workbench.page();
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines').first().click();
    for (const file of ['sequential.py', 'unawaited.py', 'blocking_call.py']) await openFile(page, file);
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'ACO201' }).first().waitFor();
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'ACO101' }).first().waitFor();
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'ACO301' }).first().waitFor();
    const messages = (await page.locator('.markers-panel .marker-message').allInnerTexts()).map((m) => m.trim());
    assert.ok(messages.length >= 6, `messages: ${messages.join(' | ')}`);
    for (const m of messages) assert.ok(m.length <= 120 && !m.includes('\n') && !/\.\s/.test(m.replace(/`[^`]*`/g, '')), `not one short sentence: "${m}"`);
    // The panel at full height, so the screenshot shows every file's rows.
    await runCommand(page, 'View: Toggle Maximized Panel');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'sequential.py' }).first().waitFor();
    await page.screenshot({ path: screenshotPath('problems-panel-short-messages.png') });
    await runCommand(page, 'View: Toggle Maximized Panel');
  });
});
