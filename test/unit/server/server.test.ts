import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodeActionRequest, DidChangeWatchedFilesNotification, DocumentDiagnosticRequest, FileChangeType, HoverRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../../src/editing/applyEdits';
import { write } from '../cli/harness';
import { serverWorkspace, type TestClient } from './lspClient';

const aco = (ds: Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);
const applyLsp = (text: string, edits: TextEdit[]): string => applyEdits(text, edits);

describe('async-coach server over stdio (a real LSP client, vscode-jsonrpc)', function () {
  // A loaded 2-core machine: these limits only stop a hang.
  this.timeout(120_000);
  const ws = serverWorkspace('async-coach-server-');
  const { uriOf, textOf } = ws;
  let client: TestClient | undefined;

  it('pushes diagnostics on open, follows incremental edits, and exits 0 after shutdown', async () => {
    client = await ws.start();
    const uri = uriOf('sequential.py');
    await client.open(uri, textOf('sequential.py'));
    const first = aco(await client.diagnostics(uri, (p) => p.version === 1), 'ACO101');
    assert.ok(first.length > 0, 'ACO101 on the sequential awaits');
    const d = first[0]!;
    assert.equal(d.source, 'Async Coach');
    assert.match(d.codeDescription?.href ?? '', /^file:.*\.md$/);
    // Two lines inserted at the top: an incremental change; the finding moves with its code.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n# two\n' }]);
    const moved = aco(await client.diagnostics(uri, (p) => p.version === 2), 'ACO101');
    assert.deepEqual(moved.map((m) => m.range.start.line), first.map((f) => f.range.start.line + 2));
    assert.equal(await client.stop(), 0);
  });

  it('code actions come in the editor\'s order; applying the fix removes the finding; fix-all applies only safe fixes', async () => {
    client = await ws.start();
    const uri = uriOf('unawaited.py');
    const text = textOf('unawaited.py');
    await client.open(uri, text);
    const diagnostics = aco(await client.diagnostics(uri), 'ACO201');
    const target = diagnostics.find((x) => x.range.start.line === text.split('\n').findIndex((l) => l.includes('save(record)  #')))!;
    assert.ok(target, 'ACO201 on save(record)');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.equal(titles[0], 'Await the coroutine');
    const tail = titles.slice(titles.indexOf('Disable ACO201 for this line'));
    assert.deepEqual(tail, ['Disable ACO201 for this line', 'Disable ACO201 for the entire file', 'Show documentation for ACO201 unawaited-coroutine']);
    assert.ok(titles.indexOf('Fix all ACO201 problems in this file') < titles.indexOf('Disable ACO201 for this line'));
    const fixed = applyLsp(text, actions[0]!.edit!.changes![uri]!);
    assert.match(fixed, /await save\(record\)/);
    await client.change(uri, 2, [{ text: fixed }]);
    const after = aco(await client.diagnostics(uri, (p) => p.version === 2), 'ACO201');
    assert.equal(after.length, diagnostics.length - 1);

    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0]!.kind, 'source.fixAll.asyncCoach');
    const sequential = uriOf('sequential.py');
    await client.open(sequential, textOf('sequential.py'));
    await client.diagnostics(sequential);
    const none = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: sequential }, range: target.range, context: { diagnostics: [], only: ['source.fixAll.asyncCoach'] } });
    assert.deepEqual(none, [], 'the gather rewrite is unsafe: fix-all leaves it to the menu');
  });

  it('hovers over a finding with the rule\'s explanation', async () => {
    client = await ws.start();
    const uri = uriOf('sequential.py');
    await client.open(uri, textOf('sequential.py'));
    const [d] = aco(await client.diagnostics(uri), 'ACO101');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d!.range.start });
    assert.match(JSON.stringify(hover?.contents), /ACO101 sequential-awaits/);
    const nothing = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(nothing, null);
  });

  it('reads the settings with workspace/configuration: a rule\'s severity follows them', async () => {
    client = await ws.start({ workspace: { configuration: true } }, { severity: { ACO101: 'error' }, sequentialAwaits: { includeBareAwaits: true } });
    const uri = uriOf('sequential.py');
    await client.open(uri, textOf('sequential.py'));
    // The settings may arrive after the first analysis; they re-lint the open document, so wait for a
    // publication of the edited version that reflects them (a failure here ends in the test's timeout).
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const ds = await client.diagnostics(uri, (p) => p.version === 2 && aco(p.diagnostics, 'ACO101').some((d) => d.severity === 1));
    assert.ok(aco(ds, 'ACO101').every((d) => d.severity === 1), 'every ACO101 is an error now');
    assert.ok(client.received.some((r) => r.method === 'workspace/configuration'));
  });

  it('answers pull diagnostics when the client supports them, and reports indexing with $/progress', async () => {
    client = await ws.start({ textDocument: { diagnostic: { dynamicRegistration: false } }, window: { workDoneProgress: true } });
    const uri = uriOf('sequential.py');
    await client.open(uri, textOf('sequential.py'));
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.ok(aco((report as { items: Diagnostic[] }).items, 'ACO101').length > 0);
    assert.equal(client.published.length, 0, 'nothing is pushed to a client that pulls');
    await client.indexed();
    const progress = client.received.filter((r) => r.method === '$/progress').map((r) => (r.params as { value: { kind: string } }).value.kind);
    assert.equal(progress[0], 'begin');
    assert.equal(progress.at(-1), 'end');
    assert.ok(client.received.some((r) => r.method === 'window/workDoneProgress/create'));
  });

  it('resolves a cross-file ACO201 from the workspace index (a src-layout package without __init__.py)', async () => {
    write(ws.dir, {
      'src/shop/api.py': 'import asyncio\n\n\nasync def fetch_user(user_id):\n    await asyncio.sleep(0)\n    return user_id\n',
      'src/shop/service.py': 'from shop.api import fetch_user\n\n\nasync def refresh(user_id):\n    fetch_user(user_id)\n',
    });
    client = await ws.start();
    const uri = uriOf('src/shop/service.py');
    await client.open(uri, textOf('src/shop/service.py'));
    const ds = await client.diagnostics(uri, (p) => aco(p.diagnostics, 'ACO201').length > 0);
    assert.deepEqual(aco(ds, 'ACO201').map((d) => d.range.start.line), [4]);
  });

  it('a file changed on disk (workspace/didChangeWatchedFiles) re-lints the open documents that import it', async () => {
    write(ws.dir, {
      'shop/api.py': 'def fetch_user(user_id):\n    return user_id\n',
      'shop/service.py': 'from shop.api import fetch_user\n\n\nasync def refresh(user_id):\n    fetch_user(user_id)\n',
    });
    client = await ws.start({ window: { workDoneProgress: true } });
    const uri = uriOf('shop/service.py');
    await client.open(uri, textOf('shop/service.py'));
    await client.indexed();
    assert.deepEqual(aco(await client.diagnostics(uri), 'ACO201'), [], 'a plain def: nothing to await');
    write(ws.dir, { 'shop/api.py': 'import asyncio\n\n\nasync def fetch_user(user_id):\n    await asyncio.sleep(0)\n' });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('shop/api.py'), type: FileChangeType.Changed }] });
    const ds = await client.diagnostics(uri, (p) => aco(p.diagnostics, 'ACO201').length > 0);
    assert.deepEqual(aco(ds, 'ACO201').map((d) => d.range.start.line), [4]);
  });

  it('resolves third-party coroutines through the interpreter of asyncCoach.pythonPath, and not without it', async () => {
    // A virtual environment outside the workspace folder, whose site-packages holds a package the test writes.
    const env = mkdtempSync(path.join(os.tmpdir(), 'async-coach-server-env-'));
    try {
      execFileSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', env], { timeout: 120_000 });
      const python = path.join(env, 'bin', 'python');
      const site = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
      write(site, { 'vendorlib/__init__.py': 'async def connect():\n    pass\n' });
      write(ws.dir, { 'app.py': 'import vendorlib\n\n\nasync def main():\n    vendorlib.connect()\n' });
      const uri = uriOf('app.py');

      client = await ws.start({ workspace: { configuration: true } }, { pythonPath: python });
      await client.open(uri, textOf('app.py'));
      // The settings may arrive after the first analysis; an edit makes sure a later one sees them.
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
      const ds = await client.diagnostics(uri, (p) => p.version === 2 && aco(p.diagnostics, 'ACO201').length > 0);
      assert.deepEqual(aco(ds, 'ACO201').map((d) => d.range.start.line), [5]);
      await client.stop();

      client = await ws.start();
      await client.open(uri, textOf('app.py'));
      assert.deepEqual(aco(await client.diagnostics(uri, (p) => p.version === 1), 'ACO201'), [], 'vendorlib is not installed for the default python3');
    } finally {
      rmSync(env, { recursive: true, force: true });
    }
  });
});
