import type { FileModel } from '../model/fileModel';
import type { Scope } from '../model/scopes';
import type { PyNode } from '../syntax/pyNode';
import type { TextEdit } from '../types';

/** The whitespace that starts the line on which `node` starts. */
export function indentationOf(file: FileModel, node: PyNode): string {
  return file.lines.indentationAt(node.startIndex);
}

/** The indentation one level deeper than `indent`, matching the file's style (tabs or 4 spaces). */
export function deeper(indent: string): string {
  return indent + (indent.includes('\t') ? '\t' : '    ');
}

/** The file's line break (that of its first line), so fixes do not mix `\n` into a CRLF file. */
export function lineBreakOf(file: FileModel): string {
  const first = file.source.indexOf('\n');
  return first > 0 && file.source[first - 1] === '\r' ? '\r\n' : '\n';
}

/** `text` with its line breaks written as the file writes them. */
function withFileLineBreaks(file: FileModel, text: string): string {
  return text.includes('\n') && lineBreakOf(file) !== '\n' ? text.replace(/\r?\n/g, lineBreakOf(file)) : text;
}

/** An insertion of `text` at an offset (line breaks in `text` follow the file's). */
export function insertAt(file: FileModel, offset: number, text: string): TextEdit {
  const p = file.lines.positionAt(offset);
  return { range: { start: p, end: p }, newText: withFileLineBreaks(file, text) };
}

/**
 * Inserts whole lines (`text` ends with a line break) at the start of a line; at the end of a
 * file without a final line break, starts a new line first.
 */
export function insertLinesAt(file: FileModel, offset: number, text: string): TextEdit {
  const source = file.lines.text;
  const needsBreak = offset === source.length && source.length > 0 && !source.endsWith('\n');
  return insertAt(file, offset, needsBreak ? '\n' + text : text);
}

/** A replacement of `[start, end)` (line breaks in `text` follow the file's). */
export function replaceSpan(file: FileModel, start: number, end: number, text: string): TextEdit {
  return { range: file.lines.rangeOf(start, end), newText: withFileLineBreaks(file, text) };
}

/**
 * True when a statement has its line to itself: nothing but indentation before it, nothing but
 * a comment after it. Fixes that rewrite a statement into several lines need that.
 */
export function ownsItsLines(file: FileModel, stmt: PyNode): boolean {
  const start = file.lines.positionAt(stmt.startIndex);
  const end = file.lines.positionAt(stmt.endIndex);
  const before = file.lines.lineText(start.line).slice(0, start.character);
  const after = file.lines.lineText(end.line).slice(end.character);
  return before.trim() === '' && (after.trim() === '' || after.trim().startsWith('#'));
}

/**
 * Where code that replaces statements `[first, last]` goes, when it may span several lines. The
 * statements can share their lines: `x = 1; a = await f()`, or a body on its header's line
 * (`async def main(): a = await f(); b = await g()`). Replacement lines then start on a line of
 * their own (the `;` or space before them dropped) at the block's indentation (one level deeper
 * than the header's line for a one-line body), and code after them on the line moves to a line
 * of its own too, so nothing ends up inside a new block by accident.
 */
export function statementsLayout(file: FileModel, first: PyNode, last: PyNode): { indent: string; start: number; end: number; before: string; after: string } {
  const indent = blockIndentation(file, first);
  const source = file.lines.text;
  const lineStart = file.lines.lineStart(file.lines.positionAt(first.startIndex).line);
  let start = first.startIndex;
  let before = '';
  const block = first.parent?.type === 'block' ? first.parent : undefined;
  const blockStart = block?.children[0]?.startIndex ?? start;
  if (block && source.slice(lineStart, blockStart).trim() !== '') {
    // A body on its header's line cannot go on over more lines: all of it moves under the header.
    start = skipBack(source, blockStart, lineStart);
    const earlier = source.slice(blockStart, first.startIndex).replace(/[\s;]+$/, '');
    before = `\n${indent}` + (earlier ? `${earlier}\n${indent}` : '');
  } else if (source.slice(lineStart, start).trim() !== '') {
    start = skipBack(source, start, lineStart);
    if (source[start - 1] === ';') start = skipBack(source, start - 1, lineStart);
    before = `\n${indent}`;
  }
  const lineEnd = file.lines.lineEnd(file.lines.positionAt(last.endIndex).line);
  let end = last.endIndex;
  let after = '';
  let next = skipForward(source, end, lineEnd);
  if (source[next] === ';') next = skipForward(source, next + 1, lineEnd);
  if (next < lineEnd && source[next] !== '#') {
    end = next;
    after = `\n${indent}`;
  }
  return { indent, start, end, before, after };
}

