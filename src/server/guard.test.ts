import { describe, expect, test } from 'vitest';
import { hostName, type RequestFacts, refuseRequest } from './guard.js';

const base: RequestFacts = {
  method: 'POST',
  host: '127.0.0.1:8787',
  origin: undefined,
  fetchSite: undefined,
  fetchMode: undefined,
  contentType: 'application/json',
  jsonBody: true,
};
const policy = { allowedHosts: ['nightshift.example.com'] };

describe('refuseRequest', () => {
  test.each([
    { name: 'Alertmanager: loopback host, JSON, no browser headers', facts: {}, status: undefined },
    { name: 'localhost with a port', facts: { host: 'localhost:8787' }, status: undefined },
    { name: 'a subdomain of localhost', facts: { host: 'app.localhost:8787' }, status: undefined },
    { name: 'IPv6 loopback', facts: { host: '[::1]:8787' }, status: undefined },
    { name: 'an IP literal (rebinding needs a name)', facts: { host: '10.1.2.3:8787' }, status: undefined },
    { name: 'the configured public name', facts: { host: 'Nightshift.Example.com' }, status: undefined },
    {
      name: 'JSON with a charset',
      facts: { contentType: 'application/json; charset=utf-8' },
      status: undefined,
    },
    { name: 'a +json media type', facts: { contentType: 'application/vnd.alert+json' }, status: undefined },
    { name: 'DNS rebinding: a foreign name', facts: { host: 'evil.example:8787' }, status: 421 },
    {
      name: 'a name that only ends like ours',
      facts: { host: 'nightshift.example.com.evil.example' },
      status: 421,
    },
    { name: 'no Host at all', facts: { host: undefined }, status: 421 },
    { name: 'a malformed Host', facts: { host: 'a b' }, status: 421 },
    {
      name: 'a cross-origin text/plain POST from a page',
      facts: { origin: 'https://evil.example', contentType: 'text/plain', fetchSite: 'cross-site' },
      status: 403,
    },
    {
      name: 'a foreign Origin without Sec-Fetch-Site (older browser)',
      facts: { origin: 'https://evil.example' },
      status: 403,
    },
    { name: 'Origin null (sandboxed frame)', facts: { origin: 'null' }, status: 403 },
    { name: 'a same-site page on another port', facts: { fetchSite: 'same-site' }, status: 403 },
    {
      name: 'our own origin, same-origin fetch',
      facts: { origin: 'http://127.0.0.1:8787', fetchSite: 'same-origin' },
      status: undefined,
    },
    { name: 'form-encoded body', facts: { contentType: 'application/x-www-form-urlencoded' }, status: 415 },
    { name: 'multipart body', facts: { contentType: 'multipart/form-data; boundary=x' }, status: 415 },
    { name: 'no content type', facts: { contentType: undefined }, status: 415 },
    {
      name: 'a person following the brief link from Slack',
      facts: {
        method: 'GET',
        jsonBody: false,
        contentType: undefined,
        fetchSite: 'cross-site',
        fetchMode: 'navigate',
      },
      status: undefined,
    },
    {
      name: 'a script on another site reading the API with GET',
      facts: {
        method: 'GET',
        jsonBody: false,
        contentType: undefined,
        fetchSite: 'cross-site',
        fetchMode: 'no-cors',
      },
      status: 403,
    },
    {
      name: 'a form POST navigation from another site',
      facts: { fetchSite: 'cross-site', fetchMode: 'navigate', origin: 'https://evil.example' },
      status: 403,
    },
  ])('$name', ({ facts, status }) => {
    expect(refuseRequest({ ...base, ...facts }, policy)?.status).toBe(status);
  });

  test('a refused host says how to allow it', () => {
    expect(refuseRequest({ ...base, host: 'ops.internal:80' }, { allowedHosts: [] })?.error).toMatch(
      /Host "ops\.internal".*server\.allowedHosts/,
    );
  });
});

describe('hostName', () => {
  test.each([
    ['localhost:8787', 'localhost'],
    ['EXAMPLE.com', 'example.com'],
    ['example.com.', 'example.com'],
    ['[::1]:80', '[::1]'],
    ['[::1]', '[::1]'],
    ['host:99999999', undefined],
    ['user@host', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(hostName(header)).toBe(expected);
  });
});
