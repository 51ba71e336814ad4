import { describe, expect, test } from 'vitest';
import { maskMessage, tokenize } from './masked-words.js';

describe('maskMessage', () => {
  test.each([
    { name: 'integer', message: 'retry 3 of 5', masked: 'retry <*> of <*>' },
    {
      name: 'negative and decimal',
      message: 'delta -12 ratio 0.75 tiny .5',
      masked: 'delta <*> ratio <*> tiny <*>',
    },
    { name: 'IPv4', message: 'from 10.0.0.1 ok', masked: 'from <*> ok' },
    { name: 'IPv4 with port', message: 'to 10.251.73.220:50010 done', masked: 'to <*> done' },
    { name: 'host with port', message: 'proxy.example.com:5070 open', masked: '<*> open' },
    { name: 'path with address', message: 'request /10.10.34.11:45307', masked: 'request <*>' },
    { name: 'time of day', message: 'at 03:55:20 today', masked: 'at <*> today' },
    { name: 'timestamp words', message: 'at Sun Jul 10 03:55:20 2005', masked: 'at <*> <*> <*> <*> <*>' },
    { name: 'hex with 0x', message: 'mask 0x0b85eee0 set', masked: 'mask <*> set' },
    { name: 'long bare hex', message: 'commit e0cb7db073b1 pushed', masked: 'commit <*> pushed' },
    {
      name: 'UUID',
      message: 'request_id=88b70c8b-8993-4da6-a72d-b1b8ca538f89 done',
      masked: 'request_id=<*> done',
    },
    {
      name: 'UUID starting with letters',
      message: 'id f47ac10b-58cc-4372-a567-0e02b2c3d479',
      masked: 'id <*>',
    },
    { name: 'path', message: 'loaded /etc/httpd/conf/workers2.properties', masked: 'loaded <*>' },
    { name: 'URL with query', message: 'see http://example.com/a?b=1&c=2, then', masked: 'see <*>, then' },
    { name: 'duration and size', message: 'took 10ms for 316MB', masked: 'took <*> for <*>' },
    {
      name: 'key=value keeps the key',
      message: 'uid=0 euid=0 tty=NODEVssh',
      masked: 'uid=<*> euid=<*> tty=NODEVssh',
    },
    {
      name: 'brackets stay',
      message: 'for host [173.234.31.186] (HWID=1973)',
      masked: 'for host [<*>] (HWID=<*>)',
    },
    {
      name: 'snake id',
      message: 'block blk_-1608999687919862906 and rdd_42_20',
      masked: 'block <*> and <*>',
    },
    {
      name: 'name and number',
      message: 'generating core.2275 on node-246',
      masked: 'generating core.<*> on node-<*>',
    },
    {
      name: 'names ending in a digit stay',
      message: 'port 22 ssh2 via alt0 SOCKS5',
      masked: 'port <*> ssh2 via alt0 SOCKS5',
    },
    {
      name: 'function names stay',
      message: 'jk2_init() Found child 6725',
      masked: 'jk2_init() Found child <*>',
    },
    { name: 'version after slash', message: '"GET / HTTP/1.1" 200', masked: '"GET / <*>" <*>' },
    { name: 'random id', message: 'pod app-7f9c8d6b5-x2x9z ready', masked: 'pod <*> ready' },
    { name: 'dotted host with a number', message: 'node cp-12.vm1.example.org up', masked: 'node <*> up' },
    { name: 'separated lists', message: 'steps 1514038440000##7007##0', masked: 'steps <*>##<*>##<*>' },
    {
      name: 'sentence-ending dot',
      message: 'server: host/10.0.0.1:62270. Already tried',
      masked: 'server: <*>. Already tried',
    },
    { name: 'dot inside a value', message: 'file /tmp/part-00000. blk_1', masked: 'file <*> <*>' },
    { name: 'runs of spaces', message: '  to   delete  blk_1  ', masked: 'to delete <*>' },
    { name: 'no parameter', message: 'Interrupted while waiting', masked: 'Interrupted while waiting' },
    { name: 'empty', message: '', masked: '' },
    { name: 'past ASCII', message: 'usuário joão id 42', masked: 'usuário joão id <*>' },
  ])('$name', ({ message, masked }) => {
    expect(maskMessage(message)).toBe(masked);
  });
});

describe('tokenize', () => {
  test('keeps the original text beside the masked text, by word', () => {
    expect(tokenize('user=root (uid=0) node-7')).toEqual([
      { text: 'user', masked: 'user', kind: 'constant', word: 0 },
      { text: '=', masked: '=', kind: 'punctuation', word: 0 },
      { text: 'root', masked: 'root', kind: 'constant', word: 0 },
      { text: '(', masked: '(', kind: 'punctuation', word: 1 },
      { text: 'uid', masked: 'uid', kind: 'constant', word: 1 },
      { text: '=', masked: '=', kind: 'punctuation', word: 1 },
      { text: '0', masked: '<*>', kind: 'variable', word: 1 },
      { text: ')', masked: ')', kind: 'punctuation', word: 1 },
      { text: 'node-7', masked: 'node-<*>', kind: 'partial', word: 2 },
    ]);
  });

  test.each([
    { message: 'a:b', atoms: ['a', ':', 'b'] },
    { message: '10.0.0.1:80', atoms: ['10.0.0.1:80'] },
    { message: '((x))', atoms: ['((', 'x', '))'] },
    { message: 'end 42.', atoms: ['end', '42', '.'] },
    { message: 'x / y', atoms: ['x', '/', 'y'] },
  ])('splits $message into $atoms', ({ message, atoms }) => {
    expect(tokenize(message).map((a) => a.text)).toEqual(atoms);
  });
});
