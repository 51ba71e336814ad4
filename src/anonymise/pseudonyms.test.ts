import { describe, expect, test } from 'vitest';
import { plantedSecrets, survivingSecrets } from '../../testing/anonymise/corpus.js';
import { createAnonymiser } from './index.js';

const KEEP = ['checkout', 'payments'];

/** One row per rule: the line, what it becomes in a fresh anonymiser, and the kind reported. */
const replaced = [
  { kind: 'ipv4', input: 'connect 10.0.3.12:5432 refused', output: 'connect 192.0.2.1:5432 refused' },
  { kind: 'ipv6', input: 'peer fe80::1ff:fe23:4567:890a closed', output: 'peer 2001:db8::1 closed' },
  {
    kind: 'email',
    input: 'mail to jane.doe@acme.co.uk bounced',
    output: 'mail to user-1@example.com bounced',
  },
  {
    kind: 'host',
    input: 'resolve db-primary.orders.svc.cluster.local failed',
    output: 'resolve host-1.example.internal failed',
  },
  { kind: 'host', input: 'hostname=web-01 up', output: 'hostname=host-1.example.internal up' },
  {
    kind: 'url_host',
    input: 'GET https://api.acme.io:8443/v1/orders?page=2 200',
    output: 'GET https://host-1.example.internal:8443/v1/orders?page=2 200',
  },
  {
    kind: 'url_host',
    input: 'POST http://ledger:8080/post',
    output: 'POST http://host-1.example.internal:8080/post',
  },
  { kind: 'user_id', input: 'experiment=banner user=u-4821', output: 'experiment=banner user=u-1001' },
  { kind: 'user_id', input: 'token refreshed for user u-4821', output: 'token refreshed for user u-1001' },
  { kind: 'user_id', input: '{"user_id":"usr_8f3k2"}', output: '{"user_id":"usr_101"}' },
  { kind: 'account_id', input: 'account_id=48213 billed', output: 'account_id=10001 billed' },
  { kind: 'tenant_id', input: 'X-Scope-OrgID: tenant-7', output: 'X-Scope-OrgID: tenant-101' },
  { kind: 'tenant_id', input: 'tenant=t9x2 quota hit', output: 'tenant=tenant-101 quota hit' },
  { kind: 'namespace', input: 'namespace=orders-prod evicted', output: 'namespace=ns-1 evicted' },
  {
    kind: 'namespace',
    input: 'ran kubectl -n orders-prod get events',
    output: 'ran kubectl -n ns-1 get events',
  },
  {
    kind: 'namespace',
    input: 'helm upgrade api --namespace=pay-eu',
    output: 'helm upgrade api --namespace=ns-1',
  },
  {
    kind: 'pod',
    input: 'pod checkout-7d9f8b6c5-x2x4z OOMKilled',
    output: 'pod checkout-000000001-00001 OOMKilled',
  },
  { kind: 'pod', input: 'pod ledger-5f6d7c8b9-qwr4z ready', output: 'pod app-1-000000001-00001 ready' },
  { kind: 'name', input: 'Globex Corp escalated', output: 'name-1 Corp escalated' },
] as const;

describe('each kind is replaced by a pseudonym of its own shape', () => {
  test.each(replaced)('$kind: $input', ({ kind, input, output }) => {
    const a = createAnonymiser({ keep: KEEP, names: ['Globex'] });
    expect(a.text(input)).toBe(output);
    expect(a.report().map((r) => r.kind)).toEqual([kind]);
  });

  test.each(replaced)('idempotent: $input', ({ input }) => {
    const once = createAnonymiser({ keep: KEEP, names: ['Globex'] }).text(input);
    const again = createAnonymiser({ keep: KEEP, names: ['Globex'] });
    expect(again.text(once)).toBe(once);
    expect(again.report()).toEqual([]);
  });
});

describe('structured fields by name', () => {
  test('a span keeps its keys, ids and service; identifying values become pseudonyms', () => {
    const span = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      service: 'checkout',
      name: 'GET /api/orders',
      durationMs: 31.2,
      attrs: {
        'net.peer.ip': '10.0.3.12',
        'k8s.namespace.name': 'orders-prod',
        'k8s.pod.name': 'checkout-7d9f8b6c5-x2x4z',
        'host.name': 'web-01',
        user_id: 48213,
        'enduser.id': 'alice',
        'http.status_code': 200,
        namespace: 'kube-system',
      },
    };
    const a = createAnonymiser({ keep: KEEP });
    expect(a.deep(span)).toEqual({
      ...span,
      attrs: {
        'net.peer.ip': '192.0.2.1',
        'k8s.namespace.name': 'ns-1',
        'k8s.pod.name': 'checkout-000000001-00001',
        'host.name': 'host-1.example.internal',
        user_id: 10001,
        'enduser.id': 'user-102',
        'http.status_code': 200,
        namespace: 'kube-system',
      },
    });
    expect(createAnonymiser({ keep: KEEP }).deep(a.deep(span))).toEqual(a.deep(span));
  });

  test('the same value gets the same pseudonym in a log line and in a field', () => {
    const a = createAnonymiser();
    const line = a.text('timeout from 10.0.3.12 on web-01.acme.com for user_id=48213 in namespace=orders');
    const span = a.deep({
      'net.peer.ip': '10.0.3.12',
      host: 'WEB-01.acme.com',
      user_id: 48213,
      namespace: 'orders',
      'http.url': 'https://web-01.acme.com/health',
    });
    expect(line).toBe(
      'timeout from 192.0.2.1 on host-1.example.internal for user_id=10001 in namespace=ns-1',
    );
    expect(span).toEqual({
      'net.peer.ip': '192.0.2.1',
      host: 'host-1.example.internal',
      user_id: 10001,
      namespace: 'ns-1',
      'http.url': 'https://host-1.example.internal/health',
    });
  });

  test('distinct values stay distinct', () => {
    const a = createAnonymiser();
    const out = a.text('10.0.0.1 10.0.0.2 a.acme.com b.acme.com x@acme.com y@acme.com user=u-1 user=u-2');
    expect(out).toBe(
      '192.0.2.1 192.0.2.2 host-1.example.internal host-2.example.internal user-1@example.com user-2@example.com user=u-101 user=u-102',
    );
  });
});

