/**
 * The planted-secret corpus: fake but format-valid secrets of every kind, each inside the kind of
 * text it leaks through in practice (a log line, a span attribute, a provider error, a URL). Unit
 * tests check that `redactText` and `redactDeep` leave none of them; integration tests plant the
 * corpus in a bundle and check every sink (Slack payload, store, stdout) with `survivingSecrets`.
 */
import type { RedactionKind } from '../../src/anonymise/patterns.js';
import {
  ALNUM,
  BASE64,
  BASE64URL,
  base64url,
  DIGITS,
  FakeChars,
  HEX,
  join,
  UPPER_ALNUM,
} from './fake-secrets.js';

export interface PlantedSecret {
  /** A stable name for test titles. */
  name: string;
  /** The kind `redactText` must report for `text`. */
  kind: RedactionKind;
  /** The value that must not survive anywhere. */
  secret: string;
  /** Where it is planted. */
  carrier: 'log' | 'attribute' | 'error' | 'url';
  /** The text carrying it: a log message, an attribute value, an error message. */
  text: string;
}

/** Builds the corpus; the same every call. */
export function plantedSecrets(): PlantedSecret[] {
  const r = new FakeChars(20_240_611);
  const out: PlantedSecret[] = [];
  const plant = (
    name: string,
    kind: RedactionKind,
    secret: string,
    carrier: PlantedSecret['carrier'],
    text: (s: string) => string,
  ) => out.push({ name, kind, secret, carrier, text: text(secret) });

  const anthropic = () => join('sk-', 'ant-', 'api03-', r.of(BASE64URL, 93), 'AA');
  plant(
    'anthropic in logfmt',
    'anthropic_key',
    anthropic(),
    'log',
    (s) => `calling model provider=anthropic key=${s} attempt=1`,
  );
  plant(
    'anthropic in provider error',
    'anthropic_key',
    anthropic(),
    'error',
    (s) => `401 Unauthorized: invalid x-api-key header value ${s} for organization`,
  );
  plant(
    'anthropic in env dump',
    'anthropic_key',
    anthropic(),
    'log',
    (s) => `worker env: ANTHROPIC_MODEL=claude NODE_ENV=production export ${s}`,
  );
  plant(
    'anthropic in bearer',
    'anthropic_key',
    anthropic(),
    'attribute',
    (s) => `Authorization: Bearer ${s}`,
  );

  const openaiProject = () =>
    join('sk-', 'proj-', r.of(BASE64URL, 74), 'T3', 'Blbk', 'FJ', r.of(BASE64URL, 74));
  const openaiLegacy = () => join('sk-', r.of(ALNUM, 20), 'T3Blbk', 'FJ', r.of(ALNUM, 20));
  plant(
    'openai project key',
    'openai_key',
    openaiProject(),
    'error',
    (s) => `Incorrect API key provided: ${s}. You can find your API key at the dashboard.`,
  );
  plant(
    'openai legacy key',
    'openai_key',
    openaiLegacy(),
    'log',
    (s) => `llm client init model=gpt-4o key ${s} timeout=30s`,
  );
  plant(
    'openai key in json',
    'openai_key',
    openaiProject(),
    'attribute',
    (s) => `{"model":"gpt-4o","openai":"${s}","stream":false}`,
  );

  const awsId = () => join('AK', 'IA', r.of(UPPER_ALNUM, 16));
  const awsTemp = () => join('AS', 'IA', r.of(UPPER_ALNUM, 16));
  plant(
    'aws key id in s3 error',
    'aws_access_key_id',
    awsId(),
    'error',
    (s) => `InvalidAccessKeyId: The AWS Access Key Id ${s} you provided does not exist in our records.`,
  );
  plant(
    'aws temporary key id',
    'aws_access_key_id',
    awsTemp(),
    'log',
    (s) =>
      `assumed role arn:aws:iam::123456789012:role/uploader temporary key ${s} expires=2026-03-02T15:00:00Z`,
  );
  plant(
    'aws key id in url',
    'aws_access_key_id',
    awsId(),
    'url',
    (s) =>
      `https://bucket.s3.amazonaws.com/report.csv?X-Amz-Credential=${s}%2F20260302%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Expires=300`,
  );

  const awsSecret = () => r.of(`${ALNUM}/+`, 40);
  plant(
    'aws secret in env',
    'aws_secret_access_key',
    awsSecret(),
    'log',
    (s) => `loaded AWS_SECRET_ACCESS_KEY=${s} from /etc/uploader/env`,
  );
  plant(
    'aws secret in json',
    'aws_secret_access_key',
    awsSecret(),
    'attribute',
    (s) => `{"aws_access_key_id":"redacted","aws_secret_access_key": "${s}"}`,
  );
  plant(
    'aws secret in sdk config',
    'aws_secret_access_key',
    awsSecret(),
    'log',
    (s) => `s3 client config {region: eu-west-1, secretAccessKey: '${s}'}`,
  );

  const gh = (prefix: string) => join('gh', prefix, '_', r.of(ALNUM, 36));
  plant(
    'github personal token',
    'github_token',
    gh('p'),
    'log',
    (s) => `git clone failed: remote: Invalid username or token ${s}`,
  );
  plant(
    'github oauth token',
    'github_token',
    gh('o'),
    'url',
    (s) => `https://api.github.com/user?access=${s}`,
  );
  plant('github server token', 'github_token', gh('s'), 'attribute', (s) => `x-github-token ${s}`);
  plant(
    'github fine-grained',
    'github_token',
    join('github_', 'pat_', r.of(ALNUM, 22), '_', r.of(ALNUM, 59)),
    'error',
    (s) => `fatal: could not read from remote ${s} (HTTP 403)`,
  );

  const slackToken = (prefix: string) =>
    join('xo', prefix, '-', r.of(DIGITS, 11), '-', r.of(DIGITS, 13), '-', r.of(ALNUM, 24));
  plant(
    'slack bot token',
    'slack_token',
    slackToken('xb'),
    'log',
    (s) => `slack client started token ${s} channel=C0123`,
  );
  plant(
    'slack user token',
    'slack_token',
    slackToken('xp'),
    'error',
    (s) => `chat.postMessage failed for ${s}: not_in_channel`,
  );
  plant(
    'slack app token',
    'slack_token',
    join('xa', 'pp-1-A', r.of(UPPER_ALNUM, 10), '-', r.of(DIGITS, 13), '-', r.of(HEX, 64)),
    'attribute',
    (s) => `socket mode app=${s}`,
  );
  plant(
    'slack legacy token',
    'slack_token',
    slackToken('xa'),
    'log',
    (s) => `notifier token rotated to ${s}`,
  );

  const webhookPath = () =>
    join('T', r.of(UPPER_ALNUM, 10), '/B', r.of(UPPER_ALNUM, 10), '/', r.of(ALNUM, 24));
  plant(
    'slack webhook in log',
    'slack_webhook',
    webhookPath(),
    'url',
    (s) => `posting alert to https://hooks.slack.com/services/${s} failed: 404`,
  );
  plant(
    'slack webhook in json',
    'slack_webhook',
    webhookPath(),
    'attribute',
    (s) => `{"receiver":"oncall","url":"https://hooks.slack.com/services/${s}"}`,
  );

  const google = () => join('AI', 'za', 'Sy', r.of(BASE64URL, 33));
  plant(
    'google key in url',
    'google_api_key',
    google(),
    'url',
    (s) => `GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=${s} 200 88ms`,
  );
  plant(
    'google key in error',
    'google_api_key',
    google(),
    'error',
    (s) => `API key not valid. Please pass a valid API key. (${s})`,
  );

  const stripe = (prefix: string) => join(prefix, 'k_', 'live_', r.of(ALNUM, 24));
  plant(
    'stripe live key',
    'stripe_key',
    stripe('s'),
    'log',
    (s) => `stripe charge failed: No such customer; request made with ${s}`,
  );
  plant('stripe restricted key', 'stripe_key', stripe('r'), 'attribute', (s) => `stripe.client ${s}`);
  plant(
    'stripe test key',
    'stripe_key',
    join('sk_', 'test_', r.of(ALNUM, 24)),
    'log',
    (s) => `using stripe sandbox ${s}`,
  );

  const jwt = () =>
    join(
      base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
      '.',
      base64url(JSON.stringify({ sub: `user-${r.of(DIGITS, 6)}`, iat: 1_772_460_000, scope: 'orders' })),
      '.',
      r.of(BASE64URL, 43),
    );
  plant('jwt in log', 'jwt', jwt(), 'log', (s) => `auth middleware rejected session ${s} (expired)`);
  plant('jwt in cookie', 'jwt', jwt(), 'attribute', (s) => `id_token=${s}; Path=/; HttpOnly`);
  plant('jwt as bearer', 'jwt', jwt(), 'attribute', (s) => `Authorization: Bearer ${s}`);

  const bearer = () => r.of(`${ALNUM}-._~`, 40);
  plant(
    'bearer header',
    'bearer_token',
    bearer(),
    'log',
    (s) => `upstream request GET /v1/orders headers={Authorization: Bearer ${s}}`,
  );
  plant(
    'bearer in curl',
    'bearer_token',
    bearer(),
    'error',
    (s) => `curl -H "Authorization: Bearer ${s}" http://orders:8080/internal failed`,
  );

  const basic = () => Buffer.from(`svc-reporting:${r.of(ALNUM, 18)}`).toString('base64');
  plant('basic auth header', 'basic_auth', basic(), 'attribute', (s) => `Authorization: Basic ${s}`);
  plant(
    'basic auth in log',
    'basic_auth',
    basic(),
    'log',
    (s) => `proxying to registry with header authorization=Basic ${s}`,
  );

  const password = () => r.of(ALNUM, 16);
  plant(
    'postgres url password',
    'url_password',
    password(),
    'url',
    (s) => `connecting to postgres://orders_rw:${s}@db-primary.internal:5432/orders?sslmode=require`,
  );
  plant(
    'redis url password',
    'url_password',
    password(),
    'error',
    (s) => `Error: connect ECONNREFUSED redis://default:${s}@10.0.3.12:6379/0`,
  );
  plant(
    'llm base url credentials',
    'url_password',
    password(),
    'url',
    (s) => `request to https://gateway-user:${s}@llm.internal.example/v1/chat/completions failed`,
  );
  plant(
    'amqp url password',
    'url_password',
    password(),
    'log',
    (s) => `amqp connection lost amqps://orders:${s}@rabbitmq.queue.svc:5671/prod, reconnecting in 5s`,
  );

  const pemBody = () => Array.from({ length: 6 }, () => r.of(BASE64, 64)).join('\n');
  const pem = (label: string, body: string) =>
    join('-----BEGIN ', label, ' KEY-----\n', body, '\n-----END ', label, ' KEY-----');
  plant(
    'rsa private key',
    'private_key',
    pemBody(),
    'log',
    (s) => `loaded tls config: ${pem('RSA PRIVATE', s)} cert=/etc/tls/tls.crt`,
  );
  plant('private key in json', 'private_key', pemBody(), 'attribute', (s) =>
    JSON.stringify({ private: pem('PRIVATE', s) }),
  );
  plant(
    'openssh private key',
    'private_key',
    pemBody(),
    'error',
    (s) => `ssh: no key found in ${pem('OPENSSH PRIVATE', s)}`,
  );

  const value = () => r.of(ALNUM, 14);
  plant(
    'password logfmt',
    'secret_assignment',
    value(),
    'log',
    (s) => `db connect user=orders_rw password=${s} host=db-primary`,
  );
  plant(
    'client_secret json',
    'secret_assignment',
    value(),
    'attribute',
    (s) => `{"client_id":"checkout","client_secret":"${s}","grant_type":"client_credentials"}`,
  );
  plant(
    'token in query string',
    'secret_assignment',
    value(),
    'url',
    (s) => `GET /api/v1/export?format=csv&access_token=${s}&page=2 200 31ms`,
  );
  plant(
    'api key header',
    'secret_assignment',
    value(),
    'log',
    (s) => `outbound headers X-Api-Key: ${s} Accept: application/json`,
  );
  plant(
    'yaml secret',
    'secret_assignment',
    value(),
    'error',
    (s) => `config rejected: webhook.secret: ${s} is too short`,
  );
  plant(
    'escaped json password',
    'secret_assignment',
    value(),
    'attribute',
    (s) => `{"body":"{\\"username\\":\\"ops\\",\\"password\\":\\"${s}\\"}"}`,
  );

  const random = () => r.of(BASE64URL, 40);
  plant(
    'signing key',
    'high_entropy_secret',
    random(),
    'log',
    (s) => `webhook verifier ready signing_key=${s}`,
  );
  plant('session cookie', 'high_entropy_secret', random(), 'attribute', (s) => `session_id=${s}`);
  plant('signature header', 'high_entropy_secret', random(), 'log', (s) => `X-Hub-Signature: ${s} mismatch`);

  // Two and three levels of JSON in JSON strings: a model's tool argument that is itself JSON, in a
  // prompt span's request body; a JSON log line logged as JSON and shipped as JSON. (After the rows
  // above, so their values stay the same.)
  plant('json tool argument in a request body', 'secret_assignment', value(), 'attribute', (s) =>
    JSON.stringify({
      messages: [
        { role: 'assistant', input: JSON.stringify({ query: JSON.stringify({ client_secret: s }) }) },
      ],
    }),
  );
  plant('json log line logged as json, shipped as json', 'secret_assignment', value(), 'log', (s) =>
    JSON.stringify({ line: JSON.stringify({ msg: JSON.stringify({ body: JSON.stringify({ token: s }) }) }) }),
  );
  return out;
}

/** The planted secrets that still appear in `text`, whole or as a 12-character piece. */
export function survivingSecrets(text: string, corpus: readonly PlantedSecret[]): PlantedSecret[] {
  return corpus.filter((p) => leaks(text, p.secret));
}

function leaks(text: string, secret: string): boolean {
  if (text.includes(secret)) return true;
  // A partial redaction leaks too: any 12-character stretch of a long secret (PEM bodies are
  // checked line by line, since a body's newlines may be escaped in JSON).
  for (const part of secret.split('\n')) {
    for (let i = 0; i + 12 <= part.length; i += 6) if (text.includes(part.slice(i, i + 12))) return true;
  }
  return false;
}
