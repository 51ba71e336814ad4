/**
 * A local stand-in for an OpenAI-compatible server (what Ollama and vLLM expose), for tests: it
 * binds to 127.0.0.1 on a free port, answers `POST /v1/chat/completions` from a script (text,
 * tool calls, an HTTP error, or a delay), and keeps every request body so a test can check what
 * the provider wiring really sent.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInReply =
  | { content: string }
  | { toolCalls: { name: string; arguments: unknown }[] }
  | { status: number; body: unknown }
  | { delayMs: number; reply: StandInReply };

export interface StandInServer {
  /** Base URL, e.g. http://127.0.0.1:43121/v1 */
  url: string;
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startStandInServer(script: readonly StandInReply[]): Promise<StandInServer> {
  const requests: Record<string, unknown>[] = [];
  let next = 0;
  const server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    requests.push(body);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    let reply = script[next++];
    while (reply && 'delayMs' in reply) {
      await new Promise((resolve) => setTimeout(resolve, (reply as { delayMs: number }).delayMs));
      reply = reply.reply;
    }
    if (!reply) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'script exhausted' } }));
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      return;
    }
    const message =
      'content' in reply
        ? { role: 'assistant', content: reply.content }
        : {
            role: 'assistant',
            content: null,
            tool_calls: reply.toolCalls.map((c, i) => ({
              id: `call_${next}_${i}`,
              type: 'function',
              function: { name: c.name, arguments: JSON.stringify(c.arguments) },
            })),
          };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${next}`,
        object: 'chat.completion',
        created: 0,
        model: String(body.model ?? 'stand-in'),
        choices: [{ index: 0, message, finish_reason: 'content' in reply ? 'stop' : 'tool_calls' }],
        usage: { prompt_tokens: 1200 + next, completion_tokens: 80, total_tokens: 1280 + next },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
