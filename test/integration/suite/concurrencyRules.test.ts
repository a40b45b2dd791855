import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, ofRule, openPython, quickFixes, waitForDiagnostics } from '../helpers';

/** concurrency.py: one ACO101 run, an ACO102 loop and comprehension, an ACO202 task, an ACO302 nested run. */
const ALL_THERE = (ds: vscode.Diagnostic[]): boolean =>
  ofRule(ds, 'ACO101').length === 1 && ofRule(ds, 'ACO102').length === 2 && ofRule(ds, 'ACO202').length === 1 && ofRule(ds, 'ACO302').length === 1;

async function setConcurrencyInTests(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('asyncCoach').update('concurrencyInTests', value, vscode.ConfigurationTarget.Workspace);
}

describe('concurrency rules in the editor: ACO101, ACO102, ACO202 and fix on save', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('ACO101 marks the run with each await as related information, and the hover gives the time estimate', async () => {
    const editor = await openPython('concurrency.py');
    const uri = editor.document.uri;
    const [d] = ofRule(await waitForDiagnostics(uri, ALL_THERE), 'ACO101');
    assert.deepEqual([d!.range.start.line, d!.range.end.line], [14, 15]);
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d!.message, "`fetch_user()` and `fetch_orders()` are awaited one after another, but neither needs the other's result");
    assert.deepEqual(d!.relatedInformation?.map((r) => r.location.range.start.line), [14, 15]);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d!.range.start.translate(0, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /about 2 s one after another → about 1 s together/);
  });

  it('ACO101 offers gather first, then a TaskGroup, and the gather fix keeps names and order', async () => {
    const editor = await openPython('concurrency.py');
    const uri = editor.document.uri;
    const [d] = ofRule(await waitForDiagnostics(uri, ALL_THERE), 'ACO101');
    const actions = await quickFixes(uri, d!.range);
    assert.deepEqual(actions.slice(0, 2).map((a) => a.title), ['Run the 2 calls together with `asyncio.gather`', 'Run the calls as tasks of an `asyncio.TaskGroup` (cancels the rest if one fails)']);
    assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
    assert.equal(editor.document.lineAt(14).text, '    user, orders = await asyncio.gather(fetch_user(user_id), fetch_orders(user_id))');
    await waitForDiagnostics(uri, (ds) => ofRule(ds, 'ACO101').length === 0);
  });

  it('ACO102 marks the loop and the comprehension, and rewrites the comprehension with gather', async () => {
    const editor = await openPython('concurrency.py');
    const uri = editor.document.uri;
    const loops = ofRule(await waitForDiagnostics(uri, ALL_THERE), 'ACO102');
    assert.deepEqual(loops.map((d) => d.range.start.line), [22, 27]);
    assert.match(loops[1]!.message, /^This comprehension awaits `fetch_user\(\)` one item at a time/);
    const [fix] = await quickFixes(uri, loops[1]!.range);
    assert.equal(fix?.title, 'Run the calls together with `asyncio.gather`');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(27).text, '    return await asyncio.gather(*(fetch_user(i) for i in ids))');
    await waitForDiagnostics(uri, (ds) => ofRule(ds, 'ACO102').length === 1);
  });

  it('ACO202 marks the dropped task and keeps a reference with its safe fix', async () => {
    const editor = await openPython('concurrency.py');
    const uri = editor.document.uri;
    const [d] = ofRule(await waitForDiagnostics(uri, ALL_THERE), 'ACO202');
    assert.equal(d!.range.start.line, 31);
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    const [fix] = await quickFixes(uri, d!.range);
    assert.match(fix?.title ?? '', /^Keep a reference in `.+` until the task is done$/);
    assert.equal(fix!.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    assert.match(editor.document.getText(), /\.add_done_callback\(/);
    await waitForDiagnostics(uri, (ds) => ofRule(ds, 'ACO202').length === 0);
  });

  it('fix on save (source.fixAll.asyncCoach in editor.codeActionsOnSave) applies the safe fixes and never an unsafe one', async () => {
    const editor = await openPython('concurrency.py');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, ALL_THERE);
    // The action itself, asked for by kind: only the safe fixes (ACO202's reference, ACO302's await).
    const range = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const [action] = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, 'source.fixAll.asyncCoach');
    assert.equal(action?.title, 'Fix all auto-fixable Async Coach problems (2)');
    // The workspace's settings.json turns fix on save on from the start (set at run time, the
    // workbench might read it only after the save).
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved\n'));
    assert.ok(await editor.document.save());
    const text = editor.document.getText();
    assert.match(text, /return await fetch_user\(1\)/, 'the safe ACO302 fix ran on save');
    assert.match(text, /add_done_callback/, 'the safe ACO202 fix ran on save');
    assert.doesNotMatch(text, /gather|TaskGroup/, 'no gather or TaskGroup rewrite on save');
    assert.match(text, /user = await fetch_user\(user_id\)\n {4}orders = await fetch_orders\(user_id\)/);
    const left = await waitForDiagnostics(uri, (ds) => ofRule(ds, 'ACO202').length === 0 && ofRule(ds, 'ACO302').length === 0);
    assert.equal(ofRule(left, 'ACO101').length, 1, 'the unsafe suggestions stay, one click away');
    assert.equal(ofRule(left, 'ACO102').length, 2);
  });

  it('leaves test files alone unless asyncCoach.concurrencyInTests includes them', async () => {
    const editor = await openPython('tests/test_concurrency.py');
    const uri = editor.document.uri;
    // Analysed (the bug rules run in tests too: the unawaited `fetch(3)`), with no concurrency suggestion.
    const seen = await waitForDiagnostics(uri, (ds) => ofRule(ds, 'ACO201').length === 1);
    assert.deepEqual(ofRule(seen, 'ACO101'), []);
    await setConcurrencyInTests(true);
    try {
      const [d] = ofRule(await waitForDiagnostics(uri, (ds) => ofRule(ds, 'ACO101').length === 1), 'ACO101');
      assert.equal(d!.range.start.line, 9);
    } finally {
      await setConcurrencyInTests(undefined);
    }
    await waitForDiagnostics(uri, (ds) => ofRule(ds, 'ACO101').length === 0);
  });
});
