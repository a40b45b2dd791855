// The shipped snippet pack, as the tests see it: every definition with its first prefix and its
// text as inserted with all defaults accepted in a default Python editor (4-space indentation).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expandSnippet, type ExpandOptions } from '../../support/snippets/expand';
import { adjustForInsertion } from '../../support/snippets/indentation';
import { readSnippetFile, type SnippetDefinition, type SnippetFile } from '../../support/snippets/snippetFile';
import { repoRoot } from '../helpers';

export const PACK_PATH = path.join('snippets', 'python-asyncio.json');

export function readPack(): SnippetFile {
  return readSnippetFile(JSON.parse(readFileSync(path.join(repoRoot(), PACK_PATH), 'utf8')));
}

export interface PackSnippet extends SnippetDefinition {
  prefix: string;
}

/** The pack's snippets; throws if the file has shape problems (the schema test reports them one by one). */
export function packSnippets(): PackSnippet[] {
  const { snippets, problems } = readPack();
  if (problems.length > 0) throw new Error(`${PACK_PATH} has problems:\n${problems.join('\n')}`);
  return snippets.map((s) => ({ ...s, prefix: s.prefixes[0]! }));
}

/** The text the editor inserts at column 0 of an empty line, with `lineIndent` for deeper lines. */
export function inserted(snippet: SnippetDefinition, options: ExpandOptions & { lineIndent?: string } = {}): string {
  return adjustForInsertion(expandSnippet(snippet.body, options).text, { lineIndent: options.lineIndent ?? '' });
}

const MARKER = '# <snippet>';

/**
 * Replaces the `# <snippet>` line of `host` with the snippet, as if the user typed its prefix at
 * that line's indentation: the editor indents every following line of the snippet the same way.
 */
export function insertAtMarker(host: string, snippet: SnippetDefinition, options: ExpandOptions = {}): string {
  const lines = host.split('\n');
  const at = lines.findIndex((line) => line.trim() === MARKER);
  if (at < 0) throw new Error(`no "${MARKER}" line in the host source`);
  const lineIndent = /^[ \t]*/.exec(lines[at]!)![0];
  lines[at] = lineIndent + inserted(snippet, { ...options, lineIndent });
  return lines.join('\n');
}

/** One variant per option of each choice (the other tabstops keep their defaults), labelled for test titles. */
export function choiceVariants(choices: ReadonlyMap<number, { choices: string[][] }>): { label: string; values: Record<number, string> }[] {
  const variants: { label: string; values: Record<number, string> }[] = [];
  for (const [index, { choices: lists }] of choices) {
    for (const option of lists[0] ?? []) variants.push({ label: `choice $${index} = ${option}`, values: { [index]: option } });
  }
  return variants;
}
