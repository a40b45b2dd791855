import type { Node, Tree } from 'web-tree-sitter';
import { collectImports } from './imports';
import type { PythonParser } from './parser';
import { rangeOf } from './positions';
import type { Report, Rule, RuleContext } from './rule';
import { ALL_RULES } from './rules';
import type { Finding, Range, RuleCode, Severity } from './types';

export interface AnalyzeOptions {
  /** Rules to run; defaults to all. */
  rules?: readonly Rule[];
  /** Only these codes (after `ignore`); undefined means all. */
  select?: ReadonlySet<RuleCode>;
  ignore?: ReadonlySet<RuleCode>;
  /** Per-rule severity overrides; `'off'` disables the rule. */
  severity?: Partial<Record<RuleCode, Severity | 'off'>>;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Ranges of ERROR/MISSING nodes: the rules still ran over what did parse. */
  syntaxErrors: Range[];
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

/** Runs the enabled rules over an already parsed tree (the editor keeps one per document). */
export function analyzeTree(tree: Tree, source: string, options: AnalyzeOptions = {}): AnalysisResult {
  const root = tree.rootNode;
  const findings: Finding[] = [];
  const calls = root.descendantsOfType('call').filter((n): n is Node => n !== null);
  const imports = collectImports(root);
  for (const rule of options.rules ?? ALL_RULES) {
    const { code, name } = rule.meta;
    if (options.ignore?.has(code) || (options.select && !options.select.has(code))) continue;
    const severity = options.severity?.[code] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    const ctx: RuleContext = {
      source,
      root,
      imports,
      calls,
      report: (r: Report) => {
        findings.push({ code, name, severity, message: r.message, range: r.range, fixes: r.fixes ?? [], related: r.related ?? [] });
      },
    };
    rule.check(ctx);
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, syntaxErrors: root.hasError ? collectSyntaxErrors(root) : [] };
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
