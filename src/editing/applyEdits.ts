import { LineIndex } from '../analysis/syntax/lineIndex';
import type { TextEdit } from '../analysis/types';

/** One edit as offsets into the text it applies to. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edits as offsets into `text`, in text order (insertions at one point keep the order they were
 * given in, as VS Code applies them). Positions past a line's end clamp to it.
 */
export function toOffsetEdits(text: string | LineIndex, edits: readonly TextEdit[]): OffsetEdit[] {
  const lines = typeof text === 'string' ? new LineIndex(text) : text;
  const out = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: Math.max(lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)), newText: e.newText }));
  // Array.prototype.sort is stable: same-point insertions stay in the given order.
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * `text` with non-overlapping edits applied, in one pass over the text (linear in its length and
 * the edits', whatever their number). Overlapping edits are a caller's bug: it throws on them.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return applyOffsetEdits(text, toOffsetEdits(text, edits));
}

/** {@link applyEdits} for edits already turned into sorted offsets. */
export function applyOffsetEdits(text: string, sorted: readonly OffsetEdit[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const e of sorted) {
    if (e.start < cursor) throw new Error(`overlapping edits at offset ${e.start}`);
    parts.push(text.slice(cursor, e.start), e.newText);
    cursor = e.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
