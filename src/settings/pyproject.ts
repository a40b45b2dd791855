/**
 * `[tool.async-coach]` in `pyproject.toml`: the configuration the CLI and the editor share.
 *
 * ```toml
 * [tool.async-coach]
 * select = ["ACO1", "ACO201"]          # codes or prefixes; default: every rule on by default
 * extend-select = ["ACO304"]           # added to select (or to the defaults)
 * ignore = ["ACO102"]
 * severity = { ACO101 = "warning", ACO303 = "off" }
 * target-version = "py311"             # default: from [project] requires-python, else py311
 * exclude = ["migrations", "tests/fixtures/**"]
 * include-bare-awaits = true           # ACO101 also groups bare `await f()` statements
 * concurrency-in-tests = true          # ACO101/ACO102 also in test files (off there by default)
 * ```
 * Pure: parsing takes text, and the walk up to find the file takes a `readFile` callback.
 */
import path from 'node:path';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { ALL_RULES } from '../analysis/rules';
import type { RuleCode, Severity } from '../analysis/types';

/** What `[tool.async-coach]` says, validated; absent keys stay undefined. */
export interface AsyncCoachConfig {
  select?: RuleCode[];
  extendSelect?: RuleCode[];
  ignore?: RuleCode[];
  severity?: Partial<Record<RuleCode, Severity | 'off'>>;
  /** `pyXY`: the section's `target-version`, else derived from `[project] requires-python`. */
  targetVersion?: string;
  /** Glob patterns, relative to the directory of the pyproject.toml. */
  exclude?: string[];
  /** `include-bare-awaits`: ACO101 also groups bare `await f()` statements. */
  includeBareAwaits?: boolean;
  /** `concurrency-in-tests`: the concurrency suggestions (ACO101, ACO102) also run in test files. */
  concurrencyInTests?: boolean;
}

export interface PyprojectConfig {
  config: AsyncCoachConfig;
  /** The file has a `[tool.async-coach]` table. */
  hasSection: boolean;
  /** Problems worth one line each on stderr / in the log; the rest of the file still applies. */
  warnings: string[];
}

/** A found pyproject.toml with its parsed configuration. */
export interface FoundPyproject extends PyprojectConfig {
  /** Absolute path of the pyproject.toml. */
  path: string;
  /** Its directory: `exclude` patterns are relative to it. */
  dir: string;
}

// smol-toml ships CommonJS for `require` but types only for `import`: load the CommonJS build
// (what esbuild bundles) and type it from the ESM declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as typeof SmolToml;

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** The keys the switch in {@link parsePyproject} reads, for "did you mean" on a misspelt one. */
const KNOWN_KEYS = ['select', 'extend-select', 'ignore', 'severity', 'target-version', 'exclude', 'include-bare-awaits', 'concurrency-in-tests'];

/** Levenshtein distance, for short keys. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** Parses a pyproject.toml text. Never throws: invalid TOML or values become warnings. */
export function parsePyproject(text: string): PyprojectConfig {
  const warnings: string[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (err) {
    const reason = (err instanceof Error ? err.message.split('\n')[0]! : String(err)).replace(/^Invalid TOML document: /, '');
    const where = err instanceof Error && 'line' in err && typeof err.line === 'number' ? ` at line ${err.line}${'column' in err && typeof err.column === 'number' ? `, column ${err.column}` : ''}` : '';
    return { config: {}, hasSection: false, warnings: [`invalid TOML${where}, file ignored: ${reason}`] };
  }
  const tool = table(doc.tool);
  const section = tool ? table(tool['async-coach']) : undefined;
  for (const name of Object.keys(tool ?? {})) {
    if (name !== 'async-coach' && name.replace(/[-_]/g, '').toLowerCase() === 'asynccoach') warnings.push(`[tool.${name}] is not read: the table is [tool.async-coach]`);
  }
  const config: AsyncCoachConfig = {};
  const requires = table(doc.project)?.['requires-python'];
  if (typeof requires === 'string') {
    const derived = targetFromRequiresPython(requires);
    if (derived) config.targetVersion = derived;
  }
  if (!section) return { config, hasSection: false, warnings };
  for (const [key, value] of Object.entries(section)) {
    switch (key) {
      case 'select':
      case 'ignore':
      case 'extend-select': {
        const codes = codeList(value, key, warnings);
        if (codes) config[key === 'extend-select' ? 'extendSelect' : key] = codes;
        if (key === 'select' && Array.isArray(value) && value.length === 0) warnings.push('select = [] turns every rule off; remove it to run all rules, or list the ones to run');
        break;
      }
      case 'severity':
        config.severity = severities(value, warnings);
        break;
      case 'target-version':
        if (typeof value === 'string' && /^py3\d{1,2}$/.test(value)) config.targetVersion = value;
        else warnings.push(`target-version must look like "py311", not ${JSON.stringify(value)}`);
        break;
      case 'exclude':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) config.exclude = value.filter((v) => v.trim() !== '');
        else warnings.push('exclude must be a list of glob strings');
        break;
      case 'include-bare-awaits':
      case 'concurrency-in-tests':
        if (typeof value === 'boolean') config[key === 'include-bare-awaits' ? 'includeBareAwaits' : 'concurrencyInTests'] = value;
        else warnings.push(`${key} must be true or false, not ${JSON.stringify(value)}`);
        break;
      default: {
        const near = KNOWN_KEYS.find((k) => editDistance(k, key) <= 2);
        warnings.push(`unknown key "${key}" in [tool.async-coach], ignored${near ? ` (did you mean "${near}"?)` : ''}`);
      }
    }
  }
  return { config, hasSection: true, warnings };
}

