/**
 * A local stand-in for an OpenAI-compatible server (what Ollama and vLLM expose), for tests: it
 * binds to 127.0.0.1 on a free port and answers `POST /v1/chat/completions` from a script, one
 * reply per request, plain JSON or server-sent events when the request says `stream: true`. It keeps
 * every request so a test can check what the provider wiring really sent (messages, tools, schema,
 * headers). Only node:http: tests never leave loopback and need no extra dependency.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionBody, type ScriptedToolCall, type StandInUsage, streamEvents } from './stand-in-wire.js';

export type { ScriptedToolCall, StandInUsage } from './stand-in-wire.js';

/**
 * One scripted reply: an answer (text and/or tool calls, with optional token usage), an HTTP error
 * with the body to send, or a delay before a reply (a late answer, to test time limits; without
 * `reply` the late answer is empty text).
 */
export type StandInReply =
  | { content: string; toolCalls?: readonly ScriptedToolCall[]; usage?: StandInUsage }
  | { toolCalls: readonly ScriptedToolCall[]; content?: string; usage?: StandInUsage }
  | { status: number; body: unknown }
  | { delayMs: number; reply?: StandInReply };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

export interface StandInServer {
  /** Base URL including `/v1`, e.g. http://127.0.0.1:43121/v1: what `baseUrl` takes. */
  url: string;
  /** Bodies of the chat-completion requests, in order. */
  requests: Record<string, unknown>[];
  /** Every HTTP request, any path, with headers: for checking keys and routes. */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

const CHAT_PATH = '/v1/chat/completions';

/** Usage when a reply names none: fixed numbers that tests can assert, distinct per request. */
function defaultUsage(requestNumber: number): StandInUsage {
  return { promptTokens: 1200 + requestNumber, completionTokens: 80 };
}

export async function startStandInServer(script: readonly StandInReply[]): Promise<StandInServer> {
  const requests: Record<string, unknown>[] = [];
  const received: ReceivedRequest[] = [];
  const wakers = new Set<() => void>();
  let next = 0;

  const sleep = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
      res.once('close', wake); // the client gave up: stop waiting
    });

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const text = await readBody(req);
    const body = parseJson(text);
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
    if (req.method !== 'POST' || req.url !== CHAT_PATH) {
      return sendJson(res, 404, { error: { message: `the stand-in serves POST ${CHAT_PATH} only` } });
    }
    if (typeof body !== 'object' || body === null) {
      return sendJson(res, 400, { error: { message: 'the request body is not a JSON object' } });
    }
    const request = body as Record<string, unknown>;
    requests.push(request);
    const number = ++next;
    let reply = script[number - 1];
    while (reply && 'delayMs' in reply) {
      await sleep(reply.delayMs, res);
      if (res.destroyed) return;
      reply = reply.reply ?? { content: '' };
    }
    if (!reply) {
      return sendJson(res, 500, {
        error: { message: `stand-in script exhausted: request ${number} has no scripted reply` },
      });
    }
    if ('status' in reply) return sendJson(res, reply.status, reply.body);
    const completion = {
      id: `chatcmpl-${number}`,
      model: typeof request.model === 'string' ? request.model : 'stand-in',
      answer: reply,
      usage: reply.usage ?? defaultUsage(number),
    };
    if (request.stream === true) {
      const options = request.stream_options as { include_usage?: boolean } | undefined;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of streamEvents(completion, options?.include_usage === true))
        res.write(`data: ${event}\n\n`);
      res.end();
      return;
    }
    sendJson(res, 200, completionBody(completion));
  };

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `stand-in failed: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    received,
    close: async () => {
      for (const wake of [...wakers]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
