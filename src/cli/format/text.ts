import type { Severity } from '../../analysis/types';
import { fixability, oneBased, plural, printablePath, type FileReport, type RunSummary } from '../report';

const COLORS = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', cyan: '\x1b[36m' };

const SEVERITY_COLOR: Record<Severity, string> = { error: COLORS.red, warning: COLORS.yellow, information: COLORS.blue, hint: COLORS.dim };

/**
 * `path:line:col: CODE [*] message` lines grouped by file (a blank line between files), then a
 * summary unless `quiet`. The location prefix is what editors and CI log viewers turn into links;
 * `[*]` marks what `--fix` would fix. Paths are printed on one line whatever characters they hold.
 */
export function formatText(reports: readonly FileReport[], summary: RunSummary, color: boolean, quiet = false): string {
  const c = (code: string, s: string): string => (color ? code + s + COLORS.reset : s);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  let unsafe = 0;
  let files = 0;
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    files++;
    if (lines.length > 0) lines.push('');
    for (const f of report.findings) {
      counts[f.severity]++;
      const how = fixability(f, summary.unsafeFixes);
      if (how === 'fixable') fixable++;
      if (how === 'unsafe') unsafe++;
      const { line, column } = oneBased(f.range.start);
      const location = c(COLORS.bold, `${printablePath(report.path)}:${line}:${column}:`);
      const code = c(SEVERITY_COLOR[f.severity] + COLORS.bold, f.code);
      const mark = how === 'fixable' ? c(COLORS.cyan, '[*] ') : '';
      lines.push(`${location} ${code} ${mark}${f.message}`);
    }
  }
  if (quiet) return lines.length > 0 ? lines.join('\n') + '\n' : '';
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const checked = `${plural(summary.checkedFiles, 'file')} checked`;
  const fixedNote = summary.fixed > 0 ? `Fixed ${plural(summary.fixed, 'problem')}. ` : '';
  if (total === 0) {
    lines.push(summary.checkedFiles === 0 ? `${fixedNote}No Python files checked.` : `${fixedNote}All clear: no problems in ${plural(summary.checkedFiles, 'file')}.`);
  } else {
    const parts = (['error', 'warning', 'information', 'hint'] as const)
      .filter((s) => counts[s] > 0)
      .map((s) => (s === 'information' ? `${counts[s]} info` : plural(counts[s], s)));
    const hints = summary.fixMode ? [] : [fixable > 0 ? `${fixable} fixable with --fix` : '', unsafe > 0 ? `${unsafe} more with --unsafe-fixes` : ''].filter(Boolean);
    lines.push('');
    lines.push(`${fixedNote}Found ${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}; ${checked}${hints.length > 0 ? `; ${hints.join(', ')}` : ''}.`);
  }
  return lines.join('\n') + '\n';
}
