// A parser for VS Code's snippet syntax (the TextMate-derived grammar documented at
// https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar), written to give the same
// tree VS Code's editor builds, including how it recovers: anything that does not parse as a
// construct is kept as literal text, exactly as the editor would insert it.

export interface TextNode {
  kind: 'text';
  /** The text with its escapes already removed. */
  value: string;
}

/** `$1`, `${1}`, `${1:default}`, `${1|a,b|}` (a choice is a tabstop whose only child is a ChoiceNode). */
export interface TabstopNode {
  kind: 'tabstop';
  index: number;
  children: SnippetNode[];
  /** `${1/regex/format/flags}`: the editor applies it when the user tabs away, never at insertion. */
  transform?: Transform;
}

export interface ChoiceNode {
  kind: 'choice';
  options: string[];
}

/** `$NAME`, `${NAME}`, `${NAME:default}`, `${NAME/regex/format/flags}`. */
export interface VariableNode {
  kind: 'variable';
  name: string;
  children: SnippetNode[];
  transform?: Transform;
}

export type SnippetNode = TextNode | TabstopNode | ChoiceNode | VariableNode;

export interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

/** One piece of a transform's format string: literal text or a reference to a capture group. */
export type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; index: number; shorthand?: string; ifValue?: string; elseValue?: string };

