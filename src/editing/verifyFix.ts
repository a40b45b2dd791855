import { Edit, type Point, type Tree } from 'web-tree-sitter';
import { countSyntaxErrors } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import { LineIndex } from '../analysis/syntax/lineIndex';
import type { Finding, TextEdit } from '../analysis/types';
import { applyOffsetEdits, toOffsetEdits } from './applyEdits';
import { combineFixes, primaryFix, type CombinedFixes } from './fixAll';

/**
 * The text of a document with its syntax tree, parsed once and shared by every check of the fixes
 * offered on it. The tree stays the caller's (the editor's document owns it).
 */
export interface ParsedText {
  readonly text: string;
  readonly tree: Tree;
}

/**
 * True when applying `edits` to the text keeps its syntax: the result is parsed again (from a copy
 * of the tree, so only the edited region is re-parsed) and must hold no more syntax errors than
 * the text had, so a file that parsed still parses. Every fix is checked this way before the editor
 * offers it or `--fix` writes it: a fix generator's bug then costs a missing fix, never broken code.
 */
export function fixKeepsSyntax(parser: PythonParser, parsed: ParsedText, edits: readonly TextEdit[]): boolean {
  const after = parseEdited(parser, parsed, edits);
  try {
    return countSyntaxErrors(after) <= countSyntaxErrors(parsed.tree);
  } finally {
    after.delete();
  }
}

/** What {@link combineVerifiedFixes} chose, and the fixes it refused because they would break the syntax. */
export interface VerifiedFixes extends CombinedFixes {
  /** Findings whose fix would add a syntax error: never applied, reported so the bug gets seen. */
  broken: Finding[];
}

/**
 * {@link combineFixes}, with the combination checked by {@link fixKeepsSyntax}. When it would
 * break the syntax, each chosen fix is checked alone, the guilty ones are set aside (`broken`),
 * and the rest are combined again; if even that fails (fixes that break only together), nothing
 * is applied in this pass.
 */
export function combineVerifiedFixes(parser: PythonParser, parsed: ParsedText, findings: readonly Finding[], allowUnsafe = false): VerifiedFixes {
  const first = combineFixes(findings, allowUnsafe);
  if (first.applied === 0 || fixKeepsSyntax(parser, parsed, first.edits)) return { ...first, broken: [] };
  const broken = first.fixed.filter((f) => !fixKeepsSyntax(parser, parsed, primaryFix(f, allowUnsafe)?.edits ?? []));
  const second = combineFixes(
    findings.filter((f) => !broken.includes(f)),
    allowUnsafe,
  );
  if (second.applied === 0 || fixKeepsSyntax(parser, parsed, second.edits)) return { ...second, broken };
  return { edits: [], applied: 0, skipped: second.applied + second.skipped, fixed: [], broken };
}

/** The tree of the text as the edits leave it, parsed incrementally from a copy of the tree (the caller deletes it). */
function parseEdited(parser: PythonParser, parsed: ParsedText, edits: readonly TextEdit[]): Tree {
  const lines = new LineIndex(parsed.text);
  const sorted = toOffsetEdits(lines, edits);
  const next = applyOffsetEdits(parsed.text, sorted);
  const copy = parsed.tree.copy();
  try {
    // From the last edit to the first: each edit's positions are still those of the original text.
    for (let i = sorted.length - 1; i >= 0; i--) {
      const { start, end, newText } = sorted[i]!;
      const startPosition = point(lines, start);
      copy.edit(
        new Edit({
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: start + newText.length,
          startPosition,
          oldEndPosition: point(lines, end),
          newEndPosition: advance(startPosition, newText),
        }),
      );
    }
    return parser.parse(next, copy);
  } finally {
    copy.delete();
  }
}

function point(lines: LineIndex, offset: number): Point {
  const p = lines.positionAt(offset);
  return { row: p.line, column: p.character };
}

/** Where `text` ends when written from `from`. */
function advance(from: Point, text: string): Point {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak === -1) return { row: from.row, column: from.column + text.length };
  let rows = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
  return { row: from.row + rows, column: text.length - lastBreak - 1 };
}
