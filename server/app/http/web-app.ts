import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PARAM_LENGTH, type ErrorBody } from './error-handler.js';

/**
 * The paths the API owns. Everything else is the web app's; an unknown path under one of these
 * keeps the API's JSON 404 rather than becoming a web page.
 */
export const API_PATHS = ['/dicomweb', '/graphql', '/auth', '/api', '/healthz', '/readyz', '/metrics'];

/** The header through which the web app learns where to reach the API in this process. */
export const API_ORIGIN_HEADER = 'x-strata-api';

export interface WebAppOptions {
  /** The web app's directory (holding `.next/` once `next build` ran); undefined: none to serve. */
  dir: string | undefined;
  /** Where this server answers on loopback, e.g. `http://127.0.0.1:8080`. */
  apiOrigin: () => string;
}

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** The part of Next's custom-server API Strata uses. */
interface NextServer {
  prepare(): Promise<void>;
  getRequestHandler(): RequestHandler;
  close(): Promise<void>;
}
type CreateNextServer = (options: {
  dev: boolean;
  dir: string;
  quiet: boolean;
  httpServer: EventEmitter;
}) => NextServer;

/**
 * Named through a variable so the server's type-check does not take in Next's types, whose
 * global declarations (a required `process.env.NODE_ENV`) are the web app's business.
 */
const NEXT_PACKAGE = 'next';

/**
 * Serves the Next.js web app on the same origin as the API: every GET or HEAD no API route
 * answers goes to Next's request handler. Without a build (`web/.next`), such requests get a
 * 503 that says how to build it, and the API works as ever.
 */
export async function registerWebApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const handle = options.dir !== undefined && isBuilt(options.dir) ? await startNext(app, options.dir) : undefined;
  if (handle === undefined) {
    app.log.warn('the web app is not built: `/` answers 503 until `npm run build` builds web/');
  }
  app.route({
    method: ['GET', 'HEAD'],
    url: '*',
    // Pages read the session through the API; a stale cookie must not turn every page into a 401.
    config: { ignoresCredentials: true },
    handler: async (request, reply) => {
      // A segment the router refused as a parameter (an API route's too) lands here by the
      // wildcard: refuse it as the router would, before an API path becomes a plain 404.
      if (
        request.url
          .split('?', 1)[0]
          ?.split('/')
          .some((segment) => segment.length > MAX_PARAM_LENGTH)
      ) {
        throw Object.assign(new Error('path segment too long'), { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 });
      }
      if (isApiPath(request.url)) return reply.callNotFound();
      if (handle === undefined) return notBuilt(request, reply);
      request.raw.headers[API_ORIGIN_HEADER] = options.apiOrigin();
      // Headers the shared hooks set (x-request-id) must reach a response Fastify no longer sends.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) reply.raw.setHeader(name, value);
      }
      reply.hijack();
      await handle(request.raw, reply.raw);
    },
  });
}

function isBuilt(dir: string): boolean {
  return existsSync(`${dir}/.next/BUILD_ID`);
}

async function startNext(app: FastifyInstance, dir: string): Promise<RequestHandler> {
  const { default: next } = (await import(NEXT_PACKAGE)) as { default: CreateNextServer };
  // On its first request Next adds an `upgrade` listener to the server it is given, or else to
  // the request's own: it would then answer every WebSocket upgrade too, `/graphql`'s included
  // (the `/{owner}` page matches it), and write to sockets graphql-ws had taken ("write after
  // end"). The web app serves no WebSocket, so it gets a stand-in that never emits one.
  const server = next({ dev: false, dir, quiet: false, httpServer: new EventEmitter() });
  await server.prepare();
  app.addHook('onClose', async () => server.close());
  const handle = server.getRequestHandler();
  return (request, response) => handle(request, response);
}

function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return API_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function notBuilt(request: FastifyRequest, reply: FastifyReply) {
  const message =
    'The web app is not built. Build it with `npm run build` (or `npx turbo run build`) and restart `strata serve`; the API (DICOMweb, GraphQL) works meanwhile.';
  void reply.status(503).header('cache-control', 'no-store');
  if (request.headers.accept?.includes('text/html') === true) {
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><title>Strata: web app not built</title></head><body><h1>The web app is not built</h1><p>${message.replace(/`([^`]+)`/g, '<code>$1</code>')}</p></body></html>`,
      );
  }
  return reply.send({ error: { code: 'web.not_built', message, requestId: request.id } } satisfies ErrorBody);
}
