import { statSync } from 'node:fs';
import path from 'node:path';
import { cliTrace } from '../timeline/cliJson';
import { buildRun } from '../timeline/layout';
import { pythonCandidates } from '../settings/pythonPath';
import { runTracer, TRACER_SCRIPT } from '../timeline/runTracer';
import { textTimeline } from '../timeline/textTimeline';
import { UsageError } from './args';

export const TRACE_USAGE = `Usage: async-coach trace FILE [options] [-- ARGS...]

Run a Python program and show how its asyncio tasks ran: one row per task, when it ran, what it
waited on, and every stall (a step that blocked the event loop, with its line).

Options:
  --json            print one JSON object: {"total", "tasks": [...], "stalls": [...]}
                    (the program's own output then goes to stderr)
  --timeout S       stop the program after S seconds (default: 30); the trace covers what ran
  --python PATH     the interpreter (default: python3, then python); Python 3.9 or later
  -h, --help        show this help

Exit codes: 0 the program exited normally, 1 it failed or hit the time limit, 2 usage error or
no trace (no Python, the file is missing).`;

export interface TraceArgs {
  file: string;
  json: boolean;
  timeoutSeconds: number;
  python?: string;
  args: string[];
}

const DEFAULT_TIMEOUT = 30;

/** Parses `trace`'s arguments (after the word `trace`); undefined means help. Throws {@link UsageError}. */
export function parseTraceArgs(argv: readonly string[]): TraceArgs | undefined {
  const out: Partial<TraceArgs> & { args: string[] } = { json: false, timeoutSeconds: DEFAULT_TIMEOUT, args: [] };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${raw} needs a value`);
      return next;
    };
    if (raw === '-h' || raw === '--help') return undefined;
    if (raw === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (raw === '--json') out.json = true;
    else if (raw === '--timeout') {
      const v = value();
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || n <= 0 || n > 86_400) throw new UsageError(`--timeout must be a number of seconds above 0, not '${v}'`);
      out.timeoutSeconds = n;
    } else if (raw === '--python') out.python = value();
    else if (raw.startsWith('-') && raw !== '-') throw new UsageError(`unknown option '${raw}' for trace`);
    else if (out.file === undefined) out.file = raw;
    else throw new UsageError(`trace runs one file; pass the program's own arguments after --`);
  }
  if (out.file === undefined) throw new UsageError('no file given (try: async-coach trace examples/sequential.py)');
  return { file: out.file, json: out.json ?? false, timeoutSeconds: out.timeoutSeconds ?? DEFAULT_TIMEOUT, ...(out.python ? { python: out.python } : {}), args: out.args };
}

export interface TraceIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** The package root: the tracer is media/tracer/run_traced.py under it. */
  packageRoot: string;
}

/** `async-coach trace`: runs the file under the tracer, prints the timeline (or --json). */
export async function runTraceCommand(argv: readonly string[], io: TraceIo): Promise<number> {
  let args: TraceArgs | undefined;
  try {
    args = parseTraceArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`async-coach: ${err.message}\nRun 'async-coach trace --help' for usage.\n`);
    return 2;
  }
  if (!args) {
    io.stdout(TRACE_USAGE + '\n');
    return 0;
  }
  const file = path.resolve(io.cwd, args.file);
  if (!isFile(file)) {
    io.stderr(`async-coach: ${args.file}: no such file\n`);
    return 2;
  }
  const json = args.json;
  const run = await runTracer({
    pythons: pythonCandidates(args.python, io.cwd),
    tracer: path.join(io.packageRoot, TRACER_SCRIPT),
    script: file,
    args: args.args,
    cwd: path.dirname(file),
    timeoutSeconds: args.timeoutSeconds,
    // The program's output is shown live; with --json it must not mix with the JSON on stdout.
    onOutput: (text, stream) => (json || stream === 'stderr' ? io.stderr(text) : io.stdout(text)),
  });
  if (!run.trace) {
    io.stderr(`async-coach: ${run.problem ?? 'no trace was written'}\n`);
    return 2;
  }
  if (run.timedOut) io.stderr(`async-coach: stopped ${args.file} at the ${args.timeoutSeconds} s time limit (--timeout); the trace covers what it did until then.\n`);
  if (json) io.stdout(JSON.stringify(cliTrace(run.trace)) + '\n');
  else {
    const view = buildRun({ label: path.basename(file), trace: run.trace, output: '', timeoutSeconds: args.timeoutSeconds });
    io.stdout(`\n${textTimeline(view).join('\n')}\n`);
  }
  return run.timedOut || run.trace.exit.code !== 0 ? 1 : 0;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
