import type { RuleCode } from '../analysis/types';
import { expandCodes } from '../settings/pyproject';
import { DEFAULT_MAX_FILE_KB } from './source';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

export interface CheckArgs {
  command: 'check';
  format: OutputFormat;
  /** Replaces the selection of pyproject.toml. */
  select?: Set<RuleCode>;
  /** Added to the selection (pyproject.toml's, or all rules). */
  extendSelect?: Set<RuleCode>;
  ignore?: Set<RuleCode>;
  /** `pyXY` as given, e.g. `py311`. */
  targetVersion?: string;
  /** Worker threads; undefined: one per core (up to 4) when there are enough files. */
  jobs?: number;
  /** ACO101 also groups bare `await f()` statements. */
  includeBareAwaits?: boolean;
  /** ACO101/ACO102 also in test files. */
  concurrencyInTests?: boolean;
  color: boolean | undefined;
  /** Apply the safe fixes (and the unsafe ones with `unsafeFixes`), writing the files. */
  fix: boolean;
  unsafeFixes: boolean;
  /** Print a unified diff of the fixes instead of writing them. */
  diff: boolean;
  /** List the fixes applied. */
  showFixes: boolean;
  exitZero: boolean;
  /** Write the report to this file instead of stdout. */
  outputFile?: string;
  /** Counts per rule instead of the findings. */
  statistics: boolean;
  /** Only the findings: no summary, no warnings. */
  quiet: boolean;
  /** A pyproject.toml (or any TOML file with `[tool.async-coach]`) used for every file. */
  config?: string;
  /** Files larger than this are skipped (ACO002). */
  maxFileKb: number;
  /** Re-check on every change until Ctrl+C. */
  watch: boolean;
  /** The interpreter whose installed packages resolve imports (else a `.venv`/`venv`, else `python3`). */
  python?: string;
  /** Resolve nothing through installed packages. */
  noEnvironment?: boolean;
  paths: string[];
}

export type ParsedArgs = CheckArgs | { command: 'help'; topic?: 'check' | 'trace' } | { command: 'version' };

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

interface OptionSpec {
  names: readonly string[];
  /** The value's name in the help; absent for a switch. */
  value?: string;
  help: string;
  apply: (args: CheckArgs, value: string, flag: string) => void;
}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];

/** Every option of `check`, in the order the help lists them. The help text is made from this table. */
const CHECK_OPTIONS: readonly OptionSpec[] = [
  { names: ['--fix'], help: 'apply the safe fixes and write the files', apply: (a) => (a.fix = true) },
  { names: ['--unsafe-fixes'], help: 'with --fix or --diff, also apply the unsafe fixes (gather/TaskGroup rewrites, to_thread...)', apply: (a) => (a.unsafeFixes = true) },
  { names: ['--diff'], help: 'print the fixes as a unified diff; write nothing', apply: (a) => (a.diff = true) },
  { names: ['--show-fixes'], help: 'with --fix, list the fixes applied', apply: (a) => (a.showFixes = true) },
  {
    names: ['--format', '--output-format'],
    value: 'FORMAT',
    help: 'text, json, sarif or github (workflow annotations); default text',
    apply: (a, v, flag) => {
      if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`${flag} must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not '${v}'`);
      a.format = v as OutputFormat;
    },
  },
  { names: ['--output-file', '-o'], value: 'PATH', help: 'write the report to PATH instead of stdout', apply: (a, v) => (a.outputFile = v) },
  { names: ['--select'], value: 'CODES', help: 'only these rules: codes or prefixes, comma-separated (ACO3, ACO101)', apply: (a, v, f) => (a.select = codes(f, v)) },
  { names: ['--extend-select'], value: 'CODES', help: 'add these rules to the selection (or to the defaults): ACO304 is off until named', apply: (a, v, f) => (a.extendSelect = codes(f, v)) },
  { names: ['--ignore'], value: 'CODES', help: 'skip these rules', apply: (a, v, f) => (a.ignore = codes(f, v)) },
  { names: ['--config'], value: 'PATH', help: 'read [tool.async-coach] from this TOML file for every file checked', apply: (a, v) => (a.config = v) },
  {
    names: ['--target-version'],
    value: 'pyXY',
    help: 'the Python version the code targets (py38 ... py314)',
    apply: (a, v) => {
      if (!/^py3\d{1,2}$/.test(v)) throw new UsageError(`--target-version must look like py311, not '${v}'`);
      a.targetVersion = v;
    },
  },
  { names: ['--include-bare-awaits'], help: 'ACO101 also groups bare `await f()` statements', apply: (a) => (a.includeBareAwaits = true) },
  { names: ['--concurrency-in-tests'], help: 'ACO101/ACO102 also in test files (off there by default)', apply: (a) => (a.concurrencyInTests = true) },
  { names: ['--statistics'], help: 'count the findings per rule instead of listing them', apply: (a) => (a.statistics = true) },
  { names: ['--exit-zero'], help: 'exit 0 even when there are findings', apply: (a) => (a.exitZero = true) },
  { names: ['--quiet', '-q'], help: 'print the findings only: no summary, no warnings', apply: (a) => (a.quiet = true) },
  { names: ['--watch', '-w'], help: 'check again whenever a file changes (Ctrl+C stops)', apply: (a) => (a.watch = true) },
  {
    names: ['--max-file-size-kb'],
    value: 'N',
    help: `skip larger files (default ${DEFAULT_MAX_FILE_KB})`,
    apply: (a, v) => (a.maxFileKb = wholeNumber('--max-file-size-kb', v)),
  },
  { names: ['--python'], value: 'PATH', help: "the interpreter whose installed packages resolve imports (default: .venv, venv, python3)", apply: (a, v) => (a.python = v) },
  { names: ['--no-environment'], help: 'do not read installed packages', apply: (a) => (a.noEnvironment = true) },
  { names: ['--jobs', '-j'], value: 'N', help: 'threads to check files on (default: one per core, up to 4)', apply: (a, v) => (a.jobs = wholeNumber('--jobs', v)) },
  { names: ['--color'], help: 'force coloured text output', apply: (a) => (a.color = true) },
  { names: ['--no-color'], help: 'no colour (also with NO_COLOR set)', apply: (a) => (a.color = false) },
];

