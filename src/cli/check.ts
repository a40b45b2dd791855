import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PendingFinding } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import { ALL_RULES } from '../analysis/rules';
import type { Finding, RuleCode } from '../analysis/types';
import { Project } from '../analysis/workspace/project';
import type { WorkspaceIndex } from '../analysis/workspace/workspaceIndex';
import { primaryFix } from '../editing/fixAll';
import { ProjectConfig } from '../settings/projectConfig';
import { parsePyproject, type FoundPyproject } from '../settings/pyproject';
import type { CheckArgs } from './args';
import { unifiedDiff } from './diff';
import { fixText } from './fix';
import { formatGithub } from './format/github';
import { formatJson } from './format/json';
import { formatSarif, type RuleHelp } from './format/sarif';
import { formatStatistics } from './format/statistics';
import { formatText } from './format/text';
import { installedPackages, packageSearchPaths } from '../analysis/workspace/environment';
import { inProcessEngine, type CheckEngine, type FileJob, type FileResult } from './jobs';
import { FILE_PROBLEMS, fileProblem, plural, printablePath, type FileReport, type RunSummary } from './report';
import { encodeSource, isSkipped, readSource, type Skipped } from './source';

export interface CliIo {
  stdout: (s: string) => void;
  /** One line per call, without the trailing newline. */
  stderr: (line: string) => void;
  cwd: string;
  /** Whether stdout is a terminal that takes colour. */
  colorByDefault: boolean;
}

/** How files get checked: an engine for the first pass (maybe on worker threads), a parser here for fixes. */
export interface Checker {
  engine: CheckEngine;
  parser: () => Promise<PythonParser>;
  /** Rule help for SARIF. */
  help: RuleHelp;
}

/** A checker that does everything in this thread with one parser (tests, small runs). */
export function inProcessChecker(parser: PythonParser, help: RuleHelp): Checker {
  return { engine: inProcessEngine(parser), parser: () => Promise.resolve(parser), help };
}

/** The result of one check of every file, before it is printed (watch mode keeps it between changes). */
export interface CheckRun {
  reports: FileReport[];
  summary: RunSummary;
  /** A path could not be read (missing, permission): exit code 2. */
  ioError: boolean;
  /** `--diff`: the diff of every file a fix would change. */
  diffs: string[];
  /** `--show-fixes`: what was fixed, per file. */
  fixedByFile: { path: string; fixed: Finding[] }[];
}

/**
 * Runs `async-coach check` and returns the exit code: 0 clean (or `--exit-zero`), 1 findings,
 * 2 usage or I/O error.
 */
export async function runCheck(args: CheckArgs, checker: Checker, io: CliIo, version: string): Promise<number> {
  const configs = await projectConfig(args, io);
  if (!configs) return 2;
  const run = await checkOnce(args, checker, configs, io);
  await writeReport(args, checker, run, io, version);
  if (run.ioError) return 2;
  if (args.diff) return run.diffs.length > 0 && !args.exitZero ? 1 : 0;
  return !args.exitZero && run.reports.some((r) => r.findings.length > 0) ? 1 : 0;
}

/** The configuration source: `--config FILE` for every file, else the nearest pyproject.toml of each. Undefined: an error was printed. */
export async function projectConfig(args: CheckArgs, io: CliIo): Promise<ProjectConfig | undefined> {
  const warn = (line: string): void => {
    if (!args.quiet) io.stderr(line);
  };
  if (!args.config) return new ProjectConfig(warn);
  const file = path.resolve(io.cwd, args.config);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    io.stderr(`async-coach: --config ${args.config}: cannot read the file`);
    return undefined;
  }
  const parsed = parsePyproject(text);
  if (!parsed.hasSection && parsed.warnings.length === 0) parsed.warnings.push('no [tool.async-coach] table: the defaults apply');
  const fixed: FoundPyproject = { ...parsed, path: file, dir: path.dirname(file) };
  return new ProjectConfig(warn, undefined, fixed);
}

/** The project the CLI checks: imports may start from each folder given on the command line. */
export function openProject(args: CheckArgs, configs: ProjectConfig, cwd: string): Project {
  return new Project(args.paths.filter((p) => !p.endsWith('.py')).map((p) => path.resolve(cwd, p)), { config: configs });
}