/**
 * The lowest Python a `requires-python` specifier allows, as `pyXY`: `>=3.9` -> `py39`,
 * `~=3.10` -> `py310`, `>3.8` -> `py39`, `==3.12.*` -> `py312`. Undefined when it names no minimum.
 */
export function targetFromRequiresPython(spec: string): string | undefined {
  let best: number | undefined;
  for (const clause of spec.split(',')) {
    const match = /^\s*(>=|~=|==|>)\s*3\.(\d+)/.exec(clause);
    if (!match?.[2]) continue;
    const minor = Number(match[2]) + (match[1] === '>' && !/3\.\d+\.\d/.test(clause) ? 1 : 0);
    best = best === undefined ? minor : Math.max(best, minor);
  }
  return best === undefined ? undefined : `py3${best}`;
}

/**
 * Walks up from `startDir` to the nearest pyproject.toml with a `[tool.async-coach]` table
 * (stopping after `stopAt` when given). When none has one, the nearest pyproject.toml still
 * supplies `requires-python` for the target version. `readFile` returns undefined for a missing file.
 */
export function findPyproject(startDir: string, readFile: (file: string) => string | undefined, stopAt?: string): FoundPyproject | undefined {
  let fallback: FoundPyproject | undefined;
  let dir = path.resolve(startDir);
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  for (;;) {
    const file = path.join(dir, 'pyproject.toml');
    const text = readFile(file);
    if (text !== undefined) {
      const parsed = parsePyproject(text);
      if (parsed.hasSection) return { ...parsed, path: file, dir };
      fallback ??= { ...parsed, path: file, dir };
    }
    const up = path.dirname(dir);
    if (up === dir || dir === stop) return fallback;
    dir = up;
  }
}

/**
 * Expands codes and prefixes (`ACO1` -> ACO101, ACO102) against the rules the analyzer has. A prefix
 * reaches an off-by-default rule only for `ignore`: selecting or grading `ACO3` means the rules that
 * are on by default, so adding a rule later never turns it on behind the user's back.
 */
export function expandCodes(items: readonly string[], warnings: string[], where: string): RuleCode[] {
  const out = new Set<RuleCode>();
  for (const raw of items) {
    const item = raw.trim().toUpperCase();
    // `where` is the key or the flag: `ignore`, `--ignore`.
    const ignoring = where.replace(/^--/, '') === 'ignore';
    const prefixOf = (r: (typeof ALL_RULES)[number]): boolean => r.meta.code.startsWith(item) && (r.meta.code === item || ignoring || !r.meta.offByDefault);
    const matching = ALL_RULES.filter(prefixOf).map((r) => r.meta.code);
    const known = ALL_RULES.some((r) => r.meta.code.startsWith(item));
    if (item === '' || !known) warnings.push(`${where}: unknown rule code or prefix "${raw}"`);
    for (const code of matching) out.add(code);
  }
  return [...out];
}

function codeList(value: unknown, key: string, warnings: string[]): RuleCode[] | undefined {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    warnings.push(`${key} must be a list of rule codes`);
    return undefined;
  }
  return expandCodes(value, warnings, key);
}

function severities(value: unknown, warnings: string[]): Partial<Record<RuleCode, Severity | 'off'>> {
  const out: Partial<Record<RuleCode, Severity | 'off'>> = {};
  const entries = table(value);
  if (!entries) {
    warnings.push('severity must be a table, e.g. severity = { ACO101 = "warning" }');
    return out;
  }
  for (const [code, level] of Object.entries(entries)) {
    const normalized = level === 'info' ? 'information' : level;
    if (typeof normalized !== 'string' || !SEVERITIES.has(normalized)) {
      warnings.push(`severity.${code} must be error, warning, information, hint or off`);
      continue;
    }
    for (const c of expandCodes([code], warnings, 'severity')) out[c] = normalized as Severity | 'off';
  }
  return out;
}

function table(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
