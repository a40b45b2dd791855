import assert from 'node:assert/strict';
import { CodeActionRequest, HoverRequest, type CodeAction, type Hover } from 'vscode-languageserver-protocol/node';
import { ANALYZE_REQUEST, ENTRY_POINTS_REQUEST, FIX_ALL_KIND, fixAllCount, type AnalyzeResult, type EntryPointsResult, type StatusParams } from '../../../src/server/protocol';
import { serverWorkspace, type TestClient } from './lspClient';

/** What the VS Code extension asks for at initialisation (src/vscode/languageClient.ts). */
const EDITOR_OPTIONS = { commands: { docs: 'asyncCoach.showRuleDocs', study: 'asyncCoach.studyRule' }, status: true };

describe("async-coach server: the VS Code extension's additions (commands, status, analyze, entry points)", function () {
  // A loaded 2-core machine: these limits only stop a hang.
  this.timeout(120_000);
  const ws = serverWorkspace('async-coach-server-ext-');
  const { uriOf, textOf } = ws;
  let client: TestClient | undefined;
  const statuses = (c: TestClient, uri: string): StatusParams['status'][] =>
    c.received.filter((r) => r.method === 'asyncCoach/status' && (r.params as StatusParams).uri === uri).map((r) => (r.params as StatusParams).status);

  it('links rule codes, the hover and the menu to the client\'s own docs and study commands', async () => {
    client = await ws.start({}, {}, EDITOR_OPTIONS);
    const uri = uriOf('sequential.py');
    await client.open(uri, textOf('sequential.py'));
    const [d] = (await client.diagnostics(uri)).filter((x) => x.code === 'ACO101');
    assert.ok(d, 'an ACO101 finding');
    assert.equal(d.codeDescription?.href, `command:asyncCoach.showRuleDocs?${encodeURIComponent('["ACO101"]')}`);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const docs = actions.find((a) => a.title.startsWith('Show documentation for ACO101'));
    assert.equal(docs?.command?.command, 'asyncCoach.showRuleDocs');
    const last = actions[actions.length - 1];
    assert.match(last?.title ?? '', /^Study this: /);
    assert.deepEqual([last?.command?.command, last?.command?.arguments], ['asyncCoach.studyRule', ['ACO101']]);
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start })) as Hover;
    const text = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /\(command:asyncCoach\.showRuleDocs\?/);
    assert.match(text, /\(command:asyncCoach\.studyRule\?/);
  });

  it('sends the status of each document, answers "analyze now" with the count, and finds the entry points', async () => {
    client = await ws.start({}, {}, EDITOR_OPTIONS);
    const uri = uriOf('sequential.py');
    const text = textOf('sequential.py');
    await client.open(uri, text);
    const published = await client.diagnostics(uri);
    const result: AnalyzeResult = await client.connection.sendRequest(ANALYZE_REQUEST, { uri });
    assert.equal(result.problems, published.length);
    assert.deepEqual(statuses(client, uri).at(-1), { kind: 'checked', problems: published.length });
    const ranges: EntryPointsResult = await client.connection.sendRequest(ENTRY_POINTS_REQUEST, { uri });
    const runLine = text.split('\n').findIndex((l) => l.includes('asyncio.run('));
    assert.deepEqual(ranges.map((r) => r.start.line), runLine === -1 ? [] : [runLine]);
    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: [FIX_ALL_KIND] } })) as CodeAction[];
    for (const action of fixAll) assert.equal(fixAllCount(action), Number(/\((\d+)\)$/.exec(action.title)?.[1]));
  });

  it('says why a document is skipped', async () => {
    client = await ws.start({ workspace: { configuration: true } }, { maxFileSizeKb: 1 }, EDITOR_OPTIONS);
    const uri = uriOf('sequential.py');
    const text = textOf('sequential.py').padEnd(4096, '\n');
    await client.open(uri, text);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    const result: AnalyzeResult = await client.connection.sendRequest(ANALYZE_REQUEST, { uri });
    assert.equal(result.problems, 0);
    assert.equal(statuses(client, uri).at(-1)?.kind, 'tooLarge');
  });

  it('sends no status to a client that did not ask for it, and keeps file links', async () => {
    client = await ws.start();
    const uri = uriOf('sequential.py');
    await client.open(uri, textOf('sequential.py'));
    const ds = await client.diagnostics(uri);
    assert.match(ds[0]?.codeDescription?.href ?? '', /^file:/);
    assert.deepEqual(statuses(client, uri), []);
  });
});
