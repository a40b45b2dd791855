import { ANY_EFFECTS, asRecovery, EffectSet, extendKey, type CallRef, type Effects, type FunctionSummary } from './effects';

/** Where summaries come from: this file's functions first, then the workspace index. */
export interface SummarySource {
  /** The summary of a function by qualified name; `pending` when its module exists but is not read yet. */
  summaryOf(qualified: string): FunctionSummary | 'pending' | undefined;
}

/** The answer for one call: its effects in the caller's keys, or `pending` (a callee's module is not read yet). */
export type CallEffects = Effects | 'pending';

/**
 * Works out what calls do, transitively: a function's effects are its own plus those of the calls it
 * makes, each read from the callee's summary (mapped from the callee's parameters to the arguments
 * passed) or, for a callee without one, from what the call site could tell (its fallback). What the
 * code cannot show is settled by the function's name (see {@link FunctionSummary.intent}). Results are
 * remembered for the lifetime of the resolver (one analysis); cycles count as "anything may happen".
 */
export class EffectResolver {
  private readonly memo = new Map<string, Effects | 'pending' | 'busy' | 'none'>();
  /** Every qualified name a function's effects rest on (itself included), for callers that reuse the answer. */
  private readonly restsOn = new Map<string, ReadonlySet<string>>();
  private readonly collecting: Set<string>[] = [];
  /** Qualified names whose summaries answers rested on since {@link resetConsulted}. */
  readonly consulted = new Set<string>();

  constructor(private readonly source: SummarySource) {}

  /** Starts a new record of {@link consulted} (one analysis unit's worth). */
  resetConsulted(): void {
    this.consulted.clear();
  }

  /** What calling `qualified` does, in terms of its own parameters and module globals; undefined without a summary. */
  functionEffects(qualified: string): Effects | 'pending' | undefined {
    const known = this.memo.get(qualified);
    if (known === 'busy') return ANY_EFFECTS;
    if (known !== undefined) {
      this.note(this.restsOn.get(qualified) ?? [qualified]);
      return known === 'none' ? undefined : known;
    }
    const collector = new Set([qualified]);
    this.collecting.push(collector);
    this.memo.set(qualified, 'busy');
    let result: Effects | 'pending' | undefined;
    try {
      result = this.compute(qualified);
    } finally {
      this.collecting.pop();
    }
    this.memo.set(qualified, result ?? 'none');
    this.restsOn.set(qualified, collector);
    this.note(collector);
    return result;
  }

  private compute(qualified: string): Effects | 'pending' | undefined {
    const summary = this.source.summaryOf(qualified);
    if (summary === undefined || summary === 'pending') return summary;
    const acc = new EffectSet().add(summary.direct);
    for (const call of summary.calls) {
      const e = this.callEffects(call);
      if (e === 'pending') return 'pending';
      acc.add(call.recovery ? asRecovery(e) : e);
    }
    return settle(acc, summary);
  }

  /** True when the call's callee has a summary (a coroutine function of this file or the workspace). */
  hasSummary(call: CallRef): boolean {
    if (call.target === undefined) return false;
    const summary = this.source.summaryOf(call.target);
    return summary !== undefined && summary !== 'pending';
  }

  /** What one call does, in the keys of the code that makes it. */
  callEffects(call: CallRef): CallEffects {
    if (call.target === undefined) return call.fallback;
    const effects = this.functionEffects(call.target);
    if (effects === 'pending') return 'pending';
    const summary = effects ? this.source.summaryOf(call.target) : undefined;
    if (!effects || !summary || summary === 'pending') return call.fallback;
    return bindToCall(effects, summary, call);
  }

  private note(names: Iterable<string>): void {
    for (const n of names) {
      this.consulted.add(n);
      for (const c of this.collecting) c.add(n);
    }
  }
}

/** The name settles what the body could not show: a query's unknown calls only read; anything else's may write. */
function settle(acc: EffectSet, summary: FunctionSummary): Effects {
  if (summary.intent === 'query') {
    for (const k of acc.mayWrites) acc.reads.add(k);
    acc.mayWrites.clear();
    if (acc.world === 'unknown') acc.world = 'read';
  } else if (summary.intent === 'mutate') {
    for (const k of acc.mayWrites) acc.writes.add(k);
    acc.mayWrites.clear();
    if (acc.world === 'unknown') acc.world = 'write';
  }
  return acc.freeze();
}

/** Re-expresses a callee's effects in the caller's keys: each parameter becomes what the call passed for it. */
function bindToCall(effects: Effects, summary: FunctionSummary, call: CallRef): Effects {
  const bound = bindParameters(summary.params, call);
  const map = (keys: readonly string[]): string[] => {
    const out: string[] = [];
    for (const key of keys) {
      if (key === '*' || key.startsWith('g:')) {
        out.push(key);
        continue;
      }
      const dot = key.indexOf('.');
      const root = key.slice(2, dot === -1 ? undefined : dot);
      const path = dot === -1 ? [] : key.slice(dot + 1).split('.');
      const passed = bound.get(root);
      if (passed) for (const k of passed) out.push(extendKey(k, path));
      // A parameter left to its default holds a fresh value; any other root is a variable the callee
      // closes over, named as the caller names it.
      else if (!summary.params.some((p) => p.replace(/^\*+/, '') === root)) out.push(key);
    }
    return out;
  };
  const resources = map(effects.resources);
  for (const p of summary.resourceParams) for (const k of bound.get(p) ?? []) resources.push(k);
  return {
    reads: map(effects.reads),
    writes: map(effects.writes),
    mayWrites: map(effects.mayWrites),
    resources,
    world: effects.world,
    // A coroutine that is only created here (passed on, not awaited) runs later, elsewhere.
    suspends: call.awaited && effects.suspends,
  };
}

/** Which keys each parameter receives at a call, by position, by keyword and through `*args`/`**kwargs`. */
function bindParameters(params: readonly string[], call: CallRef): Map<string, readonly string[]> {
  const positional = call.self ? [call.self, ...call.args] : [...call.args];
  const keywords = new Map(call.keywords);
  const bound = new Map<string, readonly string[]>();
  let next = 0;
  for (const p of params) {
    if (p.startsWith('**')) {
      const rest = [...keywords.entries()].filter(([k]) => !params.includes(k)).flatMap(([, v]) => v);
      bound.set(p.slice(2), rest);
    } else if (p.startsWith('*')) {
      bound.set(p.slice(1), positional.slice(next).flat());
      next = positional.length;
    } else if (next < positional.length) {
      bound.set(p, positional[next++]!);
    } else if (keywords.has(p)) {
      bound.set(p, keywords.get(p)!);
    }
  }
  if (call.spread) {
    const everything = [...positional.flat(), ...[...keywords.values()].flat()];
    for (const p of params) if (!bound.has(p.replace(/^\*+/, ''))) bound.set(p.replace(/^\*+/, ''), everything);
  }
  return bound;
}
