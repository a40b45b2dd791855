import { asyncioModule, blockIndentation, deeper, freshName, replaceSpan, statementsLayout } from '../fixes/edits';
import type { Scope } from '../model/scopes';
import type { RuleContext } from '../rule';
import type { PyNode } from '../syntax/pyNode';
import { calleeName } from '../syntax/queries';
import type { Fix } from '../types';

/** One statement of an ACO101 run, as the fixes need it. */
export interface RunStep {
  readonly stmt: PyNode;
  readonly kind: 'assign' | 'bare' | 'return';
  /** The assignment target (`user`, `a, b`). */
  readonly target: PyNode | undefined;
  /** The `await` expressions, in order (one, except in a `return` of several). */
  readonly awaits: readonly PyNode[];
  /** The awaited calls, in the same order. */
  readonly calls: readonly PyNode[];
}

/** Past this width the gather call is written one argument per line. */
const MAX_LINE = 88;

/**
 * `a = await f()` / `b = await g()` -> `a, b = await asyncio.gather(f(), g())`: names and order
 * kept, comments between the statements moved above, `import asyncio` added when missing.
 */
export function gatherFix(ctx: RuleContext, run: readonly RunStep[], scope: Scope): Fix {
  const asyncio = asyncioModule(ctx.file);
  const indent = blockIndentation(ctx.file, run[0]!.stmt);
  const { targets, returned } = resultNames(run, scope, (call) => `${calleeName(call) ?? 'call'}_result`);
  const calls = run.flatMap((s) => s.calls.map((c) => c.text));
  const allBare = run.every((s) => s.kind === 'bare');
  const head = `${allBare ? '' : `${targets.join(', ')} = `}await ${asyncio.name}.gather(`;
  const oneLine = `${head}${calls.join(', ')})`;
  let code =
    indent.length + oneLine.length <= MAX_LINE && !calls.some((c) => c.includes('\n'))
      ? oneLine
      : `${head}\n${calls.map((c) => `${deeper(indent)}${c},`).join('\n')}\n${indent})`;
  if (returned) code += `\n${indent}${returned}`;
  // Unsafe: the calls' side effects interleave, and a failure no longer stops the calls after it.
  return { title: `Run the ${calls.length} calls together with \`${asyncio.name}.gather\``, edits: [...asyncio.edits, rewrite(ctx, run, code)], applicability: 'unsafe' };
}

/**
 * The same run as tasks of an `asyncio.TaskGroup` (Python 3.11+): if one call fails, the
 * others are cancelled, which gather does not do. Results are read after the block.
 */
export function taskGroupFix(ctx: RuleContext, run: readonly RunStep[], scope: Scope): Fix {
  const asyncio = asyncioModule(ctx.file);
  const indent = blockIndentation(ctx.file, run[0]!.stmt);
  // Lines are joined with the run's indentation; the block's lines add one level.
  const inner = deeper(indent).slice(indent.length);
  const taken = new Set<string>();
  const tg = freshName('tg', [scope], taken);
  taken.add(tg);
  const taskNames: string[] = [];
  for (const step of run) {
    for (const call of step.calls) {
      const base = step.kind === 'assign' && step.target ? firstName(step.target) : (calleeName(call) ?? 'call');
      const name = freshName(`${base}_task`, [scope], taken);
      taken.add(name);
      taskNames.push(name);
    }
  }
  const lines = [`async with ${asyncio.name}.TaskGroup() as ${tg}:`];
  let i = 0;
  for (const step of run) for (const call of step.calls) lines.push(`${inner}${taskNames[i++]} = ${tg}.create_task(${call.text})`);
  i = 0;
  for (const step of run) {
    if (step.kind === 'return') {
      lines.push(returnWith(step, () => `${taskNames[i++]}.result()`));
    } else {
      const result = `${taskNames[i++]}.result()`;
      if (step.kind === 'assign' && step.target) lines.push(`${targetText(step.target)} = ${result}`);
    }
  }
  const code = lines.join(`\n${indent}`);
  return { title: `Run the calls as tasks of an \`${asyncio.name}.TaskGroup\` (cancels the rest if one fails)`, edits: [...asyncio.edits, rewrite(ctx, run, code)], applicability: 'unsafe' };
}

/**
 * Replaces the run's statements with `code`, keeping the comments that sat between them. Code of
 * several lines gets lines of its own when the run shares its line (`x = 1; a = await f()`).
 */
function rewrite(ctx: RuleContext, run: readonly RunStep[], code: string) {
  const layout = statementsLayout(ctx.file, run[0]!.stmt, run[run.length - 1]!.stmt);
  const own = code.includes('\n') ? layout : { ...layout, start: run[0]!.stmt.startIndex, end: run[run.length - 1]!.stmt.endIndex, before: '', after: '' };
  const { start, end, indent } = own;
  const comments = ctx.file
    .commentsIn(start, end)
    .filter(([s]) => !run.some((step) => step.stmt.startIndex <= s && s < step.stmt.endIndex))
    .map(([s, e]) => ctx.source.slice(s, e));
  const prefix = comments.map((c) => `${c}\n${indent}`).join('');
  return replaceSpan(ctx.file, start, end, own.before + prefix + code + own.after);
}

/** Gather's targets: each assignment's own target, fresh names for awaits inside a `return`. */
function resultNames(run: readonly RunStep[], scope: Scope, nameFor: (call: PyNode) => string): { targets: string[]; returned: string | undefined } {
  const targets: string[] = [];
  const taken = new Set<string>();
  let returned: string | undefined;
  for (const step of run) {
    if (step.kind === 'assign' && step.target) {
      targets.push(targetText(step.target));
    } else if (step.kind === 'bare') {
      targets.push('_');
    } else {
      const names = step.calls.map((call) => {
        const n = freshName(nameFor(call), [scope], taken);
        taken.add(n);
        return n;
      });
      targets.push(...names);
      let k = 0;
      returned = returnWith(step, () => names[k++]!);
    }
  }
  return { targets, returned };
}

/** `return a, await f()` rewritten with each await replaced by `replacement()`. */
function returnWith(step: RunStep, replacement: () => string): string {
  const stmt = step.stmt;
  let text = '';
  let cursor = stmt.startIndex;
  const source = stmt.text;
  for (const a of step.awaits) {
    text += source.slice(cursor - stmt.startIndex, a.startIndex - stmt.startIndex) + replacement();
    cursor = a.endIndex;
  }
  return text + source.slice(cursor - stmt.startIndex);
}

/** A target as a gather target: tuples get parentheses so they unpack one result. */
function targetText(target: PyNode): string {
  return target.type === 'pattern_list' ? `(${target.text})` : target.text;
}

function firstName(target: PyNode): string {
  if (target.type === 'identifier') return target.text;
  const first = target.children[0];
  return first ? firstName(first) : 'result';
}
