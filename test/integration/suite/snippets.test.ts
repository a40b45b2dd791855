// The snippet pack in the real editor: each snippet inserted with editor.action.insertSnippet
// gives exactly the text our expander predicts (the text the unit tests compile, run and lint),
// starts on its first tabstop and ends, after Tab through every tabstop, at its $0. The expander
// is also checked against the editor on grammar cases, so the unit tests' expansions can be trusted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { expandSnippet, type ExpandOptions } from '../../support/snippets/expand';
import { parseSnippet } from '../../support/snippets/grammar';
import { adjustForInsertion } from '../../support/snippets/indentation';
import { readSnippetFile, type SnippetDefinition } from '../../support/snippets/snippetFile';
import { summarizeTabstops } from '../../support/snippets/tabstops';
import { closeAllEditors, EXTENSION_ID, openUntitledPython } from '../helpers';

function packSnippets(): SnippetDefinition[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the test host`);
  const { snippets, problems } = readSnippetFile(JSON.parse(readFileSync(path.join(ext.extensionPath, 'snippets', 'python-asyncio.json'), 'utf8')));
  assert.deepEqual(problems, []);
  return snippets;
}

/** What our expander says the editor will insert, with this editor's indentation settings. */
function predicted(editor: vscode.TextEditor, body: string, options: ExpandOptions & { lineIndent?: string } = {}): string {
  const { insertSpaces, tabSize } = editor.options;
  return adjustForInsertion(expandSnippet(body, options).text, {
    lineIndent: options.lineIndent ?? '',
    insertSpaces: insertSpaces !== false,
    tabSize: typeof tabSize === 'number' ? tabSize : 4,
  });
}

const insertByName = (name: string): Thenable<unknown> => vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'python', name });
const insertText = (snippet: string): Thenable<unknown> => vscode.commands.executeCommand('editor.action.insertSnippet', { snippet });

describe('snippets: the pack in the real editor', () => {
  afterEach(closeAllEditors);

  for (const snippet of packSnippets()) {
    const prefix = snippet.prefixes[0]!;
    const tabstops = summarizeTabstops(parseSnippet(snippet.body));
    const expansion = expandSnippet(snippet.body);

    it(`${prefix}: inserts the expected text and selects its first tabstop`, async () => {
      const editor = await openUntitledPython('');
      await insertByName(snippet.name);
      assert.equal(editor.document.getText(), predicted(editor, snippet.body));
      // The editor selects every occurrence of tabstop 1 (its mirrors become extra cursors).
      const first = tabstops.get(1);
      assert.ok(first, 'no tabstop 1');
      const firstDefault = first.defaults[0] ?? first.choices[0]?.[0] ?? '';
      const selected = editor.selections.map((s) => editor.document.getText(s));
      assert.deepEqual(selected, Array<string>(first.occurrences).fill(firstDefault));
    });

    it(`${prefix}: Tab through every tabstop ends at $0`, async () => {
      const editor = await openUntitledPython('');
      await insertByName(snippet.name);
      const stops = [...tabstops.keys()].filter((i) => i !== 0).length;
      for (let i = 0; i < stops; i++) await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
      const finalLine = expansion.text.slice(0, expansion.finalCursor).split('\n').length - 1;
      const cursor = editor.selection;
      assert.equal(cursor.isEmpty, true, 'the final cursor selects text');
      assert.equal(cursor.active.line, finalLine);
      assert.equal(cursor.active.character, editor.document.lineAt(finalLine).text.length, '$0 is not at the end of its line');
    });
  }

  it('aio-gather inside an indented async def: every line takes that indentation', async () => {
    const gather = packSnippets().find((s) => s.prefixes.includes('aio-gather'));
    assert.ok(gather);
    const before = 'import asyncio\n\n\nasync def main(items):\n    ';
    const editor = await openUntitledPython(`${before}\n`);
    const end = editor.document.positionAt(before.length);
    editor.selection = new vscode.Selection(end, end);
    await insertByName(gather.name);
    assert.equal(editor.document.getText(), `${before}${predicted(editor, gather.body, { lineIndent: '    ' })}\n`);
  });
});

/** Grammar cases where the editor and our expander must agree (snippets given as text, not from a file). */
const GRAMMAR_CASES = [
  'plain ${1:default} text$0',
  '${1:outer ${2:inner}} / $1 / $2',
  '$2 ${1:x ${2:y}}',
  '${1:first} ${1:second}',
  '${1:a $1}',
  '${1|one,two|} $1',
  '${1|a\\,b,c\\|d|}',
  '${1|a,,b|}',
  '\\$1 \\} \\\\ \\n',
  '${1:f"{x\\}"}',
  '${1:f"{x}"}',
  '${1:abc ${2:d} $3',
  '$ ${} {x} }',
  '${1 x ${NAME x',
  '${TM_SELECTED_TEXT:fallback}|$TM_SELECTED_TEXT|',
  '${1:foo} ${1/(.*)/${1:/upcase}/}',
  '${TM_FILENAME/(.*)/${1:/upcase}/}',
  '${TM_FILENAME/zzz/${1:-none}/}',
  'x $NOT_A_VARIABLE ${ALSO_NOT:fallback} y',
  '${TM_FILENAME/^(untitled)?.*$/${1:?untitled:named}/i}',
];

describe('snippets: our expander agrees with the editor', () => {
  afterEach(closeAllEditors);

  for (const body of GRAMMAR_CASES) {
    it(JSON.stringify(body), async () => {
      const editor = await openUntitledPython('');
      await insertText(body);
      const filename = path.basename(editor.document.uri.path);
      assert.equal(editor.document.getText(), predicted(editor, body, { variables: { TM_FILENAME: filename } }));
    });
  }
});
