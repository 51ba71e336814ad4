/** A case as text: written as a list item at the list's column, or read back as a mapping alone. */
import { Document } from 'yaml';
import type { CaseBlock } from './case-blocks.js';

/**
 * `value` as one `- ` item of a block list whose dash sits at `column`, ending with a newline.
 * The yaml library writes it (2-space indent, block scalars for multi-line strings); lines are
 * then shifted right by `column`, empty lines left empty so block scalars keep their content.
 */
export function caseItemText(value: unknown, column: number): string {
  const item = new Document([value]).toString({ lineWidth: 0 });
  const pad = ' '.repeat(column);
  return item
    .split('\n')
    .map((line) => (line === '' ? line : `${pad}${line}`))
    .join('\n');
}

/**
 * The case's own source text as a standalone mapping: from its first field to its last line, each
 * line shifted left by the case's column. What `eval get` prints, and what `eval replace --from`
 * takes back unchanged.
 */
export function caseSourceText(text: string, block: CaseBlock): string {
  const lines = text.slice(block.contentStart, block.itemEnd).split('\n');
  return lines
    .map((line, i) => {
      if (i === 0) return line;
      const indent = line.length - line.trimStart().length;
      return line.slice(Math.min(indent, block.contentColumn));
    })
    .join('\n');
}
