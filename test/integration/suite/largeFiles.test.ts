import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, coachDiagnostics, openUntitledPython, waitForDiagnostics } from '../helpers';

/** About `lines` lines of valid async code with one ACO302 finding every 40 lines. */
function bigSource(lines: number): string {
  const block = (i: number): string =>
    `async def fetch_${i}(n):\n    await asyncio.sleep(0)\n    return n\n\n\nasync def nested_${i}():\n    return asyncio.run(fetch_${i}(1))\n\n\n` + '# filler\n'.repeat(31);
  let text = 'import asyncio\n\n\n';
  for (let i = 0; text.length < lines * 20; i++) text += block(i);
  return text;
}

describe('large files in the editor', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('a 5 MB file is skipped (no diagnostics, no error) and the editor keeps answering', async function () {
    this.timeout(120_000); // loading 5 MB into the web workbench is itself slow
    const source = bigSource(260_000);
    assert.ok(source.length > 5_000_000, `generated ${source.length} characters`);
    const editor = await openUntitledPython(source);
    // The command analyses the active file now: it returns 0 without analysing a file over the limit.
    assert.equal(await vscode.commands.executeCommand<number>('asyncCoach.analyzeFile'), 0);
    assert.deepEqual(coachDiagnostics(editor.document.uri), []);
    // Typing into it still works and a small file opened next is analysed as usual.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n')));
    const small = await openUntitledPython('import asyncio\nasync def f():\n    asyncio.run(g())\n');
    await waitForDiagnostics(small.document.uri, (ds) => ds.length === 1);
  });

  it('a file under the limit is analysed, and the limit is a setting', async function () {
    this.timeout(120_000);
    const source = bigSource(5_000);
    const editor = await openUntitledPython(source);
    const expected = source.split('asyncio.run(').length - 1;
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.length === expected, 60_000);
    assert.equal(ds.length, expected);
    try {
      await vscode.workspace.getConfiguration('asyncCoach').update('maxFileSizeKb', 50, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(editor.document.uri, (d) => d.length === 0, 60_000);
    } finally {
      await vscode.workspace.getConfiguration('asyncCoach').update('maxFileSizeKb', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
