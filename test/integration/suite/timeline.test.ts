import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TimelineToWebview } from '../../../src/shared/timelineProtocol';
import type { RunSummary } from '../../../src/vscode/timeline/timelineCommands';
import { activateExtension, closeAllEditors, openPython, waitForDiagnostics, workspaceFile } from '../helpers';

const FILE = 'see_it_run.py';

async function snapshot(): Promise<{ ready: boolean; message: TimelineToWebview | undefined }> {
  return (await vscode.commands.executeCommand<{ ready: boolean; message: TimelineToWebview | undefined }>('asyncCoach.timeline.snapshot'));
}

/** Waits (driven by polling the panel's state, generously) until its page is loaded and listening. */
async function panelReady(ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await snapshot()).ready) {
    if (Date.now() > until) throw new Error('the timeline page never said ready');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('See it run: the timeline command, CodeLens and Compare with the fix in the extension host', function () {
  // Each run starts python3; the machine may be loaded.
  this.timeout(180_000);
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('asyncCoach').update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('puts "Run and show timeline" above asyncio.run(...), and the lens runs the file into the panel', async () => {
    const editor = await openPython(FILE);
    const uri = editor.document.uri;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const run = lenses.find((l) => l.command?.command === 'asyncCoach.timeline.run');
    assert.ok(run?.command, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.match(run.command.title, /Run and show timeline/);
    assert.equal(run.range.start.line, editor.document.getText().split('\n').findIndex((l) => l.includes('asyncio.run(main())')));
    const summary = await vscode.commands.executeCommand<RunSummary>(run.command.command, ...((run.command.arguments ?? []) as unknown[]));
    assert.ok(summary);
    assert.equal(summary.exitCode, 0, summary.output);
    assert.equal(summary.output, 'SEEN first second\n');
    assert.ok(summary.total !== undefined && summary.total >= 0.35, `two 0.2 s sleeps in a row take at least 0.4 s (tracer total ${String(summary.total)})`);
    await panelReady();
    const shown = (await snapshot()).message;
    assert.equal(shown?.type, 'show');
    if (shown?.type !== 'show') return;
    assert.equal(shown.view.title, FILE);
    assert.deepEqual(shown.view.runs[0]?.lanes.map((l) => l.title), ['main']);
    const waits = shown.view.runs[0]?.lanes[0]?.segments.filter((s) => s.kind === 'waiting' && s.label === 'fetch') ?? [];
    assert.equal(waits.length, 2, 'main waits twice inside fetch, one after the other');
    assert.ok(waits[0]!.end <= waits[1]!.start);
  });

  it('offers "Compare with the fix" on the ACO101 finding; both runs show, the file on disk is unchanged', async () => {
    const editor = await openPython(FILE);
    const uri = editor.document.uri;
    const before = readFileSync(uri.fsPath, 'utf8');
    const [finding] = await waitForDiagnostics(uri, (d) => d.some((x) => (x.code as { value?: string } | undefined)?.value === 'ACO101'));
    assert.ok(finding);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, finding.range);
    const compare = actions.find((a) => a.command?.command === 'asyncCoach.timeline.compareWithFix');
    assert.ok(compare?.command, actions.map((a) => a.title).join(' | '));
    assert.match(compare.title, /^Compare with the fix/);
    const summaries = await vscode.commands.executeCommand<RunSummary[]>(compare.command.command, ...((compare.command.arguments ?? []) as unknown[]));
    assert.equal(summaries.length, 2);
    assert.deepEqual(summaries.map((s) => s.output), ['SEEN first second\n', 'SEEN first second\n']);
    const [asItIs, fixed] = summaries.map((s) => s.total ?? NaN);
    assert.ok(fixed! < asItIs!, `with the fix ${fixed} s, as it is ${asItIs} s`);
    const shown = (await snapshot()).message;
    assert.equal(shown?.type, 'show');
    if (shown?.type !== 'show') return;
    assert.deepEqual(shown.view.runs.map((r) => r.label), ['As it is', 'With the fix']);
    assert.match(shown.view.comparison ?? '', / → /);
    assert.deepEqual(shown.view.runs[1]?.lanes.map((l) => [l.title, l.depth]), [['main', 0], ['fetch', 1], ['fetch', 1]]);
    assert.match(shown.view.message ?? '', /applied to a temporary copy \(the ACO101 finding on line 11\); see_it_run\.py itself is unchanged/);
    assert.equal(readFileSync(uri.fsPath, 'utf8'), before);
    assert.equal(editor.document.isDirty, false);
  });

  it('runs what the editor shows, unsaved changes included, from a temporary copy', async () => {
    const editor = await openPython(FILE);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), 'import asyncio\n\nasync def main():\n    print("UNSAVED")\n\nasyncio.run(main())\n'));
    const summary = await vscode.commands.executeCommand<RunSummary>('asyncCoach.timeline.run', editor.document.uri);
    assert.equal(summary.output, 'UNSAVED\n');
    assert.match(readFileSync(workspaceFile(FILE).fsPath, 'utf8'), /SEEN/, 'the file on disk is untouched');
  });

  it('says which interpreter could not start when asyncCoach.pythonPath is wrong', async () => {
    await vscode.workspace.getConfiguration('asyncCoach').update('pythonPath', '/nonexistent/python3', vscode.ConfigurationTarget.Workspace);
    const editor = await openPython(FILE);
    await vscode.commands.executeCommand('asyncCoach.timeline.run', editor.document.uri);
    const shown = (await snapshot()).message;
    assert.equal(shown?.type, 'show');
    if (shown?.type !== 'show') return;
    assert.match(shown.view.runs[0]?.notes.join(' ') ?? '', /\/nonexistent\/python3 could not be started \(ENOENT\)\. Set asyncCoach\.pythonPath/);
  });
});
