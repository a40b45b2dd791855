import path from 'node:path';
import type { PendingFinding } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import { ALL_RULES } from '../analysis/rules';
import { WorkspaceIndex } from '../analysis/workspace/workspaceIndex';
import type { CheckArgs } from './args';
import { ProjectConfig } from '../settings/projectConfig';
import { collectPythonFiles, type Skipped } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { inProcessEngine, type CheckEngine, type FileJob, type FileResult } from './jobs';
import { ModulePaths } from './modules';
import type { FileReport } from './report';

export interface CliIo {
  stdout: (s: string) => void;
  /** One line per call, without the trailing newline. */
  stderr: (line: string) => void;
  cwd: string;
  /** Whether stdout is a terminal that takes colour. */
  colorByDefault: boolean;
}

/**
 * Runs `async-coach check` and returns the exit code: 0 clean, 1 findings, 2 usage or I/O error.
 *
 * One pass over the files (in this thread with a parser, or by an engine that may use worker
 * threads): each is parsed, analysed and summarised for a workspace index. A call into a module
 * not read yet gives a pending finding (it holds if the callee is an `async def`); pending
 * findings are settled against the full index at the end, so the order of files does not matter.
 */
export async function runCheck(args: CheckArgs, engine: CheckEngine | PythonParser, io: CliIo, version: string): Promise<number> {
  const configs = new ProjectConfig(io.stderr);
  const overrides = { select: args.select, ignore: args.ignore, targetVersion: args.targetVersion, includeBareAwaits: args.includeBareAwaits, concurrencyInTests: args.concurrencyInTests };
  const { files, problems } = await collectPythonFiles(args.paths, (p) => configs.isExcluded(p), io.cwd);
  const absolute = (p: string): string => path.resolve(io.cwd, p);
  const modules = new ModulePaths(args.paths.filter((p) => !p.endsWith('.py')).map(absolute));
  const roots = args.paths.map(absolute).sort((a, b) => b.length - a.length);
  // Test files are recognised relative to the folder given (or the working directory for files named one by one).
  const rootOf = (file: string): string | undefined => roots.find((r) => file.startsWith(r + path.sep)) ?? (file.startsWith(io.cwd + path.sep) ? io.cwd : undefined);
  const jobs: FileJob[] = files.map((f) => ({ file: absolute(f), display: displayPath(f, io.cwd), options: configs.optionsFor(absolute(f), { ...overrides, root: rootOf(absolute(f)) }), modules: modules.of(absolute(f)) }));
  const checker = 'check' in engine ? engine : inProcessEngine(engine);
  const results = await checker.check(jobs);

  const index = new WorkspaceIndex();
  const reports: FileReport[] = [];
  const reportOf = new Map<FileResult, FileReport>();
  const pending: { report: FileReport; item: PendingFinding }[] = [];
  const skipped: Skipped[] = [...problems];
  let checked = 0;
  for (const result of results) {
    if (result.kind === 'skipped') {
      skipped.push(result.skipped);
      continue;
    }
    checked++;
    for (const m of result.modules) index.set(m, result.summary);
    for (const e of result.internalErrors) io.stderr(`${result.display}: warning: internal error, part of the file was not checked (${e})`);
    const first = result.firstSyntaxError;
    if (first) {
      io.stderr(`${result.display}:${first.start.line + 1}:${first.start.character + 1}: warning: syntax error (${result.syntaxErrorCount} in file); checked the parts that parse`);
    }
    const report: FileReport = { path: result.display, findings: result.findings };
    reports.push(report);
    reportOf.set(result, report);
    for (const item of result.pending) pending.push({ report, item });
  }
  // Rules that stayed silent for want of a module read later (by this thread or another) run again,
  // now that the index holds every module.
  const again = results.flatMap((r, i) => (r.kind === 'checked' && r.deferred.length > 0 ? [{ job: jobs[i]!, codes: new Set(r.deferred), report: reportOf.get(r)! }] : []));
  if (again.length > 0) {
    const rechecked = await checker.recheck(again.map(({ job, codes }) => ({ ...job, options: { ...job.options, select: codes } })), index);
    rechecked.forEach((result, i) => {
      const { report, codes } = again[i]!;
      if (result.kind !== 'checked') return;
      report.findings = [...report.findings.filter((f) => !codes.has(f.code)), ...result.findings];
    });
  }
  // Every module is read now: keep the pending findings whose callees are async defs.
  for (const { report, item } of pending) {
    if (item.assumes.every((q) => index.lookup(q) === 'async')) report.findings.push(item.finding);
  }
  for (const report of reports) report.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (const s of skipped) io.stderr(`${s.ioError ? displayPath(s.path, io.cwd) : s.path}: ${s.ioError ? 'error' : 'warning'}: ${s.reason}`);

  switch (args.format) {
    case 'json':
      io.stdout(formatJson(reports));
      break;
    case 'sarif':
      io.stdout(formatSarif(reports, ALL_RULES.map((r) => r.meta), version));
      break;
    default:
      io.stdout(formatText(reports, checked, args.color ?? io.colorByDefault));
  }
  if (skipped.some((s) => s.ioError)) return 2;
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}

/** The path as the user gave it when relative, else relative to the working directory when inside it. */
function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return path.normalize(file);
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