/** The indentation of the block holding `stmt`; for a block on its header's line, one level deeper than that line. */
export function blockIndentation(file: FileModel, stmt: PyNode): string {
  const block = stmt.parent;
  const first = block?.type === 'block' ? (block.children[0] ?? stmt) : stmt;
  const line = file.lines.positionAt(first.startIndex);
  const indent = file.lines.indentationAt(first.startIndex);
  const startsItsLine = file.lines.lineText(line.line).slice(0, line.character).trim() === '';
  return startsItsLine || block?.type !== 'block' ? indent : deeper(indent);
}

function skipBack(source: string, offset: number, limit: number): number {
  while (offset > limit && (source[offset - 1] === ' ' || source[offset - 1] === '\t')) offset--;
  return offset;
}

function skipForward(source: string, offset: number, limit: number): number {
  while (offset < limit && (source[offset] === ' ' || source[offset] === '\t')) offset++;
  return offset;
}

/**
 * How this file can spell `asyncio.<name>`: through an existing `import asyncio [as x]` at module
 * level, or by adding `import asyncio` (the returned edits then hold the insertion).
 */
export function asyncioModule(file: FileModel): { name: string; edits: TextEdit[] } {
  // Once per file: the same for every fix, and a scan of the module per finding would be quadratic.
  const found = file.memo('asyncioModule', () => {
    for (const [local, bindings] of file.moduleScope.bindings) {
      if (bindings.length > 0 && bindings.every((b) => b.kind === 'import' && b.isModuleImport && b.qualified === 'asyncio')) {
        return { name: local, edits: [] };
      }
    }
    return { name: 'asyncio', edits: [insertLinesAt(file, importInsertionOffset(file), 'import asyncio\n')] };
  });
  return { name: found.name, edits: [...found.edits] };
}

/**
 * Where a new `import` goes: before the first module-level import that is not a `__future__`
 * one; without imports, after the docstring and `__future__` imports (or at the very top).
 */
export function importInsertionOffset(file: FileModel): number {
  let afterPreamble = 0;
  for (const stmt of file.root.children) {
    if (stmt.type === 'future_import_statement' || isDocstring(stmt, file)) {
      afterPreamble = lineAfter(file, stmt.endIndex);
      continue;
    }
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement') return file.lines.lineStart(file.lines.positionAt(stmt.startIndex).line);
    break;
  }
  return afterPreamble === 0 ? startAfterHeaderComments(file) : afterPreamble;
}

/** Where new module-level definitions go: after the last import of the leading import block. */
export function moduleDefinitionOffset(file: FileModel): number {
  let offset = -1;
  for (const stmt of file.root.children) {
    if (stmt.type === 'future_import_statement' || isDocstring(stmt, file) || stmt.type === 'import_statement' || stmt.type === 'import_from_statement') {
      offset = lineAfter(file, stmt.endIndex);
      continue;
    }
    break;
  }
  return offset === -1 ? startAfterHeaderComments(file) : offset;
}

/** A name not bound or read anywhere in `scope` (or the scopes it can see), from `base`, `base_2`... */
export function freshName(base: string, scopes: readonly Scope[], taken: ReadonlySet<string> = new Set()): string {
  const used = (name: string): boolean =>
    taken.has(name) || scopes.some((s) => s.bindings.has(name) || s.reads.has(name) || s.resolve(name) !== undefined || [...s.allScopes()].some((c) => c.reads.has(name) || c.bindings.has(name)));
  if (!used(base)) return base;
  for (let i = 2; ; i++) if (!used(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * A module-level name not used anywhere in the file, from `base`, `base_2`... Every word of the
 * text counts as used (strings and comments too), which errs on the safe side and is read once
 * per file: checking each candidate against every scope of the file costs a scan per finding.
 */
export function freshModuleName(file: FileModel, base: string, taken: ReadonlySet<string> = new Set()): string {
  const words = file.memo('wordsOfFile', () => new Set(file.source.match(/[A-Za-z_][A-Za-z0-9_]*/g)));
  const used = (name: string): boolean => taken.has(name) || words.has(name);
  if (!used(base)) return base;
  for (let i = 2; ; i++) if (!used(`${base}_${i}`)) return `${base}_${i}`;
}

function isDocstring(stmt: PyNode, file: FileModel): boolean {
  return stmt === file.root.children[0] && stmt.type === 'expression_statement' && stmt.children.length === 1 && stmt.children[0]!.type === 'string';
}

/** The offset of the line after the one holding `offset`. */
function lineAfter(file: FileModel, offset: number): number {
  const line = file.lines.positionAt(offset).line;
  return line + 1 < file.lines.lineCount ? file.lines.lineStart(line + 1) : file.lines.text.length;
}

/** After a shebang / coding line and the comments right after them. */
function startAfterHeaderComments(file: FileModel): number {
  let line = 0;
  while (line < file.lines.lineCount && file.lines.lineText(line).startsWith('#')) line++;
  return file.lines.lineStart(line);
}
