// @ts-check
// The pass/fail/skip counts each test layer writes (scripts/count-reporter.cjs) and the runners sum.
import { existsSync, readFileSync } from 'node:fs';

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/** What a layer that wrote nothing counts as: one failure, so a crash outside any test still fails the run. */
export const CRASHED = Object.freeze({ passed: 0, failed: 1, skipped: 0 });

/**
 * The counts in `file`, or {@link CRASHED} when there is none. A non-zero `exitCode` with no
 * failed test (the process died between tests) counts as one failure.
 * @param {string} file
 * @param {number} [exitCode]
 * @returns {Counts}
 */
export function readCounts(file, exitCode = 0) {
  /** @type {Counts} */
  const counts = existsSync(file) ? { ...CRASHED, .../** @type {Partial<Counts>} */ (JSON.parse(readFileSync(file, 'utf8'))) } : { ...CRASHED };
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}
