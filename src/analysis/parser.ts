import { Language, Parser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';

/** Where the two wasm files live: next to the bundle in `dist/`, or in `node_modules` for tests. */
export interface WasmPaths {
  /** web-tree-sitter's own runtime, `web-tree-sitter.wasm`. */
  runtime: string;
  /** The Python grammar from the `tree-sitter-python` package, `tree-sitter-python.wasm`. */
  python: string;
}

/** A loaded Python grammar. Create one per process with {@link loadPythonParser} and share it. */
export class PythonParser {
  private readonly parser: Parser;

  constructor(readonly language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
  }

  /**
   * Parses `text`; pass the previous tree (already `edit`ed) to re-parse incrementally.
   * tree-sitter never rejects input: syntax errors become ERROR/MISSING nodes in the tree.
   */
  parse(text: string, oldTree?: Tree | null): Tree {
    const tree = this.parser.parse(text, oldTree ?? null);
    if (!tree) {
      throw new Error('tree-sitter returned no tree (parse cancelled or no language set)');
    }
    return tree;
  }
}

/**
 * Loads the tree-sitter runtime and the Python grammar. The runtime is an Emscripten module that
 * can be initialised once per process, so callers load one parser at start-up and pass it down.
 */
export async function loadPythonParser(paths: WasmPaths): Promise<PythonParser> {
  await Parser.init({ locateFile: () => paths.runtime });
  const language = await Language.load(paths.python);
  return new PythonParser(language);
}
