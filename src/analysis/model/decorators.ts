import { unparenthesize, type PyNode } from '../syntax/pyNode';
import { decoratorName, functionOf, type FunctionSignature } from './classes';
import type { FileModel } from './fileModel';
import { firstParameter } from './typeFacts';

/**
 * What applying a decorator does to the function it decorates: `async` makes it a coroutine
 * function (its wrapper is an `async def` that awaits the wrapped call), `same` leaves it what it
 * was (the wrapper returns the wrapped call, or the decorator returns the function itself).
 * Anything else is not described: the decorated function becomes unknown.
 */
export type DecoratorEffect = 'async' | 'same';

const RETURNS_A_NAME = /\breturn[ \t]+[A-Za-z_]\w*[ \t]*(#.*)?$/m;

/** Code that runs elsewhere than the function around it. */
const NESTED_CODE = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

/**
 * What the decorator defined by `def` does, read from its body. With `factory` (`@retry(3)`),
 * `def` is a decorator factory: what the decorator it returns does. Undefined when the body does
 * anything the analysis cannot see through (a sync wrapper that runs the coroutine, a class...).
 */
export function decoratorEffect(def: PyNode, file: FileModel, factory: boolean): DecoratorEffect | undefined {
  if (def.isAsync || def.type !== 'function_definition') return undefined;
  // Every decorator the analysis sees through returns a bare name; other bodies stay uncopied.
  if (!RETURNS_A_NAME.test(def.text)) return undefined;
  file.complete(def);
  const returned = returnedValues(def);
  if (!returned) return undefined;
  if (factory) {
    const inner = returnedInnerFunction(def, returned);
    return inner && !inner.isAsync && inner.decorators.length === 0 ? decoratorEffect(inner.node, file, false) : undefined;
  }
  const wrapped = firstParameter(def);
  if (!wrapped) return undefined;
  if (returned.every((r) => r.type === 'identifier' && r.text === wrapped)) return 'same';
  const wrapper = returnedInnerFunction(def, returned);
  if (!wrapper || !wrapper.decorators.every((d) => /(^|\.)wraps$/.test(decoratorName(d)))) return undefined;
  return wrapperEffect(wrapper.node, wrapped, file);
}

/**
 * An `async def` wrapper that awaits the wrapped call somewhere in its own body (a retry loop,
 * a try/except) keeps a coroutine function; a plain `def` whose every path returns the wrapped
 * call keeps whatever the function was.
 */
function wrapperEffect(wrapper: PyNode, wrapped: string, file: FileModel): DecoratorEffect | undefined {
  if (file.scopeFor(wrapper)?.hasYield ?? true) return undefined;
  const callsWrapped = (n: PyNode | undefined): boolean => {
    const call = n ? unparenthesize(n) : undefined;
    return call?.type === 'call' && call.child('function')?.type === 'identifier' && call.child('function')?.text === wrapped;
  };
  if (wrapper.isAsync) {
    for (const n of ownCode(wrapper)) if (n.type === 'await' && callsWrapped(n.children[0])) return 'async';
    return undefined;
  }
  const returned = returnedValues(wrapper);
  return returned && returned.every(callsWrapped) ? 'same' : undefined;
}

/** The values of every `return` in the function's own body, when it ends with one and none is bare. */
function returnedValues(def: PyNode): PyNode[] | undefined {
  const body = def.child('body');
  if (body?.children[body.children.length - 1]?.type !== 'return_statement') return undefined;
  const values: PyNode[] = [];
  for (const n of ownCode(def)) {
    if (n.type !== 'return_statement') continue;
    const value = n.children[0];
    if (!value) return undefined;
    values.push(unparenthesize(value));
  }
  return values;
}

/** The function defined directly in `def`'s body that every `return` gives back. */
function returnedInnerFunction(def: PyNode, returned: readonly PyNode[]): FunctionSignature | undefined {
  const name = returned[0]?.type === 'identifier' ? returned[0].text : undefined;
  if (!name || !returned.every((r) => r.type === 'identifier' && r.text === name)) return undefined;
  const defs = (def.child('body')?.children ?? []).map(functionOf).filter((f) => f?.name === name);
  return defs.length === 1 ? defs[0] : undefined;
}

function ownCode(def: PyNode): Iterable<PyNode> {
  return def.child('body')?.descendants((x) => !NESTED_CODE.has(x.type)) ?? [];
}
