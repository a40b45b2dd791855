// What the editor does to a snippet's whitespace on insertion: every line after the first gets the
// indentation of the line the cursor is on, and the leading whitespace of every line is normalised
// to the editor's indentation (tabs in snippet bodies become 4 spaces in a default Python editor).

export interface InsertionOptions {
  /** The whitespace before the cursor on the line where the snippet is inserted. */
  lineIndent?: string;
  insertSpaces?: boolean;
  tabSize?: number;
}

/**
 * The text VS Code inserts for an expanded snippet. It works on the whole text, where the editor
 * works on the snippet's text pieces; the two differ only for multi-line choice options and
 * multi-line variable values, which the editor leaves alone and which our snippets do not use.
 */
export function adjustForInsertion(text: string, options: InsertionOptions = {}): string {
  const { lineIndent = '', insertSpaces = true, tabSize = 4 } = options;
  return text
    .split(/\r\n|\r|\n/)
    .map((line, i) => normalizeIndentation(i === 0 ? line : lineIndent + line, tabSize, insertSpaces))
    .join('\n');
}

/** Rewrites leading spaces and tabs as the same visible width in the editor's indentation. */
export function normalizeIndentation(line: string, tabSize: number, insertSpaces: boolean): string {
  const leading = /^[ \t]*/.exec(line)![0];
  let width = 0;
  for (const ch of leading) width = ch === '\t' ? (Math.floor(width / tabSize) + 1) * tabSize : width + 1;
  const indent = insertSpaces ? ' '.repeat(width) : '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize);
  return indent + line.slice(leading.length);
}
