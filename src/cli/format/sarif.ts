import type { RuleMeta, Severity } from '../../analysis/types';
import { oneBased, type FileReport } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A URI reference relative to the source root, with each segment percent-encoded. */
function artifactUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules in `tool.driver.rules`,
 * relative paths under `%SRCROOT%`, and UTF-16 columns (the SARIF default, and ours).
 */
export function formatSarif(reports: readonly FileReport[], rules: readonly RuleMeta[], version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'async-coach',
            version,
            semanticVersion: version,
            rules: rules.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.summary.replace(/`/g, '') },
              fullDescription: { text: r.summary.replace(/`/g, '') },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['asyncio', 'python'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory async-coach ran in.' } } },
        results: reports.flatMap((report) =>
          report.findings.map((f) => {
            const start = oneBased(f.range.start);
            const end = oneBased(f.range.end);
            return {
              ruleId: f.code,
              ruleIndex: ruleIndex.get(f.code) ?? -1,
              level: LEVEL[f.severity],
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: artifactUri(report.path), uriBaseId: '%SRCROOT%' },
                    region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
