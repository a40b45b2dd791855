import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, docsOf, ofRule, openPython, openUntitledPython, quickFixes, waitForDiagnostics } from '../helpers';

/** Applies the quick fix with this title (the rule's own fix, offered first) and checks it was there. */
async function applyFix(uri: vscode.Uri, d: vscode.Diagnostic, title: string): Promise<void> {
  const actions = await quickFixes(uri, d.range);
  const fix = actions.find((a) => a.title === title);
  assert.ok(fix?.edit, `no "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(actions[0], fix, 'the rule\'s own fix comes first in the menu');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
}

describe('misuse rules in the editor: ACO301, ACO302, ACO303', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('ACO301 marks the blocking calls of a coroutine, not those passed to a thread or in a nested def', async () => {
    const editor = await openPython('blocking.py');
    const ds = ofRule(await waitForDiagnostics(editor.document.uri, (all) => ofRule(all, 'ACO301').length === 2), 'ACO301');
    assert.deepEqual(ds.map((d) => d.range.start.line), [7, 8]);
    assert.equal(ds[0]!.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(ds[0]!.message, /^`time\.sleep\(\.\.\.\)` blocks the event loop/);
    assert.equal(docsOf(ds[0]!), 'ACO301');
  });

  it('ACO301 fixes: await asyncio.sleep, and asyncio.to_thread with the arguments kept and the result parenthesised', async () => {
    const editor = await openPython('blocking.py');
    const uri = editor.document.uri;
    const [sleep] = ofRule(await waitForDiagnostics(uri, (all) => ofRule(all, 'ACO301').length === 2), 'ACO301');
    await applyFix(uri, sleep!, 'Replace with `await asyncio.sleep(1)`');
    assert.equal(editor.document.lineAt(7).text, '    await asyncio.sleep(1)');
    const [http] = ofRule(await waitForDiagnostics(uri, (all) => ofRule(all, 'ACO301').length === 1), 'ACO301');
    await applyFix(uri, http!, 'Run it in a worker thread: `await asyncio.to_thread(requests.get, ...)`');
    assert.equal(editor.document.lineAt(8).text, '    return (await asyncio.to_thread(requests.get, url, timeout=5)).json()');
    await waitForDiagnostics(uri, (all) => ofRule(all, 'ACO301').length === 0);
  });

  it('ACO301 fix adds import asyncio when the file has none', async () => {
    const editor = await openUntitledPython('from time import sleep\n\n\nasync def tick():\n    sleep(0.5)\n');
    const [d] = ofRule(await waitForDiagnostics(editor.document.uri, (all) => ofRule(all, 'ACO301').length === 1), 'ACO301');
    await applyFix(editor.document.uri, d!, 'Replace with `await asyncio.sleep(0.5)`');
    assert.equal(editor.document.getText(), 'import asyncio\nfrom time import sleep\n\n\nasync def tick():\n    await asyncio.sleep(0.5)\n');
  });

  it('ACO302 fix turns loop.run_until_complete(x) inside a coroutine into await x', async () => {
    const editor = await openUntitledPython('import asyncio\n\n\nasync def inner():\n    return 1\n\n\nasync def outer():\n    return asyncio.get_event_loop().run_until_complete(inner())\n');
    const [d] = ofRule(await waitForDiagnostics(editor.document.uri, (all) => ofRule(all, 'ACO302').length === 1), 'ACO302');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    await applyFix(editor.document.uri, d!, 'Replace with `await inner()`');
    assert.equal(editor.document.lineAt(8).text, '    return await inner()');
    await waitForDiagnostics(editor.document.uri, (all) => ofRule(all, 'ACO302').length === 0);
  });

  it('ACO303 marks the per-call semaphore, not the one shared by the tasks main spawns', async () => {
    const editor = await openPython('semaphore_per_call.py');
    const ds = ofRule(await waitForDiagnostics(editor.document.uri, (all) => ofRule(all, 'ACO303').length === 1), 'ACO303');
    assert.deepEqual(ds.map((d) => d.range.start.line), [4]);
    const d = ds[0]!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /each call gets its own and nothing is limited/);
    assert.equal(docsOf(d), 'ACO303');
    assert.equal(d.relatedInformation?.[0]?.message, 'every call of fetch creates its own semaphore');
  });

  it('ACO303 offers no rewrite, only the noqa, docs and flashcard actions, and the hover teaches from the docs page', async () => {
    const editor = await openPython('semaphore_per_call.py');
    const [d] = ofRule(await waitForDiagnostics(editor.document.uri, (all) => ofRule(all, 'ACO303').length === 1), 'ACO303');
    const titles = (await quickFixes(editor.document.uri, d!.range)).map((a) => a.title).filter((t) => t.includes('ACO303') || t.startsWith('Study this'));
    assert.deepEqual(titles, ['Disable ACO303 for this line', 'Disable ACO303 for the entire file', 'Show documentation for ACO303 semaphore-per-call', 'Study this: the ACO303 semaphore-per-call flashcard']);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, d!.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*ACO303 semaphore-per-call\*\*/);
    assert.match(text, /\*\*At run time:\*\* Every call of the function creates its own/);
  });
});
