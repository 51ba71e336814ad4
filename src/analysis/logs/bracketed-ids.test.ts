import { expect, test } from 'vitest';
import { maskMessage } from './masked-words.js';
import { mineTemplates } from './template-miner.js';

/** Issue 14, over-split mode 1: identifiers in brackets that mix letters, digits and punctuation. */
test.each([
  { name: 'a dashed and coloned id', message: '[Kx-bc:q7] payment ok', masked: '[<*>] payment ok' },
  { name: 'an id after a key', message: '[req=Kx-bc:q7] payment ok', masked: '[req=<*>] payment ok' },
  { name: 'an id inside a word', message: 'worker[pid=a1b:c] exited', masked: 'worker[pid=<*>] exited' },
  { name: 'a class and instance tag', message: '[c.e.Svc#x7] started', masked: '[<*>] started' },
  { name: 'a short thread tag', message: '[T-a1] start worker', masked: '[<*>] start worker' },
  // Not identifiers: one kind of character, no punctuation, or a list or call.
  { name: 'a word', message: '[preauth] closed', masked: '[preauth] closed' },
  { name: 'letters and punctuation only', message: '[trace:AbC_dEf] done', masked: '[trace:AbC_dEf] done' },
  { name: 'letters and a digit, no punctuation', message: '[ssh2] ok', masked: '[ssh2] ok' },
  { name: 'a key and a number', message: '[myid=1] up', masked: '[myid=<*>] up' },
  { name: 'a list', message: '[eventThread,a5,main] up', masked: '[eventThread,a5,main] up' },
  { name: 'a call', message: '[mice.c(a17)] up', masked: '[mice.c(a17)] up' },
  { name: 'an unclosed bracket', message: '[x-a1:b up', masked: '[x-a1:b up' },
  { name: 'an equals sign outside brackets', message: 'id=x-a1:b up', masked: 'id=x-a1:b up' },
])('maskMessage: $name', ({ message, masked }) => {
  expect(maskMessage(message)).toBe(masked);
});

test('messages that differ only in a bracketed id are one template', () => {
  const lines = [
    '[Kx-bc:q7] [user-x] login ok',
    '[Zq-m1:p9] [user-y] login ok',
    '[Pp-n7:aa] [user-z] login ok',
    '[Rr-o2:e5] [user-w] login ok',
  ];
  expect(mineTemplates(lines).templates.map((t) => t.template)).toEqual(['[<*>] [<*>] login ok']);
});
