/**
 * The class an annotation declares, as a dotted name written in the file: `Client` for
 * `Optional[Client]`, `Client | None`, `"Client"`, `Union[None, "api.Client"]`, `Final[Client]`,
 * `Client[int]`. Undefined when it declares no single class (`int | str`, `Callable[...]` is
 * returned as `Callable`, which simply resolves to nothing the analysis knows).
 * Works on the text, so string annotations (forward references) read the same as plain ones.
 */
export function declaredName(annotation: string): string | undefined {
  let t = annotation.replace(/\s+/g, '');
  for (let step = 0; step < 6; step++) {
    const quoted = /^[rRuU]?(['"])(.*)\1$/.exec(t);
    if (quoted) {
      t = quoted[2]!;
      continue;
    }
    const alternatives = splitTopLevel(t, '|').filter((a) => a !== 'None');
    if (alternatives.length !== 1) return undefined;
    if (alternatives[0] !== t) {
      t = alternatives[0]!;
      continue;
    }
    const wrapper = /^(?:[\w.]*\.)?(Optional|Final|ClassVar|Annotated|Union|Required|NotRequired|ReadOnly)\[(.*)\]$/.exec(t);
    if (wrapper) {
      const args = splitTopLevel(wrapper[2]!, ',');
      const kept = wrapper[1] === 'Union' ? args.filter((a) => a !== 'None') : args.slice(0, 1);
      if (kept.length !== 1) return undefined;
      t = kept[0]!;
      continue;
    }
    const generic = /^([\w.]+)\[.*\]$/.exec(t);
    if (generic) t = generic[1]!;
    break;
  }
  return /^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(t) ? t : undefined;
}

/** Splits at `separator` outside brackets and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === separator && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
