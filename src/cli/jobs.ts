import { analyzeSource, type AnalyzeOptions, type PendingFinding } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import type { Finding, Range, RuleCode } from '../analysis/types';
import { installedPackages } from '../analysis/workspace/environment';
import { WorkspaceIndex, type ModuleSummary } from '../analysis/workspace/workspaceIndex';
import { isSkipped, readSource, type Skipped } from './source';

/** One file to check: where it is, how to show it, its options and module paths. Plain data (sent to workers). */
export interface FileJob {
  /** Absolute path, for reading. */
  readonly file: string;
  /** The path as printed. */
  readonly display: string;
  /** Select/ignore/severity/target version, test file and concurrency options, from pyproject.toml and the command line. */
  readonly options: Pick<AnalyzeOptions, 'select' | 'extendSelect' | 'ignore' | 'severity' | 'targetVersion' | 'testFile' | 'includeBareAwaits' | 'concurrencyInTests'>;
  /** Dotted module paths of the file (the first one resolves its relative imports). */
  readonly modules: readonly string[];
  /** Larger files are skipped. */
  readonly maxBytes: number;
  /** Directories of installed packages that resolve third-party imports (shared by all jobs of a run). */
  readonly environment?: readonly string[];
}

/** What checking one file gave. Plain data (sent back by workers). */
export type FileResult =
  | {
      readonly kind: 'checked';
      readonly display: string;
      readonly modules: readonly string[];
      readonly findings: Finding[];
      readonly pending: PendingFinding[];
      readonly summary: ModuleSummary;
      /** Rules left silent somewhere for want of a module this run had not read yet (see runCheck). */
      readonly deferred: readonly RuleCode[];
      readonly firstSyntaxError: Range | undefined;
      readonly syntaxErrorCount: number;
      readonly internalErrors: readonly string[];
    }
  | { readonly kind: 'skipped'; readonly skipped: Skipped };

/**
 * Reads and analyses one file against `index` (the modules seen so far; calls into others give
 * pending findings), then records its summary there. Never throws.
 */
export async function checkFile(job: FileJob, parser: PythonParser, index: WorkspaceIndex): Promise<FileResult> {
  const source = await readSource(job.file, job.maxBytes);
  if (isSkipped(source)) return { kind: 'skipped', skipped: { ...source, path: job.display } };
  if (job.environment && job.environment.length > 0 && !index.environment) index.useEnvironment(installedPackages(job.environment, parser));
  try {
    const result = analyzeSource(parser, source.text, { ...job.options, workspace: index, ...(job.modules[0] ? { modulePath: job.modules[0] } : {}) });
    for (const m of job.modules) index.set(m, result.summary);
    return {
      kind: 'checked',
      display: job.display,
      modules: job.modules,
      findings: result.findings,
      pending: result.pending,
      summary: result.summary,
      deferred: result.deferred,
      firstSyntaxError: result.syntaxErrors[0],
      syntaxErrorCount: result.syntaxErrors.length,
      internalErrors: result.internalErrors,
    };
  } catch (err) {
    // The analyzer is written not to throw; if it ever does, one file must not stop the run.
    return { kind: 'skipped', skipped: { path: job.display, reason: `internal error while analysing: ${err instanceof Error ? err.message : String(err)}`, ioError: false } };
  }
}

/** How the files get checked: here, or spread over worker threads. Results come back in job order. */
export interface CheckEngine {
  check(jobs: readonly FileJob[]): Promise<FileResult[]>;
  /** Checks files again in this thread against an index that holds every module of the run. */
  recheck(jobs: readonly FileJob[], index: WorkspaceIndex): Promise<FileResult[]>;
}

/** Checks the files one after the other in this thread, sharing one workspace index. */
export function inProcessEngine(parser: PythonParser | (() => Promise<PythonParser>)): CheckEngine {
  let loaded: PythonParser | undefined;
  const load = async (): Promise<PythonParser> => (loaded ??= typeof parser === 'function' ? await parser() : parser);
  const run = async (jobs: readonly FileJob[], index: WorkspaceIndex): Promise<FileResult[]> => {
    const p = await load();
    const results: FileResult[] = [];
    for (const job of jobs) results.push(await checkFile(job, p, index));
    return results;
  };
  return {
    check(jobs) {
      const index = new WorkspaceIndex();
      index.expect(jobs.flatMap((j) => j.modules));
      return run(jobs, index);
    },
    recheck: run,
  };
}
