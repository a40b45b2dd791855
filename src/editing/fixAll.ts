import type { Finding, Fix, Position, TextEdit } from '../analysis/types';

/**
 * The fix that fix-all, fix on save and `--fix` apply for a finding: its preferred safe fix, else
 * its first safe one. Unsafe fixes are never applied unasked (see {@link Fix.applicability}).
 */
export function primaryFix(finding: Pick<Finding, 'fixes'>, allowUnsafe = false): Fix | undefined {
  const allowed = finding.fixes.filter((f) => allowUnsafe || f.applicability === 'safe');
  return allowed.find((f) => f.isPreferred) ?? allowed[0];
}

/** What {@link combineFixes} chose. */
export interface CombinedFixes {
  /** The edits to apply together, in text order. */
  edits: TextEdit[];
  /** How many findings' fixes the edits apply. */
  applied: number;
  /** Fixes left for a later pass because they overlap a chosen one (or, malformed, each other). */
  skipped: number;
  /** The findings whose fixes were chosen, in the order given. */
  fixed: Finding[];
}

/**
 * Text edits that apply the primary fix of as many findings as possible in one pass (safe fixes
 * only, unless `allowUnsafe`). A fix whose edits overlap an already chosen one is left for the
 * next pass (the diagnostics are recomputed after the edit, so a second "fix all" picks it up).
 * Identical edits (two fixes adding the same `import asyncio`) are applied once.
 * Cost: a binary search per edit, so thousands of fixes in one file combine in milliseconds.
 */
export function combineFixes(findings: readonly Finding[], allowUnsafe = false): CombinedFixes {
  const chosen = new ChosenEdits();
  const fixed: Finding[] = [];
  let skipped = 0;
  for (const finding of findings) {
    const fix = primaryFix(finding, allowUnsafe);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !chosen.has(e));
    if (fresh.some((e) => chosen.overlaps(e)) || overlapsItself(fresh)) {
      skipped++;
      continue;
    }
    for (const e of fresh) chosen.add(e);
    fixed.push(finding);
  }
  return { edits: chosen.edits(), applied: fixed.length, skipped, fixed };
}

/** A fix whose own edits overlap is malformed: no editor could apply it. */
function overlapsItself(edits: readonly TextEdit[]): boolean {
  if (edits.length < 2) return false;
  const own = new ChosenEdits();
  for (const e of edits) {
    if (own.overlaps(e)) return true;
    own.add(e);
  }
  return false;
}

/** A position as one number that sorts like the position (lines up to 2^21 stay exact). */
function key(p: Position): number {
  return p.line * 0x1_0000_0000 + p.character;
}

interface Span {
  start: number;
  end: number;
  edit: TextEdit;
}

/**
 * Edits that do not overlap each other (they may touch), sorted by start then end; with no
 * overlaps, the ends are sorted too, which makes the overlap test one binary search.
 */
class ChosenEdits {
  private readonly spans: Span[] = [];
  private readonly identical = new Set<string>();

  has(e: TextEdit): boolean {
    return this.identical.has(identity(e));
  }

  /**
   * True when `e` overlaps a chosen edit: ranges that share more than an end point, or two
   * insertions at the same point (their order would be ambiguous).
   */
  overlaps(e: TextEdit): boolean {
    const start = key(e.range.start);
    const end = key(e.range.end);
    if (start === end) {
      const before = this.lastStartingBefore(start);
      if ((this.spans[before]?.end ?? -1) > start) return true;
      // Spans starting at this point come shortest first: an insertion there would be the first.
      const next = this.spans[before + 1];
      return next !== undefined && next.start === start && next.end === start;
    }
    // Among the chosen edits that start before `end`, the last one ends last.
    const last = this.spans[this.lastStartingBefore(end)];
    return last !== undefined && last.end > start;
  }

  add(e: TextEdit): void {
    const span = { start: key(e.range.start), end: key(e.range.end), edit: e };
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const m = this.spans[mid]!;
      if (m.start < span.start || (m.start === span.start && m.end <= span.end)) low = mid + 1;
      else high = mid;
    }
    // Fixes come in text order, so this is nearly always an append.
    this.spans.splice(low, 0, span);
    this.identical.add(identity(e));
  }

  edits(): TextEdit[] {
    return this.spans.map((s) => s.edit);
  }

  /** Index of the last span starting strictly before `offset` (-1 when none). */
  private lastStartingBefore(offset: number): number {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.spans[mid]!.start < offset) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }
}

function identity(e: TextEdit): string {
  return `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}\n${e.newText}`;
}
