import { fixability, type FileReport, type RunSummary } from '../report';

interface CodeCount {
  code: string;
  name: string;
  count: number;
  /** How many of them `--fix` would fix. */
  fixable: number;
}

/** Findings counted per code, most frequent first (then by code). */
export function countByCode(reports: readonly FileReport[], summary: RunSummary): CodeCount[] {
  const counts = new Map<string, CodeCount>();
  for (const f of reports.flatMap((r) => r.findings)) {
    const entry = counts.get(f.code) ?? { code: f.code, name: f.name, count: 0, fixable: 0 };
    entry.count++;
    if (fixability(f, summary.unsafeFixes) === 'fixable') entry.fixable++;
    counts.set(f.code, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** `--statistics`: one line per code, `count  CODE  [*] name` (`[*]` when --fix fixes them all, `[-]` when some). */
export function formatStatistics(reports: readonly FileReport[], summary: RunSummary, json: boolean): string {
  const rows = countByCode(reports, summary);
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  const width = Math.max(1, ...rows.map((r) => String(r.count).length));
  return rows.map((r) => `${String(r.count).padStart(width)}  ${r.code}  ${r.fixable === r.count ? '[*]' : r.fixable > 0 ? '[-]' : '   '} ${r.name}`).join('\n') + (rows.length > 0 ? '\n' : '');
}