const BY_NAME = new Map(CHECK_OPTIONS.flatMap((o) => o.names.map((n) => [n, o] as const)));

function optionLines(): string {
  const rows = [...CHECK_OPTIONS.map((o) => [`${o.names.join(', ')}${o.value ? ` ${o.value}` : ''}`, o.help] as const), ['-h, --help', 'show this help'] as const];
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, h]) => `  ${l.padEnd(width)}  ${h}`).join('\n');
}

export const USAGE = `Usage: async-coach COMMAND [options]

Find asyncio mistakes and missed concurrency in Python files.

Commands:
  check PATHS...   check files and folders (async-coach check --help)
  trace FILE       run a program and show how its tasks ran (async-coach trace --help)
  server [--stdio] run the language server on stdin/stdout, for any LSP editor
  help [COMMAND]   show help
  version          print the version

Options:
  -h, --help       show this help
  -V, --version    print the version`;

export const CHECK_USAGE = `Usage: async-coach check [options] PATHS...

Check Python files and folders (folders are walked for *.py). Configuration comes from the
nearest pyproject.toml's [tool.async-coach] table; options win over it.

Options:
${optionLines()}

Exit codes: 0 no findings (or --exit-zero), 1 findings, 2 usage error, unreadable path or internal error.`;

/** Parses the command line (without `node` and the script path). Throws {@link UsageError}. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') return { command: 'help' };
  if (command === 'help') return rest[0] === 'check' || rest[0] === 'trace' ? { command: 'help', topic: rest[0] } : { command: 'help' };
  if (command === '--version' || command === '-V' || command === 'version') return { command: 'version' };
  if (command !== 'check') throw new UsageError(`unknown command '${command}' (expected 'check', 'server' or 'trace')`);
  const args: CheckArgs = { command: 'check', format: 'text', color: undefined, fix: false, unsafeFixes: false, diff: false, showFixes: false, exitZero: false, statistics: false, quiet: false, maxFileKb: DEFAULT_MAX_FILE_KB, watch: false, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const raw = rest[i]!;
    if (raw === '--') {
      args.paths.push(...rest.slice(i + 1));
      break;
    }
    if (!raw.startsWith('-') || raw === '-') {
      args.paths.push(raw);
      continue;
    }
    if (raw === '-h' || raw === '--help') return { command: 'help', topic: 'check' };
    if (raw === '--version' || raw === '-V') return { command: 'version' };
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq === -1 ? raw : raw.slice(0, eq);
    const spec = BY_NAME.get(flag);
    if (!spec) throw new UsageError(`unknown option '${flag}'`);
    let value = '';
    if (spec.value) {
      const next = eq === -1 ? rest[++i] : raw.slice(eq + 1);
      if (next === undefined || (eq === -1 && next.startsWith('-') && next !== '-')) throw new UsageError(`${flag} needs a value (${spec.value})`);
      value = next;
    } else if (eq !== -1) {
      throw new UsageError(`${flag} takes no value`);
    }
    spec.apply(args, value, flag);
  }
  if (args.paths.length === 0) throw new UsageError('no paths given (try: async-coach check .)');
  if (args.statistics && args.format !== 'text' && args.format !== 'json') throw new UsageError('--statistics prints text or json, not ' + args.format);
  if ((args.diff || args.fix) && args.watch) throw new UsageError(`--watch reports findings; run --${args.fix ? 'fix' : 'diff'} on its own`);
  if (args.showFixes && !args.fix) throw new UsageError('--show-fixes lists what --fix applied: add --fix');
  return args;
}

function codes(flag: string, list: string): Set<RuleCode> {
  const problems: string[] = [];
  const found = expandCodes(list.split(',').map((s) => s.trim()).filter(Boolean), problems, flag);
  if (problems.length > 0) throw new UsageError(problems[0]);
  return new Set(found);
}

function wholeNumber(flag: string, v: string): number {
  if (!/^[1-9]\d{0,6}$/.test(v)) throw new UsageError(`${flag} must be a whole number from 1, not '${v}'`);
  return Number(v);
}

/**
 * The options of `async-coach server` that it does not know, or none: `--stdio`, and the
 * `--clientProcessId=N` that vscode-languageclient adds (the connection stops the server when that
 * process is gone).
 */
export function unknownServerOptions(rest: readonly string[]): string[] {
  return rest.filter((a) => a !== '--stdio' && !/^--clientProcessId=\d+$/.test(a));
}