/** Checks every file once (and fixes them with `--fix`/`--diff`). Prints notes to stderr, not the report. */
export async function checkOnce(args: CheckArgs, checker: Checker, configs: ProjectConfig, io: CliIo): Promise<CheckRun> {
  const note = (line: string): void => {
    if (!args.quiet) io.stderr(line);
  };
  const overrides = { select: args.select, extendSelect: args.extendSelect, ignore: args.ignore, targetVersion: args.targetVersion, includeBareAwaits: args.includeBareAwaits, concurrencyInTests: args.concurrencyInTests };
  const absolute = (p: string): string => path.resolve(io.cwd, p);
  const project = openProject(args, configs, io.cwd);
  const collected = await project.discover(args.paths, io.cwd);
  collected.notes.forEach((n) => note(printablePath(n)));
  const roots = args.paths.map(absolute).sort((a, b) => b.length - a.length);
  // Test files are recognised relative to the folder given (or the working directory for files named one by one).
  const rootOf = (file: string): string | undefined => roots.find((r) => file.startsWith(r + path.sep)) ?? (file.startsWith(io.cwd + path.sep) ? io.cwd : undefined);
  const environment = args.noEnvironment ? [] : packageSearchPaths(args.python, [io.cwd, ...roots], note);
  const jobs: FileJob[] = collected.files.map((f) => ({
    file: absolute(f),
    display: displayPath(f, io.cwd),
    options: project.optionsFor(absolute(f), { ...overrides, root: rootOf(absolute(f)) }),
    modules: project.modulePaths(absolute(f)),
    maxBytes: args.maxFileKb * 1024,
    environment,
  }));
  const results = await checker.engine.check(jobs);

  const index = project.index;
  if (environment.length > 0) index.useEnvironment(installedPackages(environment, await checker.parser()));
  const reports: FileReport[] = [];
  const reportOf = new Map<FileResult, FileReport>();
  const pending: { report: FileReport; item: PendingFinding }[] = [];
  const skipped: Skipped[] = [...collected.problems];
  const checkedJobs = new Map<FileReport, { job: FileJob; result: Extract<FileResult, { kind: 'checked' }> }>();
  for (const [i, result] of results.entries()) {
    if (result.kind === 'skipped') {
      skipped.push(result.skipped);
      continue;
    }
    for (const m of result.modules) index.set(m, result.summary);
    for (const e of result.internalErrors) io.stderr(`${printablePath(result.display)}: warning: internal error, part of the file was not checked (${e})`);
    const report: FileReport = { path: result.display, findings: [...result.findings] };
    const first = result.firstSyntaxError;
    if (first) {
      const more = result.syntaxErrorCount > 1 ? ` (${result.syntaxErrorCount} places in the file)` : '';
      report.findings.push(fileProblem('syntaxError', `syntax error: the code here does not parse${more}; the rules checked the parts that do, and no fix is applied to this file`, { start: first.start, end: first.start }));
    }
    reports.push(report);
    checkedJobs.set(report, { job: jobs[i]!, result });
    reportOf.set(result, report);
    for (const item of result.pending) pending.push({ report, item });
  }
  // Rules that stayed silent for want of a module read later (by this thread or another) run again,
  // now that the index holds every module.
  const again = results.flatMap((r, i) => (r.kind === 'checked' && r.deferred.length > 0 ? [{ job: jobs[i]!, codes: new Set(r.deferred), report: reportOf.get(r)! }] : []));
  if (again.length > 0) {
    // Only the deferred rules run again: the selection is exactly them (an extend-select would add others).
    const only = ({ extendSelect: _unused, ...options }: FileJob['options'], codes: Set<RuleCode>): FileJob['options'] => ({ ...options, select: codes });
    const rechecked = await checker.engine.recheck(again.map(({ job, codes }) => ({ ...job, options: only(job.options, codes) })), index);
    rechecked.forEach((result, i) => {
      const { report, codes } = again[i]!;
      if (result.kind !== 'checked') return;
      report.findings = [...report.findings.filter((f) => !(codes as Set<string>).has(f.code)), ...result.findings];
    });
  }
  // Every module is read now: keep the pending findings whose callees are async defs (a rule run
  // again above already answered with the whole index).
  const rerun = new Map(again.map(({ report, codes }) => [report, codes as Set<string>]));
  for (const { report, item } of pending) {
    if (rerun.get(report)?.has(item.finding.code)) continue;
    if (item.assumes.every((q) => index.lookup(q) === 'async')) report.findings.push(item.finding);
  }
  const run: CheckRun = {
    reports,
    summary: { checkedFiles: reports.length, fixed: 0, fixMode: args.fix, unsafeFixes: args.unsafeFixes },
    ioError: skipped.some((s) => s.ioError),
    diffs: [],
    fixedByFile: [],
  };
  if (args.fix || args.diff) await applyFixes(args, checker, run, checkedJobs, index, note);
  for (const s of skipped) {
    const shown = s.ioError || path.isAbsolute(s.path) ? displayPath(s.path, io.cwd) : s.path;
    reports.push({ path: shown, findings: [fileProblem('unreadable', s.reason.startsWith('skipped: ') ? s.reason.slice('skipped: '.length) : s.reason)] });
  }
  for (const report of reports) report.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return run;
}

