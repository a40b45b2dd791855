import type { Severity } from '../../analysis/types';
import { oneBased, type FileReport } from '../report';

/** GitHub's annotation levels: information and hints become notices. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** A workflow command's message: `%`, CR and LF escaped (GitHub's own rules, as its toolkit writes them). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as a message, and `:` and `,` too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command per finding, which GitHub Actions shows as an annotation on the line:
 * `::warning file=app.py,line=5,col=5,endLine=6,endColumn=19,title=ACO101::message`.
 */
export function formatGithub(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = escapeProperty(report.path.replace(/\\/g, '/'));
    for (const f of report.findings) {
      const start = oneBased(f.range.start);
      const end = oneBased(f.range.end);
      const properties = `file=${file},line=${start.line},col=${start.column},endLine=${end.line},endColumn=${end.column},title=${escapeProperty(f.code)}`;
      lines.push(`::${LEVEL[f.severity]} ${properties}::${escapeData(f.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
