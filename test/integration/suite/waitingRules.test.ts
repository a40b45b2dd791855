import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, docsOf, ofRule, openUntitledPython, waitForDiagnostics } from '../helpers';

// One file with a polling loop (ACO305, on by default) and a whole-file read (ACO304, off by default).
const SOURCE = 'import asyncio\nfrom pathlib import Path\n\n\nclass Job:\n    async def wait_ready(self):\n        while not self.ready:\n            await asyncio.sleep(0.1)\n        return Path("out.txt").read_text()\n';

describe('ACO304 and ACO305 in the editor', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('ACO305 marks the while header as a warning, linked to its docs page', async () => {
    const editor = await openUntitledPython(SOURCE);
    const [d] = ofRule(await waitForDiagnostics(editor.document.uri, (all) => ofRule(all, 'ACO305').length === 1), 'ACO305');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d!.range.start.line, 6);
    assert.equal(docsOf(d!), 'ACO305');
  });

  it('ACO304 stays off until asyncCoach.severity gives it a level, then shows at that level', async () => {
    const editor = await openUntitledPython(SOURCE);
    const uri = editor.document.uri;
    const first = await waitForDiagnostics(uri, (all) => ofRule(all, 'ACO305').length === 1);
    assert.deepEqual(ofRule(first, 'ACO304'), []);
    const config = vscode.workspace.getConfiguration('asyncCoach');
    try {
      await config.update('severity', { ACO304: 'hint' }, vscode.ConfigurationTarget.Workspace);
      const [d] = ofRule(await waitForDiagnostics(uri, (all) => ofRule(all, 'ACO304').length === 1), 'ACO304');
      assert.equal(d!.severity, vscode.DiagnosticSeverity.Hint);
      assert.equal(d!.range.start.line, 8);
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (all) => ofRule(all, 'ACO304').length === 0);
  });
});
