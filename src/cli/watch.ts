import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { IncrementalDocument } from '../analysis/document';
import type { PythonParser } from '../analysis/parser';
import { LineIndex } from '../analysis/syntax/lineIndex';
import type { Finding } from '../analysis/types';
import { Project } from '../analysis/workspace/project';
import type { ProjectConfig } from '../settings/projectConfig';
import type { CheckArgs } from './args';
import { displayPath, openProject, projectConfig, writeReport, type Checker, type CheckRun, type CliIo } from './check';
import { fileProblem, printablePath, type FileReport } from './report';
import { isSkipped, readSource } from './source';

/** Quiet time after a change before checking (an editor's save is several events). */
const SETTLE_MS = 150;

/** One watched file: its document kept parsed between changes, and its last findings. */
interface Watched {
  doc?: IncrementalDocument;
  report: FileReport;
  summaryKey: string;
}

/**
 * `check --watch PATHS`: checks everything once, then on each change re-checks the changed files
 * (each an IncrementalDocument, so only what changed is re-parsed and re-analysed) and prints a
 * fresh report. A changed `async def` re-checks the other files too; a changed pyproject.toml or a
 * file added or removed starts over. Ctrl+C stops it with exit code 0.
 */
export async function watchAndCheck(args: CheckArgs, checker: Checker, io: CliIo, version: string): Promise<number> {
  let configs = await projectConfig(args, io);
  if (!configs) return 2;
  const parser = await checker.parser();
  const session = new WatchSession(args, parser, io);
  const print = async (why: string): Promise<void> => {
    io.stdout(`\n[${new Date().toLocaleTimeString()}] ${why}\n`);
    await writeReport(args, checker, session.run(), io, version);
    io.stdout('Watching for changes (Ctrl+C to stop).\n');
  };
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let busy = Promise.resolve();
  const onChange = (file: string): void => {
    if (!file.endsWith('.py') && path.basename(file) !== 'pyproject.toml') return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      busy = busy.then(async () => {
        if (files.some((f) => path.basename(f) === 'pyproject.toml') || files.some((f) => !session.knows(f))) {
          configs = (await projectConfig(args, io)) ?? configs;
          await session.checkAll(configs!);
        } else {
          for (const f of files) await session.recheck(f, configs!);
        }
        await print(`Changed: ${files.map((f) => printablePath(displayPath(f, io.cwd))).join(', ')}`);
      });
    }, SETTLE_MS);
  };
  // Watch before the first check: a file saved just after "Watching for changes" appears is not missed.
  const watchers = args.paths.map((p) => watchPath(path.resolve(io.cwd, p), onChange));
  busy = busy.then(async () => {
    await session.checkAll(configs!);
    await print('Checked all files.');
  });
  await busy;
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await busy;
  session.dispose();
  io.stderr('Stopped watching.');
  return 0;
}

/** Watches a folder (recursively) or a file (through its folder, since editors save by renaming). */
function watchPath(target: string, onChange: (file: string) => void): FSWatcher {
  const isPy = target.endsWith('.py');
  const dir = isPy ? path.dirname(target) : target;
  return watch(dir, { recursive: !isPy }, (_event, name) => {
    if (!name) return;
    const file = path.join(dir, name.toString());
    if (!isPy || file === target) onChange(file);
  });
}

/** The files of the watch, checked in this thread. */
class WatchSession {
  private readonly files = new Map<string, Watched>();
  private project = new Project([]);

  constructor(
    private readonly args: CheckArgs,
    private readonly parser: PythonParser,
    private readonly io: CliIo,
  ) {}

  knows(file: string): boolean {
    return this.files.has(file);
  }

  /** Collects the files again and checks each; pending cross-file findings settle at the end. */
  async checkAll(configs: ProjectConfig): Promise<void> {
    this.dispose();
    this.project = openProject(this.args, configs, this.io.cwd);
    const collected = await this.project.discover(this.args.paths, this.io.cwd);
    for (const s of collected.problems) this.files.set(path.resolve(this.io.cwd, s.path), { report: { path: s.path, findings: [fileProblem('unreadable', s.reason)] }, summaryKey: '' });
    const absolute = collected.files.map((f) => path.resolve(this.io.cwd, f));
    this.project.expect(absolute);
    const pending: { report: FileReport; finding: Finding; assumes: string[] }[] = [];
    for (const file of absolute) pending.push(...(await this.recheck(file, configs)));
    for (const p of pending) if (p.assumes.every((q) => this.project.index.lookup(q) === 'async')) p.report.findings.push(p.finding);
  }

  /** Re-reads one file and re-analyses what changed; a changed summary re-analyses the others. */
  async recheck(file: string, configs: ProjectConfig): Promise<{ report: FileReport; finding: Finding; assumes: string[] }[]> {
    const display = displayPath(file, this.io.cwd);
    const source = await readSource(file, this.args.maxFileKb * 1024);
    const entry = this.files.get(file) ?? { report: { path: display, findings: [] }, summaryKey: '' };
    this.files.set(file, entry);
    if (isSkipped(source)) {
      entry.doc?.dispose();
      entry.doc = undefined;
      entry.report = { path: display, findings: [fileProblem('unreadable', source.reason)] };
      return [];
    }
    if (!entry.doc) entry.doc = new IncrementalDocument(this.parser, source.text);
    else entry.doc.applyChanges([minimalChange(entry.doc.text, source.text)]);
    const modules = this.project.modulePaths(file);
    const options = { ...configs.optionsFor(file, this.args), workspace: this.project.index, ...(modules[0] ? { modulePath: modules[0] } : {}) };
    const result = entry.doc.analyze(options);
    for (const m of modules) this.project.index.set(m, result.summary);
    entry.report = { path: display, findings: [...result.findings] };
    if (result.syntaxErrors[0]) entry.report.findings.push(fileProblem('syntaxError', 'syntax error: the code here does not parse; the rules checked the parts that do', result.syntaxErrors[0]));
    const key = JSON.stringify([...result.summary.names]);
    const changedApi = entry.summaryKey !== '' && entry.summaryKey !== key;
    entry.summaryKey = key;
    if (changedApi) for (const other of this.files.keys()) if (other !== file && this.files.get(other)?.doc) await this.recheck(other, configs);
    return result.pending.map((p) => ({ report: entry.report, finding: p.finding, assumes: p.assumes }));
  }

  run(): CheckRun {
    const reports = [...this.files.values()].map((w) => ({ ...w.report, findings: [...w.report.findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character) }));
    reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const checkedFiles = [...this.files.values()].filter((w) => w.doc).length;
    return { reports, summary: { checkedFiles, fixed: 0, fixMode: false, unsafeFixes: this.args.unsafeFixes }, ioError: false, diffs: [], fixedByFile: [] };
  }

  dispose(): void {
    for (const w of this.files.values()) w.doc?.dispose();
    this.files.clear();
  }
}

/** The one replacement that turns `before` into `after`: everything between their common start and end. */
function minimalChange(before: string, after: string): { range: ReturnType<LineIndex['rangeOf']>; text: string } {
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a CRLF: positions have no place between its two characters.
  if (start > 0 && before[start - 1] === '\r') start--;
  let end = 0;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && before[before.length - end] === '\n' && before[before.length - end - 1] === '\r') end--;
  return { range: new LineIndex(before).rangeOf(start, before.length - end), text: after.slice(start, after.length - end) };
}
