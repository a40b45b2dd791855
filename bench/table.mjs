// @ts-check
/** @typedef {string | number} Cell */

/**
 * Prints a plain-text table: the first column left-aligned, the others right-aligned, a rule under the header.
 * @param {string[]} header
 * @param {Cell[][]} rows
 */
export function printTable(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const [i, r] of all.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
