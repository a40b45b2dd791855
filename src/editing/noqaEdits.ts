import type { Node, Tree } from 'web-tree-sitter';
import type { RuleCode, TextEdit } from '../analysis/types';

/** `# noqa` or `# noqa: A, B` inside a comment, as the suppression reader accepts it. */
const LINE_NOQA = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?/i;
/** `# async-coach: noqa` or `# async-coach: noqa: A, B` on its own comment line. */
const FILE_NOQA = /^#\s*async-coach:\s*noqa(?::\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?\s*$/i;

function lineText(source: string, line: number): { text: string; start: number } | undefined {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = source.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = source.indexOf('\n', start);
  const text = source.slice(start, end === -1 ? source.length : end);
  return { text: text.endsWith('\r') ? text.slice(0, -1) : text, start };
}

/** The deepest node covering the end of `line` (tree-sitter rows are 0-based like ours). */
function nodeAtLineEnd(tree: Tree, line: number, column: number): Node | null {
  return tree.rootNode.descendantForPosition({ row: line, column: Math.max(column - 1, 0) });
}

function insideString(node: Node | null): boolean {
  for (let n = node; n; n = n.parent) {
    if (n.type === 'string' || n.type === 'string_content' || n.type === 'concatenated_string') return true;
  }
  return false;
}

function mergeCodes(existing: string | undefined, code: RuleCode): string {
  const codes = (existing ?? '').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  if (!codes.includes(code)) codes.push(code);
  return codes.join(', ');
}

/**
 * The edit that silences `code` on `line`: merged into an existing `# noqa: ...` comment, or a new
 * `  # noqa: CODE` at the end of the line. Undefined when the line is already silenced for it, or
 * when its end lies inside a multi-line string (a comment there would change the string).
 */
export function disableForLineEdit(source: string, tree: Tree, line: number, code: RuleCode): TextEdit | undefined {
  const found = lineText(source, line);
  if (!found) return undefined;
  const { text } = found;
  const commentNode = findCommentOnLine(tree, line);
  if (commentNode) {
    const match = LINE_NOQA.exec(commentNode.text);
    if (match) {
      if (match[1] === undefined) return undefined; // a blanket `# noqa` already covers every code
      const codes = match[1].split(',').map((c) => c.trim().toUpperCase());
      if (codes.includes(code)) return undefined;
      const startCol = commentNode.startPosition.column + match.index;
      return {
        range: { start: { line, character: startCol }, end: { line, character: startCol + match[0].length } },
        newText: `# noqa: ${mergeCodes(match[1], code)}`,
      };
    }
  }
  const trimmedEnd = text.replace(/\s+$/, '').length;
  if (trimmedEnd > 0 && insideString(nodeAtLineEnd(tree, line, trimmedEnd))) return undefined;
  // Trailing whitespace is replaced, so the line ends with the comment.
  return { range: { start: { line, character: trimmedEnd }, end: { line, character: text.length } }, newText: `  # noqa: ${code}` };
}

function findCommentOnLine(tree: Tree, line: number): Node | null {
  const comments = tree.rootNode.descendantsOfType('comment', { row: line, column: 0 }, { row: line + 1, column: 0 });
  return comments.find((c): c is Node => c !== null && c.startPosition.row === line) ?? null;
}

/**
 * The edit that silences `code` for the whole file: merged into an existing
 * `# async-coach: noqa: ...` line of the first comment block, or a new line added at the end of
 * that block (after a shebang or coding line), or at the top of the file.
 */
export function disableForFileEdit(source: string, code: RuleCode): TextEdit | undefined {
  const lines = source.split('\n');
  let blockEnd = 0;
  while (blockEnd < lines.length && /^\s*#/.test(lines[blockEnd] ?? '')) blockEnd++;
  for (let i = 0; i < blockEnd; i++) {
    const raw = lines[i] ?? '';
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const match = FILE_NOQA.exec(text.trim());
    if (!match) continue;
    if (match[1] === undefined) return undefined;
    if (match[1].split(',').map((c) => c.trim().toUpperCase()).includes(code)) return undefined;
    return { range: { start: { line: i, character: 0 }, end: { line: i, character: text.length } }, newText: `# async-coach: noqa: ${mergeCodes(match[1], code)}` };
  }
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line: blockEnd, character: 0 }, end: { line: blockEnd, character: 0 } }, newText: `# async-coach: noqa: ${code}${eol}` };
}
