import type { Node, Tree } from 'web-tree-sitter';
import { CallFacts } from './model/callFacts';
import { FileModel, type Unit } from './model/fileModel';
import { canonicalModule } from './model/imports';
import { Resolver } from './model/resolver';
import type { PythonParser } from './parser';
import { rangeOf } from './positions';
import { DEFAULT_TARGET_VERSION, formatTargetVersion, parseTargetVersion, type PythonVersion } from './pythonVersion';
import type { Report, Rule, RuleContext, RuleOptions } from './rule';
import { ALL_RULES } from './rules';
import { findSuppressions, isSuppressed } from './suppressions';
import { unitContents } from './unitContents';
import { UnitSelector } from './unitSelection';
import { cachedUnit, fileSignature, storeUnit, type UnitCache } from './unitCache';
import type { Finding, Range, RuleCode, Severity } from './types';
import { threadWorkerTargets } from './model/workerThreads';
import { clearSummaryCache, FileSummaries } from './workspace/fileSummaries';
import { summarizeModule } from './workspace/summary';
import type { ModuleSummary, WorkspaceLookup } from './workspace/workspaceIndex';

export interface AnalyzeOptions {
  /** Rules to run; defaults to all. */
  rules?: readonly Rule[];
  /** Only these codes (after `ignore`); undefined means every rule that is on by default. */
  select?: ReadonlySet<RuleCode>;
  /** These codes on top of `select` (or of the default rules): how an off-by-default rule joins the rest. */
  extendSelect?: ReadonlySet<RuleCode>;
  ignore?: ReadonlySet<RuleCode>;
  /** Per-rule severity overrides; `'off'` disables the rule. */
  severity?: Partial<Record<RuleCode, Severity | 'off'>>;
  /** The Python version the code targets (`py311` or a version); default 3.11. */
  targetVersion?: string | PythonVersion;
  /** ACO101 also groups bare `await f()` statements. Default false. */
  includeBareAwaits?: boolean;
  /** The file is test code (see isTestFile): rules that are off in tests do not run. Default false. */
  testFile?: boolean;
  /** Run the concurrency suggestions (ACO101, ACO102) in test files too. Default false. */
  concurrencyInTests?: boolean;
  /** Offer the TaskGroup rewrite first where the target allows it. Default false (gather first). */
  preferTaskGroup?: boolean;
  /** Other files' `async def`s, for calls into them (`from .api import fetch`). */
  workspace?: WorkspaceLookup;
  /** This file's dotted module path (`pkg.api`, `pkg.__init__`): resolves its relative imports. */
  modulePath?: string;
  /** Honour `# noqa` comments. Default true. */
  noqa?: boolean;
}

/** A finding that holds only if the named workspace functions turn out to be `async def`. */
export interface PendingFinding {
  finding: Finding;
  assumes: string[];
}

export interface AnalysisResult {
  findings: Finding[];
  /** Ranges of ERROR/MISSING nodes: the rules still ran over what did parse. */
  syntaxErrors: Range[];
  /** Findings waiting on workspace modules not read yet (only with a workspace that answers `pending`). */
  pending: PendingFinding[];
  /** What other files need to know about this one, for a {@link WorkspaceIndex}. */
  summary: ModuleSummary;
  /**
   * Rules that stayed silent somewhere because a workspace module they needed was not read yet: run
   * them again once the index is complete (the CLI does; the editor re-analyses when the index changes).
   */
  deferred: RuleCode[];
  /**
   * Bugs caught instead of thrown: a unit whose analysis failed is skipped, the rest still
   * reported. Empty in a healthy run; tests assert it, the CLI prints it.
   */
  internalErrors: string[];
}

/** Parses and analyses one Python source text. Never throws for any input text. */
export function analyzeSource(parser: PythonParser, source: string, options: AnalyzeOptions = {}): AnalysisResult {
  const tree = parser.parse(source);
  try {
    return analyzeTree(tree, source, options);
  } finally {
    tree.delete();
  }
}

