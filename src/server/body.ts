/**
 * Reads a request body up to a size limit. Under @hono/node-server it reads Node's request stream
 * directly: building a web ReadableStream for every delivery cost more CPU than the rest of intake
 * (measured with bench:intake). Elsewhere (tests through `app.request`) it reads the web Request.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

export type Body = { ok: true; bytes: Uint8Array } | { ok: false };

export async function readBody(c: Context, limit: number): Promise<Body> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) return { ok: false };
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming) {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return bytes.length > limit ? { ok: false } : { ok: true, bytes };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      incoming.resume(); // discard the rest; the 413 goes out regardless
      return { ok: false };
    }
    chunks.push(chunk);
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}
