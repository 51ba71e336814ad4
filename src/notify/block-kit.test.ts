import { expect, test } from 'vitest';
import { blockKitProblems } from './block-kit.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const plain = (text: string) => ({ type: 'plain_text', text });

test.each([
  {
    name: 'the brief shapes',
    blocks: [
      { type: 'header', text: plain('h') },
      section('s'),
      { type: 'divider' },
      {
        type: 'context',
        elements: [plain('c'), { type: 'image', image_url: 'https://x/i.png', alt_text: 'i' }],
      },
    ],
    expected: [],
  },
  { name: '50 blocks', blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })), expected: [] },
  {
    name: '51 blocks',
    blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })),
    expected: ['no more than 50 items allowed [json-pointer:/blocks]'],
  },
  {
    name: 'not an array',
    blocks: { type: 'divider' },
    expected: ['must be an array [json-pointer:/blocks]'],
  },
  {
    name: 'a block that is not an object',
    blocks: ['divider'],
    expected: ['must be an object [json-pointer:/blocks/0]'],
  },
  {
    name: 'unknown type',
    blocks: [{ type: 'banner' }],
    expected: ['unknown block type "banner" [json-pointer:/blocks/0/type]'],
  },
  {
    name: 'missing type',
    blocks: [{}],
    expected: ['unknown block type undefined [json-pointer:/blocks/0/type]'],
  },
  { name: 'header of 150', blocks: [{ type: 'header', text: plain('h'.repeat(150)) }], expected: [] },
  {
    name: 'header of 151',
    blocks: [{ type: 'header', text: plain('h'.repeat(151)) }],
    expected: ['must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
  },
  {
    name: 'mrkdwn header',
    blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }],
    expected: ['must be one of plain_text [json-pointer:/blocks/0/text/type]'],
  },
  { name: 'section text of 3000', blocks: [section('s'.repeat(3000))], expected: [] },
  {
    name: 'section text of 3001',
    blocks: [section('s'.repeat(3001))],
    expected: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
  },
  {
    name: 'empty section text',
    blocks: [section('')],
    expected: ['must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
  },
  {
    name: 'section without text or fields',
    blocks: [{ type: 'section' }],
    expected: ['must provide either text or fields [json-pointer:/blocks/0]'],
  },
  {
    name: '10 fields of 2000',
    blocks: [{ type: 'section', fields: Array.from({ length: 10 }, () => plain('f'.repeat(2000))) }],
    expected: [],
  },
  {
    name: '11 fields',
    blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) }],
    expected: ['no more than 10 items allowed [json-pointer:/blocks/0/fields]'],
  },
  {
    name: 'a field of 2001',
    blocks: [{ type: 'section', fields: [plain('f'), plain('f'.repeat(2001))] }],
    expected: ['must be less than 2001 characters [json-pointer:/blocks/0/fields/1/text]'],
  },
  {
    name: '10 context elements',
    blocks: [{ type: 'context', elements: Array.from({ length: 10 }, () => plain('c')) }],
    expected: [],
  },
  {
    name: '11 context elements',
    blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => plain('c')) }],
    expected: ['no more than 10 items allowed [json-pointer:/blocks/0/elements]'],
  },
  {
    name: 'empty context',
    blocks: [{ type: 'context', elements: [] }],
    expected: ['must be an array of at least 1 item [json-pointer:/blocks/0/elements]'],
  },
  { name: 'block_id of 255', blocks: [{ type: 'divider', block_id: 'b'.repeat(255) }], expected: [] },
  {
    name: 'block_id of 256',
    blocks: [{ type: 'divider', block_id: 'b'.repeat(256) }],
    expected: ['must be less than 256 characters [json-pointer:/blocks/0/block_id]'],
  },
  {
    name: 'every problem, each with its pointer',
    blocks: [section('s'.repeat(3001)), { type: 'nope' }, { type: 'header', text: plain('h'.repeat(200)) }],
    expected: [
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      'unknown block type "nope" [json-pointer:/blocks/1/type]',
      'must be less than 151 characters [json-pointer:/blocks/2/text/text]',
    ],
  },
])('blockKitProblems: $name', ({ blocks, expected }) => {
  expect(blockKitProblems(blocks)).toEqual(expected);
});
