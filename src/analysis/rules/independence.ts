import { callIntent } from '../model/callNames';
import { HTTP_METHODS, SAFE_HTTP_METHODS } from '../model/knownApis';
import type { Scope } from '../model/scopes';
import type { RuleContext } from '../rule';
import type { PyNode } from '../syntax/pyNode';
import { anyOverlap, EffectSet, extendKey, type Effects } from '../workspace/effects';

/**
 * What one awaited statement (or one loop body's call) touches, in the keys of the function that
 * runs it: the effects of every call in it, resolved through the function summaries.
 */
export interface Footprint {
  readonly effects: Effects;
  /** A workspace module the answer needs is not read yet: nothing can be said. */
  readonly pending: boolean;
  /** The awaited call waits on I/O (not pure computation behind `async`). */
  readonly suspends: boolean;
  /**
   * Something positive is known about the awaited call: its callee's summary (a function of the
   * workspace), or a request on an API client (an HTTP client by type, or a `client`/`api` by name).
   * A call of a library or an object of unknown type has unknown effects: never part of a finding.
   */
  readonly evidence: boolean;
  /** The awaited call as written, without spaces: the same call twice is never independent. */
  readonly text: string;
}

/**
 * The footprint of the calls inside `expr` (an awaited expression), `work` being the call that
 * does the waiting (`fetch(x)` in `await asyncio.wait_for(fetch(x), 5)`).
 */
export function footprintOf(ctx: RuleContext, expr: PyNode, work: PyNode, scope: Scope): Footprint {
  const { facts, effects } = ctx.summaries;
  const acc = new EffectSet();
  let pending = false;
  let suspends = false;
  let evidence = false;
  for (const site of ctx.calls) {
    if (!expr.contains(site.node)) continue;
    const ref = facts.describeCall(site.node, site.scope, site.node === work ? true : undefined);
    const e = effects.callEffects(ref);
    if (e === 'pending') {
      pending = true;
      continue;
    }
    acc.add(e);
    if (site.node !== work) continue;
    suspends = e.suspends;
    evidence = effects.hasSummary(ref) || isClientRequest(ctx, work, site.scope);
  }
  const frozen = acc.freeze();
  // Keys a callee closes over or was handed are named as the callee saw them: add what they alias here.
  const expand = (keys: readonly string[]): string[] => {
    const out = new Set(keys);
    for (const key of keys) {
      if (!key.startsWith('l:')) continue;
      const dot = key.indexOf('.');
      const name = key.slice(2, dot === -1 ? undefined : dot);
      const path = dot === -1 ? [] : key.slice(dot + 1).split('.');
      for (const alias of facts.nameKeys(name, scope)) out.add(extendKey(alias, path));
    }
    return [...out];
  };
  return {
    effects: {
      ...frozen,
      reads: expand(frozen.reads),
      writes: expand(frozen.writes),
      mayWrites: expand(frozen.mayWrites),
      resources: expand(frozen.resources),
    },
    pending,
    suspends,
    evidence,
    text: work.text.replace(/\s+/g, ''),
  };
}

/** Why two awaited calls must stay in order, or undefined when nothing ties them. */
export function dependence(a: Footprint, b: Footprint): string | undefined {
  if (a.pending || b.pending) return 'a callee is not summarised yet';
  if (!a.evidence || !b.evidence) return 'what a call does is unknown';
  if (!a.suspends || !b.suspends) return 'a call does not wait on I/O';
  if (a.text === b.text) return 'the same call twice';
  const ea = a.effects;
  const eb = b.effects;
  if (anyOverlap(ea.resources, [...eb.resources, ...eb.reads, ...eb.writes, ...eb.mayWrites])) return 'they share a stateful resource';
  if (anyOverlap(eb.resources, [...ea.reads, ...ea.writes, ...ea.mayWrites])) return 'they share a stateful resource';
  const wa = [...ea.writes, ...ea.mayWrites];
  const wb = [...eb.writes, ...eb.mayWrites];
  if (anyOverlap(wa, [...eb.reads, ...wb]) || anyOverlap(wb, ea.reads)) return 'one may change what the other uses';
  if ((changesWorld(ea) && eb.world !== 'none') || (changesWorld(eb) && ea.world !== 'none')) return 'one may change the outside world the other reads';
  return undefined;
}

/**
 * Why the calls of a loop's passes must stay in order, or undefined. Keys of the loop's own
 * variables differ from pass to pass; anything else written, a resource, or a change to the
 * outside world is shared by every pass.
 */
export function dependenceAcrossPasses(f: Footprint, loopNames: ReadonlySet<string>): string | undefined {
  if (f.pending) return 'a callee is not summarised yet';
  if (!f.evidence) return 'what the call does is unknown';
  if (!f.suspends) return 'the call does not wait on I/O';
  const shared = (keys: readonly string[]): string[] => keys.filter((k) => !(k.startsWith('l:') && loopNames.has(k.slice(2).split('.')[0]!)));
  const e = f.effects;
  if (shared(e.resources).length > 0) return 'every pass uses the same stateful resource';
  if (shared([...e.writes, ...e.mayWrites]).length > 0) return 'each pass may change what the next one uses';
  if (changesWorld(e)) return 'each pass may change the outside world';
  return undefined;
}

/** A request on an API client that only reads: an HTTP safe method, or a query by its name (`read_flows`). */
function isClientRequest(ctx: RuleContext, call: PyNode, scope: Scope): boolean {
  const fn = call.child('function');
  const receiver = fn?.type === 'attribute' ? fn.child('object') : undefined;
  const method = fn?.type === 'attribute' ? fn.child('attribute')?.text : undefined;
  if (!receiver || !method || !ctx.summaries.facts.isApiClient(receiver, scope)) return false;
  return SAFE_HTTP_METHODS.has(method) || (!HTTP_METHODS.has(method) && callIntent(method) === 'query');
}

function changesWorld(e: Effects): boolean {
  return e.world === 'write' || e.world === 'unknown';
}
