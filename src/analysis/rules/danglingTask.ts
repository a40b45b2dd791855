import { freshModuleName, freshName, indentationOf, insertAt, insertLinesAt, moduleDefinitionOffset, ownsItsLines, replaceSpan } from '../fixes/edits';
import { ASYNCIO_FUTURE_FUNCTIONS, normalizeQualified } from '../model/knownApis';
import type { Scope } from '../model/scopes';
import { fitMessage, type Rule, type RuleContext } from '../rule';
import { TASK } from '../model/typeFacts';
import { immediateUse, inDiscardedExpression, onlyImmediateUses } from '../model/valueMisuse';
import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { argumentValues, calleeOf, valueUse } from '../syntax/queries';
import type { Fix, TextEdit } from '../types';

/** Receivers that are event loops by name when no type is known: `loop`, `self._loop`, `event_loop`. */
const LOOP_NAME = /(?:^|\.)_*(?:event_)?loop$/;

/**
 * ACO202 dangling-task: `asyncio.create_task(...)`, `asyncio.ensure_future(...)` or
 * `loop.create_task(...)` whose task is dropped: used as a statement, or bound to a local never
 * read again. The event loop holds tasks only weakly, so such a task can be garbage-collected
 * mid-run, and an exception it raises is never retrieved. Not flagged: `tg.create_task` on a
 * TaskGroup, tasks stored in attributes, globals, collections, or passed anywhere.
 * Fixes: use the enclosing TaskGroup; or keep a strong reference in a module-level set.
 */
export const danglingTask: Rule = {
  meta: {
    code: 'ACO202',
    name: 'dangling-task',
    defaultSeverity: 'warning',
    summary: 'a task whose only reference is dropped (it can be garbage-collected mid-run, and its errors are lost)',
    docsSlug: 'ACO202-dangling-task',
    cardId: 'rule-aco202-dangling-task',
  },
  check(ctx: RuleContext): void {
    for (const { node: call, scope } of ctx.calls) {
      const factory = taskFactory(ctx, call, scope);
      if (!factory) continue;
      const use = valueUse(call);
      const bound = use.kind === 'assigned' ? use.target.text : undefined;
      let dropped: string;
      if (use.kind === 'statement') dropped = 'the task it returns is dropped';
      else if (bound && scope.isUnreadLocal(bound)) dropped = `\`${bound}\`, its only reference, is never used`;
      else if (bound && onlyImmediateUses(bound, scope, ctx.resolver, (u) => u.truth)) dropped = `\`${bound}\` is only tested as a truth value, then dropped`;
      else if (use.kind === 'used' && immediateUse(call, ctx.resolver, scope)?.truth) dropped = 'the task is only tested as a truth value, then dropped';
      else if (use.kind === 'used' && inDiscardedExpression(call)) dropped = 'the expression holding the task is dropped';
      else continue;
      ctx.report({
        range: ctx.rangeOf(call),
        message:
          use.kind === 'statement'
            ? fitMessage(`\`${factory}(...)\` starts a task and drops it, so it can vanish mid-run and its errors go unseen`, 'This task is dropped, so it can vanish mid-run and its errors go unseen')
            : fitMessage(
                `\`${factory}(...)\` starts a task, but ${dropped}, so it can vanish mid-run`,
                `This task is started, but ${dropped}, so it can vanish mid-run`,
                'This task\'s only reference is dropped, so it can vanish mid-run and its errors go unseen',
              ),
        detail:
          'The event loop keeps only a weak reference to tasks, so this one can be garbage-collected before it finishes, ' +
          'and if it fails, nobody sees the exception. Keep a reference until it is done (a set of tasks, an attribute), ' +
          'await it later, or start it in an `asyncio.TaskGroup`, which owns its tasks.',
        fixes: 'statement' in use ? fixes(ctx, call, scope, use.statement, bound) : [],
      });
    }
  },
};

/** How the task factory is spelled (`asyncio.create_task`, `loop.create_task`), or undefined when `call` is not one. */
function taskFactory(ctx: RuleContext, call: PyNode, scope: Scope): string | undefined {
  const callee = calleeOf(call);
  if (!callee) return undefined;
  const qualified = ctx.resolver.qualifiedName(callee, scope);
  if (qualified) {
    const name = normalizeQualified(qualified);
    if (name === 'asyncio.create_task') return callee.text;
    if (name === 'asyncio.ensure_future') return createsNewTask(ctx, call, scope) ? callee.text : undefined;
    return startsTask(ctx, call, scope) ? callee.text : undefined;
  }
  if (callee.type !== 'attribute' || callee.child('attribute')?.text !== 'create_task') return startsTask(ctx, call, scope) ? callee.text : undefined;
  const receiver = ctx.resolver.receiverOf(call);
  if (!receiver || receiver.isModule) return undefined;
  if (receiver.type) return receiver.type.kind === 'known' && receiver.type.type.kind === 'loop' ? callee.text : undefined;
  return LOOP_NAME.test(receiver.node.text.replace(/\s+/g, '')) ? callee.text : undefined;
}