/**
 * Runs the enabled rules over an already parsed tree (the editor keeps one per document).
 * With a `cache` (see {@link IncrementalDocument}), units whose text and context did not change
 * reuse their previous findings instead of being modelled again.
 */
export function analyzeTree(tree: Tree, source: string, options: AnalyzeOptions = {}, cache?: UnitCache): AnalysisResult {
  const rules = enabledRules(options);
  const ruleOptions: RuleOptions = {
    targetVersion: resolveVersion(options.targetVersion),
    includeBareAwaits: options.includeBareAwaits ?? false,
    preferTaskGroup: options.preferTaskGroup ?? false,
  };
  const internalErrors: string[] = [];
  const syntaxErrors = tree.rootNode.hasError ? collectSyntaxErrors(tree.rootNode) : [];
  let file: FileModel;
  try {
    file = new FileModel(tree, source, options.modulePath, cache?.skeletons, cache?.lines);
  } catch (err) {
    return { findings: [], pending: [], syntaxErrors, summary: EMPTY_SUMMARY, deferred: [], internalErrors: [describe(err, 'building the model')] };
  }
  try {
    const resolver = new Resolver(file, options.workspace);
    const ownModule = (options.modulePath !== undefined && canonicalModule(options.modulePath)) || '__main__';
    const summaries = new FileSummaries(new CallFacts(resolver, ownModule), options.workspace, cache?.summaries);
    const deferred = new Set<RuleCode>();
    /** The last unit analysed left a rule silent for want of an unread module. */
    let unitDeferred = false;
    const raw: PendingFinding[] = [];
    if (rules.length > 0) {
      const selector = new UnitSelector(file, options.workspace);
      const analyseUnit = (unit: Unit): PendingFinding[] | undefined => {
        const produced: PendingFinding[] = [];
        unitDeferred = false;
        try {
          file.completeUnit(unit);
          const contents = unitContents(file, unit);
          for (const { rule, severity } of rules) {
            summaries.pending = false;
            resolver.pending = false;
            const ctx: RuleContext = {
              source,
              file,
              resolver,
              summaries,
              unit,
              options: ruleOptions,
              ...contents,
              rangeOf: (node) => file.lines.rangeOf(node.startIndex, node.endIndex),
              report: (r: Report) => produced.push(toFinding(rule, severity, r)),
            };
            try {
              rule.check(ctx);
            } catch (err) {
              internalErrors.push(describe(err, `${rule.meta.code} at line ${file.lines.positionAt(unit.node.startIndex).line + 1}`));
            }
            if (summaries.pending || resolver.pending) {
              deferred.add(rule.meta.code);
              unitDeferred = true;
            }
          }
        } catch (err) {
          internalErrors.push(describe(err, `modelling line ${file.lines.positionAt(unit.node.startIndex).line + 1}`));
          return undefined;
        }
        return produced;
      };
      if (!cache) {
        for (const unit of selector.select(file)) raw.push(...(analyseUnit(unit) ?? []));
      } else {
        const workspaceVersion = options.workspace ? (options.modulePath !== undefined && options.workspace.versionFor ? options.workspace.versionFor(options.modulePath) : options.workspace.version) : -1;
        const signature = fileSignature(file, [rules.map((r) => `${r.rule.meta.code}:${r.severity}`).join(','), JSON.stringify(ruleOptions), workspaceVersion, options.modulePath ?? '', selector.signature, [...threadWorkerTargets(source)].join(',')]);
        if (cache.signature !== signature) {
          cache.signature = signature;
          cache.entries.clear();
          clearSummaryCache(cache.summaries);
        }
        // Every unit is looked up; a unit seen before needs neither the selector nor the model.
        const used = new Set<string>();
        for (const unit of file.units) {
          const { hit, key } = cachedUnit(cache, file, unit, used, (rested) => summaries.stillMatches(rested));
          if (hit) {
            raw.push(...hit);
            continue;
          }
          summaries.startRecording();
          const produced = selector.matches(unit.node.text) ? analyseUnit(unit) : [];
          if (!produced) continue;
          // A unit left silent for want of an unread module is analysed again next time.
          if (!unitDeferred) storeUnit(cache, file, unit, key, produced, used, summaries.recorded());
          raw.push(...produced);
        }
        for (const key of [...cache.entries.keys()]) if (!used.has(key)) cache.entries.delete(key);
      }
    }
    const suppressions = options.noqa === false ? undefined : findSuppressions(source, (offset) => file.isInComment(offset));
    const kept = raw.filter((p) => !suppressions || !isSuppressed(suppressions, p.finding.code, p.finding.range.start.line));
    kept.sort((a, b) => compareRanges(a.finding.range, b.finding.range) || a.finding.code.localeCompare(b.finding.code));
    let summary = EMPTY_SUMMARY;
    try {
      summary = summarizeModule(file, resolver, summaries);
    } catch (err) {
      internalErrors.push(describe(err, 'summarising the module'));
    }
    return {
      findings: kept.filter((p) => p.assumes.length === 0).map((p) => p.finding),
      pending: kept.filter((p) => p.assumes.length > 0),
      syntaxErrors,
      summary,
      deferred: [...deferred],
      internalErrors,
    };
  } finally {
    file.dispose();
  }
}

