import type { Severity } from '../../analysis/types';
import { oneBased, type FileReport } from '../report';

const COLORS = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', cyan: '\x1b[36m' };

const SEVERITY_COLOR: Record<Severity, string> = { error: COLORS.red, warning: COLORS.yellow, information: COLORS.blue, hint: COLORS.dim };

/**
 * `path:line:col: CODE message` lines grouped by file (a blank line between files), then a summary.
 * The location prefix is what editors and CI log viewers turn into links.
 */
export function formatText(reports: readonly FileReport[], checkedFiles: number, color: boolean): string {
  const c = (code: string, s: string): string => (color ? code + s + COLORS.reset : s);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    if (lines.length > 0) lines.push('');
    for (const f of report.findings) {
      counts[f.severity]++;
      if (f.fixes.length > 0) fixable++;
      const { line, column } = oneBased(f.range.start);
      const location = c(COLORS.bold, `${report.path}:${line}:${column}:`);
      const code = c(SEVERITY_COLOR[f.severity] + COLORS.bold, f.code);
      const fix = f.fixes.length > 0 ? c(COLORS.cyan, ' [fix available]') : '';
      lines.push(`${location} ${code} ${f.message}${fix}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = `${checkedFiles} file${checkedFiles === 1 ? '' : 's'}`;
  if (total === 0) {
    lines.push(`All clear: no problems in ${files}.`);
  } else {
    const parts = (['error', 'warning', 'information', 'hint'] as const)
      .filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${s === 'information' ? 'info' : s}${counts[s] === 1 || s === 'information' ? '' : 's'}`);
    lines.push('');
    lines.push(`Found ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}; ${fixable} with a quick fix in the editor.`);
  }
  return lines.join('\n') + '\n';
}
