import type { Node, Tree } from 'web-tree-sitter';
import { inFirstCommentBlock, parseFileNoqa, parseLineNoqa } from '../analysis/suppressions';
import type { RuleCode, TextEdit } from '../analysis/types';

/**
 * The edits behind "Disable CODE for this line / for the entire file". They read existing noqa
 * comments with the same parser the analysis uses to honour them, so what is written is read back.
 */

function lineText(source: string, line: number): string | undefined {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = source.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = source.indexOf('\n', start);
  const text = source.slice(start, end === -1 ? source.length : end);
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

function insideString(node: Node | null): boolean {
  for (let n = node; n; n = n.parent) {
    if (n.type === 'string' || n.type === 'string_content' || n.type === 'concatenated_string') return true;
  }
  return false;
}

/** The codes already listed, then the new one: `E501, ACO101`. */
function withCode(codes: ReadonlySet<string>, code: RuleCode): string {
  return [...codes, code].join(', ');
}

/**
 * The edit that silences `code` on `line`: merged into an existing `# noqa: ...` comment, or a new
 * `  # noqa: CODE` at the end of the line. Undefined when the line is already silenced for it, or
 * when its end lies inside a multi-line string (a comment there would change the string).
 */
export function disableForLineEdit(source: string, tree: Tree, line: number, code: RuleCode): TextEdit | undefined {
  const text = lineText(source, line);
  if (text === undefined) return undefined;
  const comment = tree.rootNode
    .descendantsOfType('comment', { row: line, column: 0 }, { row: line + 1, column: 0 })
    .find((c): c is Node => c !== null && c.startPosition.row === line);
  const noqa = comment ? parseLineNoqa(comment.text) : undefined;
  if (comment && noqa) {
    if (noqa.codes === 'all' || noqa.codes.has(code)) return undefined;
    const start = comment.startPosition.column + noqa.index;
    return { range: { start: { line, character: start }, end: { line, character: start + noqa.length } }, newText: `# noqa: ${withCode(noqa.codes, code)}` };
  }
  const trimmedEnd = text.replace(/\s+$/, '').length;
  if (trimmedEnd > 0 && insideString(tree.rootNode.descendantForPosition({ row: line, column: trimmedEnd - 1 }))) return undefined;
  // Trailing whitespace is replaced, so the line ends with the comment.
  return { range: { start: { line, character: trimmedEnd }, end: { line, character: text.length } }, newText: `  # noqa: ${code}` };
}

/**
 * The edit that silences `code` for the whole file: merged into an existing
 * `# async-coach: noqa: ...` line of the first comment block, or a new line after the block's last
 * comment (a shebang or coding line stays first), or at the top of the file.
 */
export function disableForFileEdit(source: string, code: RuleCode): TextEdit | undefined {
  const lines = source.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let insertAt = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const trimmed = text.trim();
    if (!inFirstCommentBlock(trimmed)) break;
    if (trimmed === '') continue;
    insertAt = i + 1;
    const codes = parseFileNoqa(trimmed);
    if (codes === undefined) continue;
    if (codes === 'all' || codes.has(code)) return undefined;
    return { range: { start: { line: i, character: 0 }, end: { line: i, character: text.length } }, newText: `# async-coach: noqa: ${withCode(codes, code)}` };
  }
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line: insertAt, character: 0 }, end: { line: insertAt, character: 0 } }, newText: `# async-coach: noqa: ${code}${eol}` };
}
