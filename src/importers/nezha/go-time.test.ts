import { describe, expect, test } from 'vitest';
import { parseGoTime } from './go-time.js';

describe('parseGoTime', () => {
  test.each([
    {
      name: 'Nezha Time cell: nanoseconds, zone, abbreviation, monotonic clock',
      text: '2022-08-22 03:51:19.799087274 +0000 UTC m=+0.305041286',
      iso: '2022-08-22T03:51:19.799Z',
    },
    {
      name: 'sub-millisecond digits are truncated, not rounded',
      text: '2022-08-22 03:51:19.999999999 +0000 UTC m=+60.1',
      iso: '2022-08-22T03:51:19.999Z',
    },
    { name: 'no fraction', text: '2022-08-22 03:51:19 +0000 UTC', iso: '2022-08-22T03:51:19.000Z' },
    {
      name: 'one fractional digit',
      text: '2022-08-22 03:51:19.5 +0000 UTC',
      iso: '2022-08-22T03:51:19.500Z',
    },
    {
      name: 'a zone east of UTC',
      text: '2022-08-22 11:51:19.25 +0800 CST m=+1.0',
      iso: '2022-08-22T03:51:19.250Z',
    },
    {
      name: 'a zone west of UTC, no abbreviation',
      text: '2022-08-22 02:21:19 -0130',
      iso: '2022-08-22T03:51:19.000Z',
    },
    {
      name: 'a negative monotonic reading',
      text: '2022-08-22 03:51:19 +0000 UTC m=-5.25',
      iso: '2022-08-22T03:51:19.000Z',
    },
  ])('$name', ({ text, iso }) => {
    expect(parseGoTime(text)).toBe(Date.parse(iso));
  });

  test.each([
    { name: 'no zone', text: '2022-08-22 03:51:19.799087274' },
    { name: 'RFC 3339', text: '2022-08-22T03:51:19Z' },
    { name: 'epoch seconds (the TimeStamp column)', text: '1661140279' },
    { name: 'a day that does not exist', text: '2022-02-30 03:51:19 +0000 UTC' },
    { name: 'hour 24', text: '2022-08-22 24:00:00 +0000 UTC' },
    { name: 'ten fractional digits', text: '2022-08-22 03:51:19.1234567890 +0000 UTC' },
    { name: 'empty', text: '' },
  ])('rejects $name', ({ text }) => {
    expect(parseGoTime(text)).toBeUndefined();
  });
});
