import { describe, expect, test } from 'vitest';
import { DEFAULT_MINER_CONFIG, mineTemplates, TemplateMiner } from './template-miner.js';

/** Each message's final template text. */
function templatesOf(messages: string[]): string[] {
  const { assignments, templates } = mineTemplates(messages);
  const text = new Map(templates.map((t) => [t.id, t.template]));
  return Array.from(assignments, (id) => text.get(id) ?? '?');
}

describe('mineTemplates', () => {
  test.each([
    {
      name: 'same event, different values: one template',
      messages: [
        'Received block blk_-1608 of size 67108864 from /10.250.19.102',
        'Received block blk_5923 of size 3542 from /10.251.39.179',
        'Received block blk_-42 of size 91 from /10.251.11.1',
      ],
      expected: Array(3).fill('Received block <*> of size <*> from <*>'),
    },
    {
      name: 'different events: different templates',
      messages: [
        'Deleting block blk_1 file /data/1',
        'Verification succeeded for blk_1',
        'Deleting block blk_2 file /data/2',
      ],
      expected: [
        'Deleting block <*> file <*>',
        'Verification succeeded for <*>',
        'Deleting block <*> file <*>',
      ],
    },
    {
      name: 'an unmasked parameter generalises when it varies',
      messages: [
        'session opened for user root by (uid=0)',
        'session opened for user alice by (uid=500)',
        'session opened for user bob by (uid=501)',
        'session opened for user carol by (uid=502)',
      ],
      expected: Array(4).fill('session opened for user <*> by (uid=<*>)'),
    },
    {
      name: 'a parameter of varying length: one template',
      messages: [
        'proxy.example.com:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:01',
        'proxy.example.com:5070 close, 403 bytes sent, 426 bytes received, lifetime <1 sec',
        'proxy.example.com:5070 close, 451 bytes sent, 18846 bytes (18.4 KB) received, lifetime <1 sec',
        'proxy.example.com:5070 close, 1190 bytes (1.16 KB) sent, 1671 bytes received, lifetime 00:02',
        'proxy.example.com:5070 close, 7 bytes sent, 8 bytes received, lifetime 00:03',
      ],
      expected: Array(5).fill('<*> close, <*> bytes <*> sent, <*> bytes <*> received, lifetime <*>'),
    },
    {
      name: 'states from a closed set stay apart',
      messages: [
        ...Array(5).fill('VM Started (Lifecycle Event)'),
        ...Array(5).fill('VM Paused (Lifecycle Event)'),
        ...Array(5).fill('VM Started (Lifecycle Event)'),
      ],
      expected: [
        ...Array(5).fill('VM Started (Lifecycle Event)'),
        ...Array(5).fill('VM Paused (Lifecycle Event)'),
        ...Array(5).fill('VM Started (Lifecycle Event)'),
      ],
    },
    {
      name: 'a leading masked value routes as a parameter',
      messages: [
        '10.0.0.1:80 open through proxy p.example.org:5070 HTTPS',
        '192.168.1.9:443 open through proxy p.example.org:5070 HTTPS',
      ],
      expected: Array(2).fill('<*> open through proxy <*> HTTPS'),
    },
    {
      name: 'a shared prefix does not make two events one',
      messages: [
        '[instance: 7f3e0c1a-aaaa-4bbb-8ccc-0123456789ab] Claim successful',
        '[instance: 9d8c7b6a-aaaa-4bbb-8ccc-0123456789ab] Creating image',
      ],
      expected: ['[instance: <*>] Claim successful', '[instance: <*>] Creating image'],
    },
    {
      name: 'a single variable word among the routed words (issue 14)',
      messages: [
        'user alice logged in from 10.0.4.17',
        'user bob logged in from 10.0.9.2',
        'user carol logged in from 10.2.0.8',
      ],
      expected: Array(3).fill('user <*> logged in from <*>'),
    },
    {
      name: 'a list of varying length (issue 14)',
      messages: [
        'Evicting keys: session:81 session:92',
        'Evicting keys: session:4',
        'Evicting keys: session:1 session:2 session:3',
      ],
      expected: Array(3).fill('Evicting keys: session:<*>'),
    },
    {
      name: 'a bracketed id without a digit-first part (issue 14)',
      messages: ['[Kx-bc:q7] payment ok', '[Lm-zz:p9] payment ok'],
      expected: Array(2).fill('[<*>] payment ok'),
    },
    { name: 'empty messages', messages: ['', '  '], expected: ['', ''] },
  ])('$name', ({ messages, expected }) => {
    expect(templatesOf(messages)).toEqual(expected);
  });

  test('ids count from 1 in order of first appearance, with line counts', () => {
    const { assignments, templates } = mineTemplates(['b 1', 'a x y', 'b 2', 'a x y']);
    expect([...assignments]).toEqual([1, 2, 1, 2]);
    expect(templates).toEqual([
      { id: 1, template: 'b <*>', count: 2 },
      { id: 2, template: 'a x y', count: 2 },
    ]);
  });

  test('is deterministic', () => {
    const messages = Array.from({ length: 500 }, (_, i) =>
      i % 3 === 0
        ? `user u${i % 7} logged in from 10.0.${i % 5}.${i}`
        : `cache ${i % 2 ? 'hit' : 'miss'} for key k${i}`,
    );
    const first = mineTemplates(messages);
    const second = mineTemplates(messages);
    expect(second.templates).toEqual(first.templates);
    expect([...second.assignments]).toEqual([...first.assignments]);
  });

  test('a form cache cleared every two forms gives the same result on a small set', () => {
    const messages = Array.from(
      { length: 300 },
      (_, i) => `job ${i % 4 ? 'done' : 'failed'} in ${i}ms on host h-${i % 9}`,
    );
    const small = mineTemplates(messages, { maxCachedForms: 2 });
    const large = mineTemplates(messages);
    expect(small.templates).toEqual(large.templates);
    expect([...small.assignments]).toEqual([...large.assignments]);
  });
});

describe('TemplateMiner', () => {
  test('add reports the online cluster and its template as it generalises', () => {
    const miner = new TemplateMiner();
    expect(miner.add('Accepted password for root from 1.2.3.4')).toEqual({
      templateId: 1,
      template: 'Accepted password for root from <*>',
    });
    expect(miner.add('Accepted password for alice from 1.2.3.5')).toEqual({
      templateId: 1,
      template: 'Accepted password for <*> from <*>',
    });
    expect(miner.add('Connection closed by 1.2.3.4')).toEqual({
      templateId: 2,
      template: 'Connection closed by <*>',
    });
    expect(miner.templates().map((t) => t.template)).toEqual([
      'Accepted password for <*> from <*>',
      'Connection closed by <*>',
    ]);
  });

  test('defaults are the documented ones', () => {
    expect(DEFAULT_MINER_CONFIG).toEqual({
      similarityThreshold: 0.5,
      prefixWords: 2,
      maxChildren: 100,
      maxCachedForms: 1 << 18,
      minAnchors: 2,
      minWordValues: 3,
      maxUnseenValueShare: 0.05,
      minSharedValues: 2,
    });
  });
});
