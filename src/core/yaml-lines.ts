/** Lines of YAML nodes, so a problem in a config or bundle file can name where it is. */
import { type Document, isMap, isNode, isScalar, isSeq, type LineCounter } from 'yaml';

/**
 * The line of the node at `path`: the line of its key in a map, of the item in a list. When the
 * path leaves the document (a missing field), the line of the deepest node that exists.
 */
export function lineOf(
  doc: Document,
  path: readonly PropertyKey[],
  lineCounter: LineCounter,
): number | undefined {
  let node: unknown = doc.contents;
  let line = startLine(node, lineCounter);
  for (const key of path) {
    let next: unknown;
    let at: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key),
      );
      next = pair?.value;
      at = pair?.key;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
      at = next;
    }
    if (at === undefined) return line;
    line = startLine(at, lineCounter) ?? line;
    node = next;
  }
  return line;
}

function startLine(node: unknown, lineCounter: LineCounter): number | undefined {
  if (!isNode(node) || !node.range) return undefined;
  return lineCounter.linePos(node.range[0]).line;
}
