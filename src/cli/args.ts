import type { RuleCode } from '../analysis/types';
import { isRuleCode } from '../analysis/rules';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  command: 'check';
  format: OutputFormat;
  select?: Set<RuleCode>;
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
  paths: string[];
}

export type ParsedArgs = CheckArgs | { command: 'help' } | { command: 'version' };

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: async-coach check [options] PATHS...

Find asyncio mistakes and missed concurrency in Python files.

Options:
  --format text|json|sarif   output format (default: text)
  --select CODES             only these rules, comma-separated (e.g. ACO201,ACO202)
  --ignore CODES             skip these rules, comma-separated
  --target-version pyXY      Python version the code targets (e.g. py311)
  --jobs N                   threads to check files on (default: one per core, up to 4)
  --include-bare-awaits      ACO101 also groups bare \`await f()\` statements
  --concurrency-in-tests     ACO101/ACO102 also in test files (off there by default)
  --color / --no-color       force or disable coloured text output
  -h, --help                 show this help
  --version                  print the version

Exit codes: 0 no findings, 1 findings, 2 usage or I/O error.`;

/** Parses the command line (without `node` and the script path). Throws {@link UsageError}. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '--version' || argv[0] === '-V') return { command: 'version' };
  if (argv[0] !== 'check') throw new UsageError(`unknown command '${argv[0]}' (expected 'check')`);
  const args: CheckArgs = { command: 'check', format: 'text', color: undefined, paths: [] };
  for (let i = 1; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    if (raw === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!raw.startsWith('-') || raw === '-') {
      args.paths.push(raw);
      continue;
    }
    const eq = raw.indexOf('=');
    const flag = eq === -1 ? raw : raw.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return raw.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { command: 'help' };
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${f}'`);
        args.format = f;
        break;
      }
      case '--select':
        args.select = parseCodes(flag, value());
        break;
      case '--ignore':
        args.ignore = parseCodes(flag, value());
        break;
      case '--target-version': {
        const v = value();
        if (!/^py3\d{1,2}$/.test(v)) throw new UsageError(`--target-version must look like py311, not '${v}'`);
        args.targetVersion = v;
        break;
      }
      case '--jobs': {
        const v = value();
        if (!/^[1-9]\d{0,2}$/.test(v)) throw new UsageError(`--jobs must be a whole number from 1, not '${v}'`);
        args.jobs = Number(v);
        break;
      }
      case '--include-bare-awaits':
        args.includeBareAwaits = true;
        break;
      case '--concurrency-in-tests':
        args.concurrencyInTests = true;
        break;
      case '--color':
        args.color = true;
        break;
      case '--no-color':
        args.color = false;
        break;
      default:
        throw new UsageError(`unknown option '${flag}'`);
    }
  }
  if (args.paths.length === 0) throw new UsageError('no paths given (try: async-coach check .)');
  return args;
}

function parseCodes(flag: string, list: string): Set<RuleCode> {
  const codes = new Set<RuleCode>();
  for (const part of list.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean)) {
    if (!isRuleCode(part)) throw new UsageError(`${flag}: unknown rule code '${part}'`);
    codes.add(part);
  }
  return codes;
}
