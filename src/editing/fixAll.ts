import type { Finding, Fix, Position, TextEdit } from '../analysis/types';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Touching ranges are fine (one ends where the next starts) unless both insert at the same point.
  const aEmpty = a.range.start.line === a.range.end.line && a.range.start.character === a.range.end.character;
  const bEmpty = b.range.start.line === b.range.end.line && b.range.start.character === b.range.end.character;
  if (aEmpty && bEmpty) return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

/**
 * The fix that fix-all, fix on save and `--fix` apply for a finding: its preferred safe fix, else
 * its first safe one. Unsafe fixes are never applied unasked (see {@link Fix.applicability}).
 */
export function primaryFix(finding: Finding, allowUnsafe = false): Fix | undefined {
  const allowed = finding.fixes.filter((f) => allowUnsafe || f.applicability === 'safe');
  return allowed.find((f) => f.isPreferred) ?? allowed[0];
}

/**
 * Text edits that apply the primary fix of as many findings as possible in one pass (safe fixes
 * only, unless `allowUnsafe`). A fix whose
 * edits overlap an already chosen one is left for the next pass (the diagnostics are recomputed
 * after the edit, so a second "fix all" picks it up). Identical edits (two fixes adding the same
 * `import asyncio`) are applied once.
 */
export function combineFixes(findings: readonly Finding[], allowUnsafe = false): { edits: TextEdit[]; applied: number; skipped: number } {
  const chosen: TextEdit[] = [];
  let applied = 0;
  let skipped = 0;
  for (const finding of findings) {
    const fix = primaryFix(finding, allowUnsafe);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !chosen.some((c) => sameEdit(c, e)));
    if (fresh.some((e) => chosen.some((c) => overlaps(c, e)))) {
      skipped++;
      continue;
    }
    chosen.push(...fresh);
    applied++;
  }
  return { edits: chosen, applied, skipped };
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && JSON.stringify(a.range) === JSON.stringify(b.range);
}