/** Parses a snippet body. Never throws: malformed constructs become text, as in the editor. */
export function parseSnippet(source: string): SnippetNode[] {
  return new SnippetParser(source).parseAll();
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isNameStart = (ch: string | undefined): boolean => ch !== undefined && /[_a-zA-Z]/.test(ch);
const isNameChar = (ch: string | undefined): boolean => isNameStart(ch) || isDigit(ch);

class SnippetParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parseAll(): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    while (this.pos < this.src.length) this.parseElement(nodes);
    return nodes;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  /** Reads one element into `into`. Inside a default the caller checks for the closing `}` first. */
  private parseElement(into: SnippetNode[]): void {
    const ch = this.peek();
    if (ch === '\\') {
      // Only \$, \} and \\ are escapes; any other backslash is a literal backslash.
      const next = this.peek(1);
      const escaped = next === '$' || next === '}' || next === '\\';
      appendText(into, escaped ? next : '\\');
      this.pos += escaped ? 2 : 1;
      return;
    }
    if (ch === '$') {
      const node = this.parseDollar(into);
      if (node) into.push(node);
      return;
    }
    // A run of plain text; a lone `}` outside any default is plain text too.
    let end = this.pos + 1;
    while (end < this.src.length && !'$\\}'.includes(this.src[end]!)) end++;
    appendText(into, this.src.slice(this.pos, end));
    this.pos = end;
  }

  /**
   * At a `$`: a tabstop, placeholder, choice or variable. Returns undefined when the construct
   * already appended itself (the unterminated-default fallback) or when the `$` is plain text.
   */
  private parseDollar(into: SnippetNode[]): SnippetNode | undefined {
    const start = this.pos;
    this.pos++;
    const digits = this.readWhile(isDigit);
    if (digits) return { kind: 'tabstop', index: Number(digits), children: [] };
    if (isNameStart(this.peek())) return { kind: 'variable', name: this.readWhile(isNameChar), children: [] };
    if (this.peek() === '{') {
      this.pos++;
      const index = this.readWhile(isDigit);
      const result = index ? this.parseComplexTabstop(Number(index), into) : this.parseComplexVariable(into);
      if (result !== false) return result;
    }
    this.pos = start + 1;
    appendText(into, '$');
    return undefined;
  }

  /** After `${N`. Returns false (and the caller backtracks) when this is not a valid tabstop. */
  private parseComplexTabstop(index: number, into: SnippetNode[]): TabstopNode | undefined | false {
    const node: TabstopNode = { kind: 'tabstop', index, children: [] };
    const ch = this.peek();
    if (ch === '}') {
      this.pos++;
      return node;
    }
    if (ch === ':') {
      this.pos++;
      return this.parseDefault(node, `\${${index}:`, into);
    }
    if (ch === '|' && index > 0) {
      this.pos++;
      const options = this.parseChoiceOptions();
      if (!options) return false;
      node.children.push({ kind: 'choice', options });
      return node;
    }
    if (ch === '/') {
      this.pos++;
      const transform = this.parseTransform();
      if (!transform) return false;
      node.transform = transform;
      return node;
    }
    return false;
  }

  /** After `${`. Returns false when no variable name follows or the construct is malformed. */
  private parseComplexVariable(into: SnippetNode[]): VariableNode | undefined | false {
    if (!isNameStart(this.peek())) return false;
    const node: VariableNode = { kind: 'variable', name: this.readWhile(isNameChar), children: [] };
    const ch = this.peek();
    if (ch === '}') {
      this.pos++;
      return node;
    }
    if (ch === ':') {
      this.pos++;
      return this.parseDefault(node, `\${${node.name}:`, into);
    }
    if (ch === '/') {
      this.pos++;
      const transform = this.parseTransform();
      if (!transform) return false;
      node.transform = transform;
      return node;
    }
    return false;
  }

  /**
   * Reads a default up to its closing `}`. When the input ends first, the editor keeps what it read:
   * the opening `${N:` as text followed by the parsed children, spliced into the parent.
   */
  private parseDefault<T extends TabstopNode | VariableNode>(node: T, opening: string, into: SnippetNode[]): T | undefined {
    for (;;) {
      if (this.peek() === '}') {
        this.pos++;
        return node;
      }
      if (this.pos >= this.src.length) {
        appendText(into, opening);
        for (const child of node.children) {
          if (child.kind === 'text') appendText(into, child.value);
          else into.push(child);
        }
        return undefined;
      }
      this.parseElement(node.children);
    }
  }

  /** After `${N|`: options separated by `,` and closed by `|}`; \, \| and \\ are escapes here. */
  private parseChoiceOptions(): string[] | undefined {
    const options: string[] = [];
    for (;;) {
      let option = '';
      while (this.peek() !== ',' && this.peek() !== '|') {
        const ch = this.peek();
        if (ch === undefined) return undefined;
        const next = this.peek(1);
        if (ch === '\\' && (next === ',' || next === '|' || next === '\\')) {
          option += next;
          this.pos += 2;
        } else {
          option += ch;
          this.pos++;
        }
      }
      if (option === '') return undefined;
      options.push(option);
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      this.pos++; // the closing |
      if (this.peek() !== '}') return undefined;
      this.pos++;
      return options;
    }
  }

  /** After the first `/` of `/regex/format/flags}`. */
  private parseTransform(): Transform | undefined {
    let source = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return undefined;
      this.pos++;
      if (ch === '/') break;
      if (ch === '\\' && this.peek() === '/') {
        source += '/';
        this.pos++;
      } else {
        source += ch;
      }
    }
    const format: FormatPart[] = [];
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return undefined;
      if (ch === '/') {
        this.pos++;
        break;
      }
      if (ch === '\\') {
        const next = this.peek(1);
        const escaped = next === '\\' || next === '/';
        appendFormatText(format, escaped ? next : '\\');
        this.pos += escaped ? 2 : 1;
        continue;
      }
      if (ch === '$') {
        const group = this.parseFormatGroup();
        if (group) {
          format.push(group);
          continue;
        }
      }
      appendFormatText(format, ch);
      this.pos++;
    }
    let flags = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return undefined;
      this.pos++;
      if (ch === '}') break;
      flags += ch;
    }
    try {
      return { regex: new RegExp(source, flags), format };
    } catch {
      return undefined; // an invalid regular expression: the whole construct is text
    }
  }

  /** `$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:-else}`, `${1:?if:else}`, `${1:else}`. */
  private parseFormatGroup(): FormatPart | undefined {
    const start = this.pos;
    this.pos++;
    const braced = this.peek() === '{';
    if (braced) this.pos++;
    const digits = this.readWhile(isDigit);
    const fail = (): undefined => {
      this.pos = start;
      return undefined;
    };
    if (!digits) return fail();
    const index = Number(digits);
    if (!braced) return { kind: 'group', index };
    if (this.peek() === '}') {
      this.pos++;
      return { kind: 'group', index };
    }
    if (this.peek() !== ':') return fail();
    this.pos++;
    const mode = this.peek();
    if (mode === '/') {
      this.pos++;
      const shorthand = this.readWhile(isNameChar);
      if (!isNameStart(shorthand[0]) || this.peek() !== '}') return fail();
      this.pos++;
      return { kind: 'group', index, shorthand };
    }
    if (mode === '+' || mode === '-' || mode === '?') this.pos++;
    if (mode === '?') {
      const ifValue = this.readUntil(':');
      const elseValue = ifValue ? this.readUntil('}') : undefined;
      return ifValue && elseValue ? { kind: 'group', index, ifValue, elseValue } : fail();
    }
    const value = this.readUntil('}');
    if (!value) return fail();
    return mode === '+' ? { kind: 'group', index, ifValue: value } : { kind: 'group', index, elseValue: value };
  }

  /** Raw text up to `stop` (consumed), unescaping \$, \} and \\; undefined at end of input or on another escape. */
  private readUntil(stop: string): string | undefined {
    let value = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return undefined;
      this.pos++;
      if (ch === stop) return value;
      if (ch === '\\') {
        const next = this.peek();
        if (next !== '$' && next !== '}' && next !== '\\') return undefined;
        value += next;
        this.pos++;
      } else {
        value += ch;
      }
    }
  }

  private readWhile(test: (ch: string | undefined) => boolean): string {
    const start = this.pos;
    while (this.pos < this.src.length && test(this.peek())) this.pos++;
    return this.src.slice(start, this.pos);
  }
}

/** Appends text, merging with a preceding text node so the tree stays canonical. */
function appendText(into: SnippetNode[], value: string): void {
  const last = into[into.length - 1];
  if (last?.kind === 'text') last.value += value;
  else into.push({ kind: 'text', value });
}

function appendFormatText(into: FormatPart[], value: string): void {
  const last = into[into.length - 1];
  if (last?.kind === 'text') last.value += value;
  else into.push({ kind: 'text', value });
}
