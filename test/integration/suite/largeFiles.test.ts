import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, coachDiagnostics, openNewPythonFile, openUntitledPython, waitForDiagnostics } from '../helpers';

/** About `lines` lines of valid async code with one ACO302 finding every 40 lines. */
function bigSource(lines: number): string {
  const block = (i: number): string =>
    `async def fetch_${i}(n):\n    await asyncio.sleep(0)\n    return n\n\n\nasync def nested_${i}():\n    return asyncio.run(fetch_${i}(1))\n\n\n` + '# filler\n'.repeat(31);
  let text = 'import asyncio\n\n\n';
  for (let i = 0; text.length < lines * 20; i++) text += block(i);
  return text;
}

// Files of their own, not untitled documents: VS Code reuses an untitled name, and a closed
// 5 MB untitled document's backup can come back as the next `Untitled-1` on a busy machine.
describe('large files in the editor', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('a 5 MB file is skipped (no diagnostics, no error) and the editor keeps answering', async () => {
    const source = bigSource(260_000);
    assert.ok(source.length > 5_000_000, `generated ${source.length} characters`);
    const editor = await openNewPythonFile('big', source);
    assert.equal(editor.document.getText().length, source.length);
    // The command analyses the active file now: it returns 0 without analysing a file over the limit.
    assert.equal(await vscode.commands.executeCommand<number>('asyncCoach.analyzeFile'), 0);
    assert.deepEqual(coachDiagnostics(editor.document.uri), []);
    // Typing into it still works and a small file opened next is analysed as usual.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n')));
    assert.ok(await editor.document.save(), 'saved, so closing it asks nothing');
    const small = await openUntitledPython('import asyncio\nasync def f():\n    asyncio.run(g())\n');
    await waitForDiagnostics(small.document.uri, (ds) => ds.length === 1);
    assert.deepEqual(coachDiagnostics(editor.document.uri), []);
  });

  it('a file under the limit is analysed, and the limit is a setting', async () => {
    const source = bigSource(5_000);
    const editor = await openNewPythonFile('under_limit', source);
    const expected = source.split('asyncio.run(').length - 1;
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.length === expected);
    assert.equal(ds.length, expected);
    try {
      await vscode.workspace.getConfiguration('asyncCoach').update('maxFileSizeKb', 50, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(editor.document.uri, (d) => d.length === 0);
    } finally {
      await vscode.workspace.getConfiguration('asyncCoach').update('maxFileSizeKb', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
