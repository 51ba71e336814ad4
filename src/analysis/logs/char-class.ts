/**
 * Character classes for the message scanner as bit flags in one table: one load and one mask per
 * character instead of a regular expression per token. The scanner reads codes below 256; every
 * character past ASCII reads as 0x80 and counts as a letter, since such characters only occur in words.
 */

/** Whitespace: separates words. */
export const SPACE = 1;
/**
 * Punctuation that splits a word into pieces and stays in the template as written: `=` `:` `,` `;`
 * `(` `)` `[` `]` `{` `}` `"` `'` `<` `>` `|` `#` `@` `!` `?`. These glue keys, brackets and quotes to
 * values (`uid=0`, `(10.0.0.1)`, `[preauth]`), so splitting on them lets a value be a parameter while
 * its key stays constant.
 */
export const DELIMITER = 2;
/** 0-9. */
export const DIGIT = 4;
/** Letters, including every character past ASCII. */
export const LETTER = 8;
/** 0-9, a-f and A-F: the characters of a hex string. */
export const HEX = 16;
/** `.` and `-`: separate the parts of a dotted or dashed name (`core.2275`, `node-246`). */
export const PART_SEPARATOR = 32;
/** `_` and `/`: join the parts of one identifier (`blk_-1608`, `HTTP/1.1`). */
export const JOINER = 64;
/** Either ends an atom. */
export const ATOM_END = SPACE | DELIMITER;

/** Flags of each code; any other printable character (`*`, `$`, `+`, `%`, …) has none. */
export const CHAR_FLAGS: Uint8Array = buildTable();

function buildTable(): Uint8Array {
  const table = new Uint8Array(256).fill(LETTER);
  table.fill(0, 0, 128);
  for (const c of [9, 10, 11, 12, 13, 32]) table[c] = SPACE;
  for (let c = 48; c <= 57; c++) table[c] = DIGIT | HEX;
  for (let c = 65; c <= 90; c++) table[c] = c <= 70 ? LETTER | HEX : LETTER;
  for (let c = 97; c <= 122; c++) table[c] = c <= 102 ? LETTER | HEX : LETTER;
  for (const ch of '=:,;()[]{}"\'<>|#@!?') table[ch.charCodeAt(0)] = DELIMITER;
  for (const ch of '.-') table[ch.charCodeAt(0)] = PART_SEPARATOR;
  for (const ch of '_/') table[ch.charCodeAt(0)] = JOINER;
  return table;
}
