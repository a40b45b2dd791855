import { oneBased, type FileReport } from '../report';

/** The JSON contract: one array, one object per finding, 1-based positions. */
export interface JsonFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  name: string;
  severity: string;
  message: string;
  fixes: { title: string; applicability: string; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[];
}

export function toJsonFindings(reports: readonly FileReport[]): JsonFinding[] {
  return reports.flatMap((report) =>
    report.findings.map((f) => {
      const start = oneBased(f.range.start);
      const end = oneBased(f.range.end);
      return {
        path: report.path,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        code: f.code,
        name: f.name,
        severity: f.severity,
        message: f.message,
        fixes: f.fixes.map((fix) => ({
          title: fix.title,
          applicability: fix.applicability,
          edits: fix.edits.map((e) => {
            const s = oneBased(e.range.start);
            const t = oneBased(e.range.end);
            return { line: s.line, column: s.column, endLine: t.line, endColumn: t.column, newText: e.newText };
          }),
        })),
      };
    }),
  );
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(toJsonFindings(reports), null, 2) + '\n';
}
