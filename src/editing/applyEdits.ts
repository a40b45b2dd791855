import { LineIndex } from '../analysis/syntax/lineIndex';
import type { TextEdit } from '../analysis/types';

/**
 * Applies non-overlapping text edits (0-based line/character ranges, as fixes carry them) to a
 * source text: the way a fix reaches a file that is not open in an editor (a temporary copy).
 */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(source);
  const located = edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }));
  // From the end backwards, so earlier offsets stay valid; inserts at one point keep their order.
  located.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = source;
  for (const e of located) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
