import { Edit, type Point, type Tree } from 'web-tree-sitter';
import { analyzeTree, type AnalysisResult, type AnalyzeOptions } from './analyzer';
import type { PythonParser } from './parser';
import { LineIndex } from './syntax/lineIndex';
import { createUnitCache, type UnitCache } from './unitCache';
import { clearSummaryCache } from './workspace/fileSummaries';
import type { Range } from './types';

/** One text change, as LSP and VS Code describe them: replace `range` by `text` (no range: the whole text). */
export interface TextChange {
  readonly range?: Range;
  readonly text: string;
}

/**
 * One open document, kept parsed between edits: each change is applied to the text and to the
 * tree (`tree.edit`), the next parse reuses the old tree (tree-sitter re-parses only what changed),
 * and analysis reuses the findings of every unit whose text and context did not change.
 * Owns a tree-sitter tree: call {@link IncrementalDocument.dispose} when the document closes.
 */
export class IncrementalDocument {
  private content: string;
  private lines: LineIndex;
  private current: Tree;
  private stale = false;
  private readonly cache: UnitCache = createUnitCache();

  constructor(
    private readonly parser: PythonParser,
    text: string,
  ) {
    this.content = text;
    this.lines = new LineIndex(text);
    this.current = parser.parse(text);
  }

  /** The current text. */
  get text(): string {
    return this.content;
  }

  /** The syntax tree of the current text (re-parsed on demand after changes). */
  get tree(): Tree {
    if (this.stale) {
      const next = this.parser.parse(this.content, this.current);
      this.current.delete();
      this.current = next;
      this.stale = false;
    }
    return this.current;
  }

  /** Length of a line, without its line break. */
  lineLength(line: number): number {
    return this.lines.lineText(line).length;
  }

  /**
   * Applies changes in order, each to the text left by the previous one (the order of LSP's
   * `contentChanges` and of VS Code's change events). Positions past a line's end are clamped.
   */
  applyChanges(changes: readonly TextChange[]): void {
    for (const change of changes) {
      if (!change.range) {
        this.setText(change.text);
        continue;
      }
      const start = this.lines.offsetAt(change.range.start);
      const oldEnd = Math.max(start, this.lines.offsetAt(change.range.end));
      const startPosition = this.point(start);
      const oldEndPosition = this.point(oldEnd);
      this.lines = this.lines.withEdit(start, oldEnd, change.text);
      this.content = this.lines.text;
      const newEnd = start + change.text.length;
      this.current.edit(new Edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition, oldEndPosition, newEndPosition: this.point(newEnd) }));
      this.stale = true;
    }
  }

  /** Replaces the whole text (no incremental reuse of the tree). */
  setText(text: string): void {
    this.content = text;
    this.lines = new LineIndex(text);
    this.current.delete();
    this.current = this.parser.parse(text);
    this.stale = false;
  }

  /** Analyses the current text, reusing the findings of units no change touched. */
  analyze(options: AnalyzeOptions = {}): AnalysisResult {
    this.cache.lines = this.lines;
    return analyzeTree(this.tree, this.content, options, this.cache);
  }

  dispose(): void {
    this.current.delete();
    this.cache.entries.clear();
    this.cache.skeletons.entries.clear();
    clearSummaryCache(this.cache.summaries);
  }

  private point(offset: number): Point {
    const p = this.lines.positionAt(offset);
    return { row: p.line, column: p.character };
  }
}