describe('left alone', () => {
  test.each([
    '2026-03-02T14:05:06.146Z level=error msg="upstream timeout" duration=5.001s',
    `request completed method=GET path=/api/v1/orders status=200 request_id=3f2a1c4e-9b7d-4e2f-8a1c-5d6e7f8a9b0c`,
    'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7',
    'http_server_requests_seconds_bucket{le="0.5"} 1234 and http.server.duration p99=812ms',
    'Mozilla/5.0 AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36 v2.14.1',
    'java.lang.NullPointerException at com.acme.checkout.PriceService.total(PriceService.java:88)',
    'GET https://shop.example.com/cart 200 from 127.0.0.1 and http://[::1]:8080/metrics',
    'experiment=free-shipping-banner variant=A retries=3 at 14:05:06',
    'call to http://payments:8080/charge failed for checkout',
    'Basic authentication failed for user admin',
    'tail with head -n 20 and grep -n timeout app.log; kubectl -n 3 is no namespace',
    'kubectl -n kube-system get pods',
  ])('%s', (line) => {
    const a = createAnonymiser({ keep: KEEP });
    expect(a.text(line)).toBe(line);
    expect(a.report()).toEqual([]);
  });
});

test('names from the list: case-insensitive, whole words only, longest first', () => {
  const a = createAnonymiser({ names: ['Acme', 'Acme Corp'] });
  expect(a.text('ACME Corp paged; acme on call; Acme-Widgets, acmeish and acme.')).toBe(
    'name-1 paged; name-2 on call; Acme-Widgets, acmeish and name-2.',
  );
});

test('keep wins over every rule', () => {
  const a = createAnonymiser({ keep: ['ledger', 'db.acme.internal', 'tenant-7'] });
  const line = 'http://ledger:8080/x db.acme.internal X-Scope-OrgID: tenant-7 pod ledger-5f6d7c8b9-qwr4z';
  expect(a.text(line)).toBe(
    'http://ledger:8080/x db.acme.internal X-Scope-OrgID: tenant-7 pod ledger-000000001-00001',
  );
});

describe('secrets are still redacted', () => {
  const corpus = plantedSecrets();
  test('no planted secret survives text() or deep()', () => {
    const a = createAnonymiser();
    const texts = corpus.map((p) => a.text(p.text)).join('\n');
    const fields = JSON.stringify(a.deep(corpus.map((p) => ({ message: p.text, attrs: { value: p.text } }))));
    expect(survivingSecrets(texts, corpus)).toEqual([]);
    expect(survivingSecrets(fields, corpus)).toEqual([]);
    const kinds = new Set(a.report().map((r) => r.kind));
    for (const p of corpus) expect(kinds).toContain(p.kind);
  });
});

test('the report counts by kind and shows only pseudonyms', () => {
  const originals = ['10.0.3.12', 'jane@acme.com', 'web-01.acme.com', 'u-4821', 'Globex'];
  const a = createAnonymiser({ names: ['Globex'] });
  a.text(`from 10.0.3.12 to 10.0.3.12 by jane@acme.com on web-01.acme.com user=u-4821 for Globex`);
  a.deep({ client: { ip: '10.0.3.12' }, user: 'u-4821', password: 'hunter2hunter2' });
  expect(a.report()).toEqual([
    { kind: 'host', count: 1, examples: [{ to: 'host-1.example.internal' }] },
    { kind: 'ipv4', count: 3, examples: [{ to: '192.0.2.1' }] },
    { kind: 'email', count: 1, examples: [{ to: 'user-1@example.com' }] },
    { kind: 'user_id', count: 2, examples: [{ to: 'u-1001' }] },
    { kind: 'name', count: 1, examples: [{ to: 'name-1' }] },
    { kind: 'secret_assignment', count: 1, examples: [{ to: '[REDACTED:secret_assignment]' }] },
  ]);
  const shown = JSON.stringify(a.report());
  for (const original of [...originals, 'hunter2hunter2']) expect(shown).not.toContain(original);
});
