import type { Position, Range } from '../types';

/**
 * Offsets <-> 0-based line/character positions for one text, in UTF-16 code units (the unit of JS
 * strings, of tree-sitter's indices for JS input, of LSP and of VS Code). Built once per text.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  /** `starts` is for {@link LineIndex.withEdit}; others let the constructor find the lines. */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    const found = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    this.starts = found;
  }

  /**
   * The index of the text after replacing `[start, oldEnd)` by `inserted`, without scanning the
   * whole new text: only the inserted part is read, later line starts are shifted.
   */
  withEdit(start: number, oldEnd: number, inserted: string): LineIndex {
    const text = this.text.slice(0, start) + inserted + this.text.slice(oldEnd);
    const delta = inserted.length - (oldEnd - start);
    const starts: number[] = [];
    for (const s of this.starts) {
      if (s > start) break;
      starts.push(s);
    }
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) starts.push(start + i + 1);
    for (let j = this.firstStartAfter(oldEnd); j < this.starts.length; j++) starts.push(this.starts[j]! + delta);
    return new LineIndex(text, starts);
  }

  /** Index of the first line start greater than `offset`. */
  private firstStartAfter(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the start of `line`, clamped to the text. */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    return this.starts[line] ?? this.text.length;
  }

  /** Offset just past the last character of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return next > 0 && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The position of an offset (clamped to the text). */
  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and the \n of a CRLF there is no position: tree-sitter ends a comment
    // (and the statement holding it) after the \r. Use the end of the line.
    if (clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10) clamped--;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.starts[low] ?? 0) };
  }

  /** The offset of a position; characters past the end of a line clamp to the line's end. */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The whitespace that starts the line holding `offset`. */
  indentationAt(offset: number): string {
    const line = this.positionAt(offset).line;
    return /^[ \t]*/.exec(this.lineText(line))?.[0] ?? '';
  }
}
