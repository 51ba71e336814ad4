/**
 * Slack's Block Kit limits, checked the way Slack checks them: a message that breaks any limit is
 * rejected whole with `invalid_blocks` and a list of problems, each ending in a JSON pointer to the
 * offending value (`… [json-pointer:/blocks/3/text/text]`).
 *
 * The numbers are written out here rather than taken from the renderer's SLACK_LIMITS on purpose:
 * the Slack stand-in uses them to check the renderer, and a check that shares the numbers of what it
 * checks would agree with it even when both are wrong.
 * https://api.slack.com/reference/block-kit/blocks
 * https://api.slack.com/methods/chat.postMessage#truncating
 */

/**
 * Lengths are counted in UTF-16 code units, which is never fewer than Slack's count of
 * characters, so the stand-in is never more lenient than Slack.
 */
export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  headerChars: 150,
  sectionTextChars: 3000,
  sectionFields: 10,
  fieldChars: 2000,
  contextElements: 10,
  /** A text object anywhere else (context elements) holds at most this many characters. */
  textObjectChars: 3000,
  blockIdChars: 255,
  /** chat.postMessage's `text`; Slack answers `msg_too_long` beyond it. */
  messageTextChars: 40_000,
} as const;

/** Every top-level block type Slack accepts in a message; anything else is `invalid_blocks`. */
export const BLOCK_TYPES = [
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
] as const;

const TEXT_TYPES = ['plain_text', 'mrkdwn'] as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const at = (pointer: string, message: string) => `${message} [json-pointer:${pointer}]`;

/**
 * Everything Slack would reject in a message's `blocks`, as Slack words it; empty when the blocks
 * are valid. Takes the parsed wire value, so it reports shape problems too.
 */
export function blockKitProblems(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [at('/blocks', 'must be an array')];
  const problems: string[] = [];
  if (blocks.length > BLOCK_KIT_LIMITS.blocks)
    problems.push(at('/blocks', `no more than ${BLOCK_KIT_LIMITS.blocks} items allowed`));
  for (const [i, block] of blocks.entries()) problems.push(...blockProblems(block, `/blocks/${i}`));
  return problems;
}

function blockProblems(block: unknown, pointer: string): string[] {
  if (!isObject(block)) return [at(pointer, 'must be an object')];
  const { type } = block;
  if (typeof type !== 'string' || !(BLOCK_TYPES as readonly string[]).includes(type))
    return [at(`${pointer}/type`, `unknown block type ${JSON.stringify(type)}`)];
  const problems = blockIdProblems(block.block_id, `${pointer}/block_id`);
  switch (type) {
    case 'header':
      problems.push(
        ...textObjectProblems(block.text, `${pointer}/text`, BLOCK_KIT_LIMITS.headerChars, ['plain_text']),
      );
      break;
    case 'section':
      problems.push(...sectionProblems(block, pointer));
      break;
    case 'context':
      problems.push(...contextProblems(block.elements, `${pointer}/elements`));
      break;
  }
  return problems;
}

function blockIdProblems(blockId: unknown, pointer: string): string[] {
  if (blockId === undefined) return [];
  if (typeof blockId !== 'string') return [at(pointer, 'must be a string')];
  return blockId.length > BLOCK_KIT_LIMITS.blockIdChars
    ? [at(pointer, `must be less than ${BLOCK_KIT_LIMITS.blockIdChars + 1} characters`)]
    : [];
}

function sectionProblems(block: Json, pointer: string): string[] {
  const { text, fields } = block;
  if (text === undefined && fields === undefined) return [at(pointer, 'must provide either text or fields')];
  const problems =
    text === undefined
      ? []
      : textObjectProblems(text, `${pointer}/text`, BLOCK_KIT_LIMITS.sectionTextChars, TEXT_TYPES);
  if (fields === undefined) return problems;
  if (!Array.isArray(fields)) return [...problems, at(`${pointer}/fields`, 'must be an array')];
  if (fields.length > BLOCK_KIT_LIMITS.sectionFields)
    problems.push(at(`${pointer}/fields`, `no more than ${BLOCK_KIT_LIMITS.sectionFields} items allowed`));
  for (const [i, field] of fields.entries())
    problems.push(
      ...textObjectProblems(field, `${pointer}/fields/${i}`, BLOCK_KIT_LIMITS.fieldChars, TEXT_TYPES),
    );
  return problems;
}

function contextProblems(elements: unknown, pointer: string): string[] {
  if (!Array.isArray(elements) || elements.length === 0)
    return [at(pointer, 'must be an array of at least 1 item')];
  const problems: string[] = [];
  if (elements.length > BLOCK_KIT_LIMITS.contextElements)
    problems.push(at(pointer, `no more than ${BLOCK_KIT_LIMITS.contextElements} items allowed`));
  for (const [i, element] of elements.entries()) {
    if (isObject(element) && element.type === 'image') continue;
    problems.push(
      ...textObjectProblems(element, `${pointer}/${i}`, BLOCK_KIT_LIMITS.textObjectChars, TEXT_TYPES),
    );
  }
  return problems;
}

function textObjectProblems(
  value: unknown,
  pointer: string,
  maxChars: number,
  types: readonly string[],
): string[] {
  if (!isObject(value)) return [at(pointer, 'must be a text object')];
  if (typeof value.type !== 'string' || !types.includes(value.type))
    return [at(`${pointer}/type`, `must be one of ${types.join(', ')}`)];
  const { text } = value;
  if (typeof text !== 'string') return [at(`${pointer}/text`, 'must be a string')];
  if (text.length === 0) return [at(`${pointer}/text`, 'must be more than 0 characters')];
  return text.length > maxChars
    ? [at(`${pointer}/text`, `must be less than ${maxChars + 1} characters`)]
    : [];
}
