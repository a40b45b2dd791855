/**
 * Durations as a learner reads them: `3.0 s`, `0.45 s`, `12 ms`, `0.2 ms`, `15 µs`. Totals of
 * whole runs, hovers and the timeline's axis all use it, so "3.0 s → 1.0 s" compares like with like.
 */
export function formatSeconds(s: number): string {
  if (s >= 1) return `${s.toFixed(1)} s`;
  if (s >= 0.1) return `${s.toFixed(2)} s`;
  if (s >= 0.01) return `${Math.round(s * 1000)} ms`;
  if (s >= 0.0001) return `${(s * 1000).toFixed(1)} ms`;
  return `${Math.round(s * 1e6)} µs`;
}
