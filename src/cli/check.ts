import path from 'node:path';
import { analyzeSource, type PendingFinding } from '../analysis/analyzer';
import type { PythonParser } from '../analysis/parser';
import { ALL_RULES } from '../analysis/rules';
import { WorkspaceIndex } from '../analysis/workspace/workspaceIndex';
import type { CheckArgs } from './args';
import { ConfigResolver } from './config';
import { collectPythonFiles, isSkipped, readSource, type Skipped } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
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
 * One pass over the files: each is parsed, analysed and summarised into a workspace index.
 * A call into a module of the run not read yet gives a pending finding (it holds if the callee
 * turns out to be an `async def`); pending findings are settled against the full index at the end.
 */
export async function runCheck(args: CheckArgs, parser: PythonParser, io: CliIo, version: string): Promise<number> {
  const configs = new ConfigResolver(args, io.stderr);
  const { files, problems } = await collectPythonFiles(args.paths, (p) => configs.isExcluded(p), io.cwd);
  const absolute = (p: string): string => path.resolve(io.cwd, p);
  const modules = new ModulePaths(args.paths.filter((p) => !p.endsWith('.py')).map(absolute));
  const modulesOf = new Map(files.map((f) => [f, modules.of(absolute(f))]));
  const index = new WorkspaceIndex();
  index.expect([...modulesOf.values()].flat());

  const reports: FileReport[] = [];
  const pending: { report: FileReport; item: PendingFinding }[] = [];
  const skipped: Skipped[] = [...problems];
  let checked = 0;
  for (const file of files) {
    const display = displayPath(file, io.cwd);
    const source = await readSource(absolute(file));
    if (isSkipped(source)) {
      skipped.push({ ...source, path: display });
      continue;
    }
    checked++;
    try {
      const fileModules = modulesOf.get(file) ?? [];
      const result = analyzeSource(parser, source.text, { ...configs.optionsFor(absolute(file)), workspace: index, ...(fileModules[0] ? { modulePath: fileModules[0] } : {}) });
      for (const m of fileModules) index.set(m, result.summary);
      for (const e of result.internalErrors) io.stderr(`${display}: warning: internal error, part of the file was not checked (${e})`);
      const firstError = result.syntaxErrors[0];
      if (firstError) {
        io.stderr(
          `${display}:${firstError.start.line + 1}:${firstError.start.character + 1}: warning: syntax error ` +
            `(${result.syntaxErrors.length} in file); checked the parts that parse`,
        );
      }
      const report: FileReport = { path: display, findings: result.findings };
      reports.push(report);
      for (const item of result.pending) pending.push({ report, item });
    } catch (err) {
      // The analyzer is written not to throw; if it ever does, one file must not stop the run.
      skipped.push({ path: display, reason: `internal error while analysing: ${err instanceof Error ? err.message : String(err)}`, ioError: false });
    }
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