/** `--fix` and `--diff`: fixes each file that has something to fix, then writes it (or diffs it). */
async function applyFixes(args: CheckArgs, checker: Checker, run: CheckRun, checked: Map<FileReport, { job: FileJob; result: Extract<FileResult, { kind: 'checked' }> }>, index: WorkspaceIndex, note: (line: string) => void): Promise<void> {
  for (const report of run.reports) {
    const entry = checked.get(report);
    if (!entry || entry.result.firstSyntaxError || !report.findings.some((f) => primaryFix(f, args.unsafeFixes))) continue;
    const { job } = entry;
    const shown = printablePath(report.path);
    const source = await readSource(job.file, job.maxBytes);
    if (isSkipped(source)) continue;
    const parser = await checker.parser();
    const options = { ...job.options, workspace: index, ...(job.modules[0] ? { modulePath: job.modules[0] } : {}) };
    const outcome = fixText(parser, source.text, options, args.unsafeFixes);
    for (const f of outcome.broken) note(`${shown}:${f.range.start.line + 1}:${f.range.start.character + 1}: warning: ${f.code} fix not applied: it would break the syntax (please report this)`);
    if (!outcome.converged) note(`${shown}: warning: fixes kept finding more to fix after 10 passes; stopped there`);
    if (outcome.text === source.text) continue;
    if (args.diff) {
      run.diffs.push(unifiedDiff(report.path, source.text, outcome.text));
      run.summary.fixed += outcome.fixed.length;
      continue;
    }
    const bytes = encodeSource(source, outcome.text);
    if (typeof bytes === 'string') {
      note(`${shown}: warning: fixes not written: ${bytes}`);
      continue;
    }
    await fs.writeFile(job.file, bytes);
    report.findings = outcome.remaining;
    run.summary.fixed += outcome.fixed.length;
    run.fixedByFile.push({ path: report.path, fixed: outcome.fixed });
  }
}

/** Prints the report (or the diffs, or the statistics) to stdout or `--output-file`. */
export async function writeReport(args: CheckArgs, checker: Checker, run: CheckRun, io: CliIo, version: string): Promise<void> {
  const toFile = args.outputFile !== undefined;
  let out: string;
  if (args.diff) {
    out = run.diffs.join('');
    if (!args.quiet) io.stderr(run.summary.fixed > 0 ? `Would fix ${plural(run.summary.fixed, 'problem')} in ${plural(run.diffs.length, 'file')} (nothing written).` : 'No fixes to apply.');
  } else if (args.statistics) {
    out = formatStatistics(run.reports, run.summary, args.format === 'json');
  } else {
    switch (args.format) {
      case 'json':
        out = formatJson(run.reports);
        break;
      case 'sarif':
        out = formatSarif(run.reports, [...ALL_RULES.map((r) => r.meta), FILE_PROBLEMS.syntaxError, FILE_PROBLEMS.unreadable], version, checker.help);
        break;
      case 'github':
        out = formatGithub(run.reports);
        break;
      default:
        out = formatText(run.reports, run.summary, !toFile && (args.color ?? io.colorByDefault), args.quiet);
    }
  }
  if (args.showFixes && !args.quiet) {
    const listing = showFixes(run);
    if (args.format === 'text' && !toFile) out = listing + out;
    else listing.trimEnd().split('\n').forEach((l) => io.stderr(l));
  }
  if (toFile) await fs.writeFile(path.resolve(io.cwd, args.outputFile!), out);
  else io.stdout(out);
}

/** `--show-fixes`: per file, how many problems of each rule were fixed. */
function showFixes(run: CheckRun): string {
  if (run.fixedByFile.length === 0) return 'No fixes applied.\n\n';
  const lines = [`Fixed ${plural(run.summary.fixed, 'problem')}:`];
  for (const { path: file, fixed } of run.fixedByFile) {
    lines.push(`- ${printablePath(file)}:`);
    const counts = new Map<string, number>();
    for (const f of fixed) counts.set(`${f.code} (${f.name})`, (counts.get(`${f.code} (${f.name})`) ?? 0) + 1);
    for (const [what, n] of counts) lines.push(`    ${n} × ${what}`);
  }
  return lines.join('\n') + '\n\n';
}

/** The path as the user gave it when relative, else relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return path.normalize(file);
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
