import { Readable } from 'node:stream';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, OperationTypeNode } from 'graphql';
import {
  buildStrataSchema,
  costError,
  createContext,
  depthLimit,
  formatError,
  operationCost,
  type GraphqlContext,
} from '@strata/graphql';
import { isStrataError } from '@strata/modules/errors';
import type { EventHub } from '@strata/services/events';
import type { VersioningDeps } from '@strata/services/versioning';
import { actorOf } from './authentication.js';
import { registerGraphqlWs } from './graphql-ws.js';

/** The GraphQL endpoint (docs/design/collaboration.md). */
export const GRAPHQL_PATH = '/graphql';

/**
 * GraphQL over HTTP at /graphql (POST, and GET for queries): Apollo Server on a Fastify route of
 * our own, with the request's actor (authenticated by the app's hook, like every protocol), a
 * depth limit, a cost ceiling, and errors carrying the same stable codes as HTTP; graphql-ws on
 * the same path for subscriptions.
 */
export async function registerGraphql(app: FastifyInstance, deps: VersioningDeps, events: EventHub): Promise<void> {
  const schema = await buildStrataSchema();
  const apollo = new ApolloServer<GraphqlContext>({
    schema,
    formatError,
    validationRules: [depthLimit()],
    introspection: true,
    // The web app authenticates with a cookie: refuse simple cross-site requests (Apollo's CSRF check).
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Our shutdown owns SIGTERM/SIGINT (drain, then close the database); Apollo's own handlers
    // would stop it mid-drain and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), subscriptionsOverWebSocket(), costCeiling(), logUnexpected(app)],
  });
  await apollo.start();
  app.addHook('onClose', async () => apollo.stop());
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = request.url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method.toUpperCase(),
        headers,
        search: query < 0 ? '' : request.url.slice(query + 1),
        body: request.body,
      },
      context: async () => createContext(deps, actorOf(request)),
    });
    for (const [name, value] of response.headers) void reply.header(name, value);
    void reply.code(response.status ?? 200);
    if (response.body.kind === 'complete') return reply.send(response.body.string);
    return reply.send(Readable.from(response.body.asyncIterator));
  };
  app.route({ method: ['GET', 'POST'], url: GRAPHQL_PATH, handler });
  // Subscriptions (and any operation) over WebSocket, on the same path.
  registerGraphqlWs(app, deps, schema, events, GRAPHQL_PATH);
}

/** Refuses a subscription sent over HTTP, which has no stream to deliver its events on. */
function subscriptionsOverWebSocket(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError(
              `Subscriptions are served over WebSocket (graphql-transport-ws) at ${GRAPHQL_PATH}.`,
              {
                extensions: { code: 'graphql.subscription_over_http' },
              },
            );
          }
        },
      };
    },
  };
}

/** Refuses an operation over the cost ceiling once it is parsed and validated, before it runs. */
function costCeiling(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const error = costError(operationCost(schema, document, request.variables ?? {}, request.operationName));
          if (error !== undefined) throw error;
        },
      };
    },
  };
}

/** Logs what formatError masks as `internal`, with the request's context, so the operator can find it. */
function logUnexpected(app: FastifyInstance): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = error.originalError;
            if (original !== undefined && original !== null && !isStrataError(original)) {
              app.log.error({ err: original, path: error.path }, 'graphql resolver failed');
            }
          }
        },
      };
    },
  };
}