/** A task factory of the file or the workspace: a function that returns `asyncio.create_task/ensure_future(...)`. */
function startsTask(ctx: RuleContext, call: PyNode, scope: Scope): boolean {
  const returned = ctx.resolver.types.returned(call, scope, false, 0);
  return returned?.kind === 'named' && returned.qualified === TASK.qualified;
}

/** `ensure_future(x)` wraps a fresh coroutine in a new task; given a future, it returns that same future. */
function createsNewTask(ctx: RuleContext, call: PyNode, scope: Scope): boolean {
  const arg = argumentValues(call)[0];
  const a = arg ? unparenthesize(arg) : undefined;
  if (a?.type === 'identifier') {
    // `coro = fetch(); ensure_future(coro)`: a name holding only coroutines.
    const found = ctx.resolver.bindingsAt(a.text, scope);
    return !!found && found.bindings.length > 0 && found.bindings.every((b) => b.kind === 'assignment' && b.value?.type === 'call' && ctx.resolver.coroutineCall(b.value) !== undefined);
  }
  if (a?.type !== 'call') return false;
  const inner = calleeOf(a);
  const q = inner ? ctx.resolver.qualifiedName(inner, scope) : undefined;
  if (q && ASYNCIO_FUTURE_FUNCTIONS.has(normalizeQualified(q))) return false;
  return !(inner?.type === 'attribute' && ['run_in_executor', 'create_future', 'create_task'].includes(inner.child('attribute')?.text ?? ''));
}

function fixes(ctx: RuleContext, call: PyNode, scope: Scope, statement: PyNode | undefined, bound: string | undefined): Fix[] {
  const out: Fix[] = [];
  const group = enclosingTaskGroup(ctx, call, scope);
  const callee = calleeOf(call);
  if (group && callee) {
    out.push({ title: `Create the task in the TaskGroup \`${group}\``, edits: [replaceSpan(ctx.file, callee.startIndex, callee.endIndex, `${group}.create_task`)], applicability: 'unsafe' });
  }
  if (!statement || !ownsItsLines(ctx.file, statement)) return out;
  const owner = scope.enclosingFunction();
  if (!owner) {
    if (scope.kind === 'module' && !bound) {
      const name = freshModuleName(ctx.file, 'background_task');
      out.push({ title: `Keep the task in a module variable \`${name}\``, edits: [replaceSpan(ctx.file, call.startIndex, call.startIndex, `${name} = `)], applicability: 'safe', isPreferred: true });
    }
    return out;
  }
  const { name: setName, edits } = backgroundSet(ctx);
  const indent = indentationOf(ctx.file, statement);
  const keep = (task: string): string => `${setName}.add(${task})\n${indent}${task}.add_done_callback(${setName}.discard)`;
  if (bound) {
    edits.push(insertAt(ctx.file, statement.endIndex, `\n${indent}${keep(bound)}`));
  } else {
    const task = freshName('task', [owner]);
    edits.push(replaceSpan(ctx.file, statement.startIndex, statement.endIndex, `${task} = ${call.text}\n${indent}${keep(task)}`));
  }
  out.push({ title: `Keep a reference in \`${setName}\` until the task is done`, edits, applicability: 'safe', isPreferred: true });
  return out;
}

/**
 * The module-level set of tasks to use: an existing `..._tasks = set()`, or a new `_background_tasks`.
 * Found once per file (every finding's fix then adds the same set, applied once by fix-all).
 */
function backgroundSet(ctx: RuleContext): { name: string; edits: TextEdit[] } {
  const found = ctx.file.memo('backgroundSet', () => {
    for (const [name, bindings] of ctx.file.moduleScope.bindings) {
      const only = bindings.length === 1 ? bindings[0] : undefined;
      if (only?.kind === 'assignment' && /tasks$/i.test(name) && only.value?.text.replace(/\s+/g, '') === 'set()') return { name, edits: [] };
    }
    const name = freshModuleName(ctx.file, '_background_tasks');
    const text = `\n# Strong references to fire-and-forget tasks: the event loop only keeps weak ones.\n${name} = set()\n`;
    return { name, edits: [insertLinesAt(ctx.file, moduleDefinitionOffset(ctx.file), text)] };
  });
  return { name: found.name, edits: [...found.edits] };
}

/** `tg` when the call runs inside `async with asyncio.TaskGroup() as tg:` of the same function. */
function enclosingTaskGroup(ctx: RuleContext, call: PyNode, scope: Scope): string | undefined {
  const fn = scope.enclosingFunction();
  if (!fn?.isCoroutine || scope !== fn) return undefined;
  for (let n = call.parent; n && n !== fn.node; n = n.parent) {
    if (n.type !== 'with_statement' || !n.isAsync) continue;
    for (const item of n.firstOfType('with_clause')?.children ?? []) {
      const pattern = item.child('value');
      const value = pattern?.type === 'as_pattern' ? pattern.children.find((c) => c.field !== 'alias') : undefined;
      const alias = pattern?.child('alias')?.children[0];
      if (value?.type !== 'call' || alias?.type !== 'identifier') continue;
      const type = ctx.resolver.types.constructed(value, scope);
      if (type?.kind === 'known' && type.type.kind === 'taskgroup') return alias.text;
    }
  }
  return undefined;
}
