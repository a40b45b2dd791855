import type { Severity } from '../../analysis/types';
import { docSections } from '../../editing/hoverText';
import { oneBased, type FileReport, type ReportedMeta } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Where a rule's page (or, for the file problems, the command line's section) is read on the web. */
export interface RuleHelp {
  /** The absolute URL of a rule's docs page; for a docs slug of '' the command line's documentation. */
  uri(slug: string): string;
  /** The rule's docs page (markdown), when the docs are at hand. */
  page(slug: string): string | undefined;
}

/** A URI reference relative to the source root, with each segment percent-encoded. */
function artifactUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function plain(markdown: string): string {
  return markdown.replace(/`/g, '').replace(/\*\*/g, '').replace(/\s*\n\s*/g, ' ').trim();
}

/** The rule's descriptions: the summary, and the docs page's "What it flags" and run-time sections when there. */
function descriptions(meta: ReportedMeta, help: RuleHelp): Record<string, unknown> {
  const short = plain(meta.summary);
  const page = meta.docsSlug ? help.page(meta.docsSlug) : undefined;
  const sections = page ? docSections(page) : undefined;
  const full = [sections?.get('What it flags'), sections?.get('What happens at run time')].filter((s): s is string => !!s).map(plain).join(' ');
  return {
    shortDescription: { text: short },
    fullDescription: { text: full || `${meta.code} ${meta.name}: ${short}.` },
    helpUri: help.uri(meta.docsSlug),
    ...(page ? { help: { text: plain(page), markdown: page } } : {}),
  };
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules (and the two file problems)
 * in `tool.driver.rules` with their help, relative paths under `%SRCROOT%`, and UTF-16 columns
 * (the SARIF default, and ours).
 */
export function formatSarif(reports: readonly FileReport[], rules: readonly ReportedMeta[], version: string, help: RuleHelp): string {
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.code, i]));
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
            informationUri: help.uri('').replace(/#.*$/, ''),
            rules: rules.map((r) => ({
              id: r.code,
              name: r.name,
              ...descriptions(r, help),
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

/** Help from the docs pages shipped next to the bundle (`media/docs/`), linked on the project's site. */
export function docsHelp(repositoryUrl: string, readPage: (slug: string) => string | undefined): RuleHelp {
  return {
    uri: (slug) => (slug ? `${repositoryUrl}/blob/main/media/docs/${encodeURIComponent(slug)}.md` : `${repositoryUrl}#command-line`),
    page: readPage,
  };
}
