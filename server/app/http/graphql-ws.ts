import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { costError, createContext, depthLimit, formatError, operationCost } from '@strata/graphql';
import { isStrataError, StrataError } from '@strata/modules/errors';
import type { Credentials } from '@strata/services/access';
import type { EventHub, EventSession } from '@strata/services/events';
import type { VersioningDeps } from '@strata/services/versioning';
import { sessionSecretIn } from './authentication.js';

/** The most operations one socket may have running at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;
/** How long sockets get to close cleanly at shutdown before they are cut. */
const CLOSE_GRACE_MS = 2000;

type Extra = { socket: WebSocket; request: IncomingMessage };

/**
 * GraphQL over WebSocket (graphql-transport-ws, graphql-ws' protocol) on the HTTP server's
 * `path`: the actor is the token in `connection_init` (`{ authorization: "Bearer strata_…" }`) or
 * the session cookie of the upgrade, authenticated like every request; bad credentials close the
 * socket with 4403. Operations get the HTTP endpoint's depth limit, cost ceiling and error codes.
 */
export function registerGraphqlWs(
  app: FastifyInstance,
  deps: VersioningDeps,
  schema: GraphQLSchema,
  hub: EventHub,
  path: string,
): void {
  const wss = new WebSocketServer({ server: app.server, path });
  const sessions = new WeakMap<WebSocket, EventSession>();
  const rules = [...specifiedRules, depthLimit()];

  useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      // Internal errors are never described to the client (the log has them), whatever NODE_ENV says.
      isProd: true,
      async onConnect(ctx) {
        const { socket, request } = ctx.extra;
        let session: EventSession;
        try {
          const credentials = credentialsOf(ctx.connectionParams, request);
          session = await hub.openSession(credentials, (reason) => socket.close(CloseCode.Forbidden, reason));
        } catch (error) {
          if (isStrataError(error) && error.kind === 'unauthenticated') {
            socket.close(CloseCode.Forbidden, closeReason(error.message));
          } else {
            app.log.error({ err: error }, 'graphql-ws connection failed');
            socket.close(CloseCode.InternalServerError, 'Internal error; the server log has the details.');
          }
          return false;
        }
        if (socket.readyState !== socket.OPEN) {
          hub.closeSession(session);
          return false;
        }
        sessions.set(socket, session);
        socket.once('close', () => hub.closeSession(session));
        return true;
      },
      onSubscribe(ctx, _id, payload) {
        const session = sessions.get(ctx.extra.socket);
        if (session === undefined) return [new GraphQLError('The connection is not initialised.')];
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} operations may run at once on one connection.`, {
              extensions: { code: 'graphql.too_many_subscriptions' },
            }),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return [...errors];
        const variables = payload.variables ?? {};
        const tooCostly = costError(operationCost(schema, document, variables, payload.operationName ?? undefined));
        if (tooCostly !== undefined) return [tooCostly];
        return {
          schema,
          document,
          variableValues: variables,
          ...(payload.operationName !== undefined &&
            payload.operationName !== null && {
              operationName: payload.operationName,
            }),
          contextValue: createContext(deps, session.actor, { hub, session }),
        };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (result.errors === undefined) return undefined;
        logUnexpected(app, result.errors);
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
      },
      onError(_ctx, _id, _payload, errors) {
        logUnexpected(app, errors);
        return errors.map((error) => formatError(error.toJSON(), error));
      },
    },
    wss,
  );

  // Before the HTTP server closes: it waits for every socket, and upgraded ones never go idle.
  app.addHook('preClose', async () => {
    await closeSockets(wss);
    await hub.close();
  });
}

/** What a connection presented: a token in connection_init, else the upgrade's session cookie. */
function credentialsOf(params: Record<string, unknown> | undefined, request: IncomingMessage): Credentials | undefined {
  const authorization = params?.['authorization'];
  if (authorization !== undefined) {
    const [scheme = '', value = ''] = typeof authorization === 'string' ? authorization.trim().split(/\s+/, 2) : [];
    return { kind: 'token', token: scheme.toLowerCase() === 'bearer' ? value : '' };
  }
  const secret = sessionSecretIn(request.headers.cookie);
  if (secret === undefined) return undefined;
  // Browsers send cookies with cross-site WebSocket upgrades and no CORS check applies: a page of
  // another origin must not subscribe as the signed-in user.
  const origin = request.headers.origin;
  if (origin !== undefined && hostOf(origin) !== request.headers.host) {
    throw new StrataError(
      'auth.cross_origin_session',
      'unauthenticated',
      'Session cookie from another origin: send a token in connection_init.',
    );
  }
  return { kind: 'session', secret };
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** A close reason fits in 123 bytes. */
function closeReason(message: string): string {
  return Buffer.byteLength(message) <= 123 ? message : `${Buffer.from(message).subarray(0, 120).toString()}…`;
}

function logUnexpected(app: FastifyInstance, errors: readonly GraphQLError[]): void {
  for (const error of errors) {
    const original = error.originalError;
    if (
      original !== undefined &&
      original !== null &&
      !isStrataError(original) &&
      !(original instanceof GraphQLError)
    ) {
      app.log.error({ err: original, path: error.path }, 'graphql subscription failed');
    }
  }
}

/** Says goodbye to every socket (1001), gives them a moment to close, then cuts the rest. */
async function closeSockets(wss: WebSocketServer): Promise<void> {
  const open = [...wss.clients];
  await Promise.all(
    open.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === socket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, CLOSE_GRACE_MS);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(1001, 'Server shutting down');
        }),
    ),
  );
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}
