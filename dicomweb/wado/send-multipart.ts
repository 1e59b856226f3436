import type { FastifyReply } from 'fastify';
import type { MultipartResponse } from '../http/index.js';

/**
 * Sends a multipart response by writing to the socket directly (`MultipartResponse.writeTo`), so
 * stored files stream through a few reused buffers instead of a new one per chunk: at hundreds of
 * megabytes a second, fresh buffers cost more in garbage collection than the copy itself. The
 * headers go out with the first byte; a failure before it is still an ordinary error response,
 * after it the connection is cut (the client sees a truncated body, never a wrong one).
 */
export async function sendMultipart(reply: FastifyReply, response: MultipartResponse): Promise<void> {
  void reply.header('content-type', response.contentType);
  if (response.contentLength !== undefined) void reply.header('content-length', response.contentLength);
  const raw = reply.raw;
  let started = false;
  const sink = {
    get destroyed() {
      return raw.destroyed;
    },
    write(chunk: Uint8Array, done: (error?: Error | null) => void) {
      if (!started) {
        started = true;
        reply.hijack();
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value !== undefined) raw.setHeader(name, typeof value === 'number' ? String(value) : value);
        }
        raw.writeHead(reply.statusCode);
      }
      return raw.write(chunk, done);
    },
  };
  try {
    await response.writeTo(sink);
  } catch (error) {
    if (!started) throw error;
    reply.log.error({ err: error }, 'multipart response failed midway; the connection is closed');
    raw.destroy();
    return;
  }
  if (started) raw.end();
  else throw new Error('sendMultipart: a multipart body always has a closing delimiter');
}
