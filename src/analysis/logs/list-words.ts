/**
 * Variable-length lists as one word. A message that lists keys, hosts or ids (`Evicting keys:
 * session:81 session:92`, `nodes=[n1, n2, n3]`) has as many words as items, and the tree keys on the
 * word count first, so each list length would be its own template. Two shapes of list are read as one
 * parameter of varying length:
 *
 * - a run of equal masked words that hold a parameter beside a constant (`session:<*> session:<*>`):
 *   one copy stays, so one item and five give the same words;
 * - a comma-separated run of items of one shape that hold a digit or a parameter (`[n1, n2, n3]`,
 *   `10.0.0.1, 10.0.0.2`; not fields with different keys): one `<*>` between the first item's opening and the last item's closing
 *   punctuation (`nodes=[<*>]`), which also covers a one-item list (`nodes=[n1]`) in the merge.
 *
 * Lists of plain words (`alice, bob`) are left alone: a comma between two words is as often a clause
 * (`refused, retrying`), and reading it as a list would merge distinct events.
 */
import { WILDCARD } from './atom-rules.js';
import { CHAR_FLAGS, DELIMITER, DIGIT, LETTER } from './char-class.js';
import type { MaskedWord } from './masked-words.js';

/** Stands for `<*>` in an item's shape, apart from any character a log line holds. */
const PARAMETER_MARK = '\u0000';

/** The words with each list made one word; the input itself when there is no list. */
export function collapseLists(words: MaskedWord[]): MaskedWord[] {
  let out: MaskedWord[] | undefined;
  let i = 0;
  while (i < words.length) {
    const word = words[i] as MaskedWord;
    const repeatEnd = repeatedRunEnd(words, i);
    const listEnd = repeatEnd > i + 1 ? i + 1 : commaListEnd(words, i);
    const end = Math.max(repeatEnd, listEnd);
    if (end > i + 1) {
      out ??= words.slice(0, i);
      out.push(repeatEnd >= listEnd ? word : listWord(word, words[end - 1] as MaskedWord));
      i = end;
      continue;
    }
    out?.push(word);
    i++;
  }
  return out ?? words;
}

/**
 * The end of the run of words equal to words[from], when they hold a parameter and a constant name
 * (`session:<*>`). A run of bare parameters (`<*> <*>`) is not collapsed: it is as often a fixed
 * group of values (a date, `14 0 4`), and the merge already joins bare parameters of varying length.
 */
function repeatedRunEnd(words: readonly MaskedWord[], from: number): number {
  const word = words[from] as MaskedWord;
  const text = word.text;
  if (!text.includes(WILDCARD) || word.pieces.every((p, k) => p === WILDCARD || word.punctuation[k]))
    return from + 1;
  let end = from + 1;
  while (words[end]?.text === text) end++;
  return end;
}

/** The end of a comma-separated list starting at words[from]: items of one shape with a digit or `<*>`. */
function commaListEnd(words: readonly MaskedWord[], from: number): number {
  const first = words[from] as MaskedWord;
  if (!first.text.endsWith(',')) return from + 1;
  const shape = shapeOf(itemOf(first.text));
  if (!shape.includes('9') && !shape.includes(PARAMETER_MARK)) return from + 1;
  let end = from + 1;
  while (end < words.length) {
    const text = (words[end] as MaskedWord).text;
    const continues = text.endsWith(',');
    if (shapeOf(itemOf(continues ? text : text.replace(/[\])}].*$/, ''))) !== shape) break;
    end++;
    if (!continues) break;
  }
  return end;
}

/** An item of a list word: without its comma and anything up to an opening bracket. */
function itemOf(text: string): string {
  const item = text.endsWith(',') ? text.slice(0, -1) : text;
  const open = Math.max(item.lastIndexOf('['), item.lastIndexOf('('), item.lastIndexOf('{'));
  return item.slice(open + 1);
}

/**
 * What items of one list share: a masked item as written (`session:<*>`, so `maxRetries=<*>,
 * sleepTime=<*>` are two fields, not a list); a constant one as runs of letters and digits (`n12` →
 * `a9`), punctuation as written.
 */
function shapeOf(item: string): string {
  if (item.includes(WILDCARD)) return item.replaceAll(WILDCARD, PARAMETER_MARK);
  let shape = '';
  for (let i = 0; i < item.length; i++) {
    const flags = CHAR_FLAGS[Math.min(item.charCodeAt(i), 0x80)] as number;
    const mark = flags & DIGIT ? '9' : flags & LETTER ? 'a' : item[i];
    if (!shape.endsWith(mark as string) || (mark !== '9' && mark !== 'a')) shape += mark;
  }
  return shape;
}

/** One word for a list: the first item's opening, `<*>`, and what follows the last item. */
function listWord(first: MaskedWord, last: MaskedWord): MaskedWord {
  const head = first.text.slice(0, first.text.length - 1 - itemOf(first.text).length);
  const closing = last.text.search(/[\])}]/);
  const tail = closing < 0 ? '' : last.text.slice(closing);
  return wordOf(`${head}${WILDCARD}${tail}`);
}

/** A masked word from its text: delimiter runs are punctuation pieces, `<*>` a piece of its own. */
function wordOf(text: string): MaskedWord {
  const pieces: string[] = [];
  const punctuation: boolean[] = [];
  let i = 0;
  while (i < text.length) {
    let end = i;
    let isPunctuation = false;
    if (text.startsWith(WILDCARD, i)) end = i + WILDCARD.length;
    else {
      isPunctuation = isDelimiter(text, i);
      while (end < text.length && !text.startsWith(WILDCARD, end) && isDelimiter(text, end) === isPunctuation)
        end++;
    }
    pieces.push(text.slice(i, end));
    punctuation.push(isPunctuation);
    i = end;
  }
  return { text, pieces, punctuation };
}

function isDelimiter(text: string, i: number): boolean {
  return ((CHAR_FLAGS[Math.min(text.charCodeAt(i), 0x80)] as number) & DELIMITER) !== 0;
}