const EMPTY_SUMMARY: ModuleSummary = { names: new Map(), reexports: new Map(), classes: new Map(), classBases: new Map(), functions: new Map() };

function describe(err: unknown, where: string): string {
  return `${where}: ${err instanceof Error ? err.message : String(err)}`;
}

function enabledRules(options: AnalyzeOptions): { rule: Rule; severity: Severity }[] {
  const out: { rule: Rule; severity: Severity }[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    const { code } = rule.meta;
    const named = options.select?.has(code) === true || options.extendSelect?.has(code) === true;
    if (options.ignore?.has(code) || (options.select && !named)) continue;
    if (rule.meta.offInTests && options.testFile && !options.concurrencyInTests) continue;
    const configured = options.severity?.[code];
    // An off-by-default rule runs once something names it: a selection or a severity of its own.
    if (rule.meta.offByDefault && !named && (configured === undefined || configured === 'off')) continue;
    const severity = configured ?? rule.meta.defaultSeverity;
    if (severity !== 'off') out.push({ rule, severity });
  }
  return out;
}

function resolveVersion(v: string | PythonVersion | undefined): PythonVersion {
  if (v === undefined) return DEFAULT_TARGET_VERSION;
  if (typeof v === 'string') return parseTargetVersion(v) ?? DEFAULT_TARGET_VERSION;
  return parseTargetVersion(formatTargetVersion(v)) ?? DEFAULT_TARGET_VERSION;
}

function toFinding(rule: Rule, severity: Severity, r: Report): PendingFinding {
  const { code, name } = rule.meta;
  return {
    finding: { code, name, severity, message: r.message, ...(r.detail ? { detail: r.detail } : {}), range: r.range, fixes: r.fixes ?? [], related: r.related ?? [] },
    assumes: r.assumes ?? [],
  };
}

function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

/** How many ERROR/MISSING nodes a tree holds (0 for code that parses). */
export function countSyntaxErrors(tree: Tree): number {
  return tree.rootNode.hasError ? collectSyntaxErrors(tree.rootNode).length : 0;
}

function collectSyntaxErrors(root: Node): Range[] {
  const errors: Range[] = [];
  const cursor = root.walk();
  // Depth-first over the tree, descending only into subtrees that contain an error.
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) {
      errors.push(rangeOf(node));
    } else if (node.hasError && cursor.gotoFirstChild()) {
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  cursor.delete();
  return errors;
}
