import type { Node } from 'web-tree-sitter';
import type { Range } from './types';

/** The range of a syntax node. tree-sitter columns are UTF-16 units for JS strings, as VS Code's are. */
export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}
