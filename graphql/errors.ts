import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isStrataError, storageFullOf } from '@strata/modules/errors';

/**
 * The errors a client sees: a StrataError keeps its stable code (the same as over HTTP) and its
 * message; GraphQL's own (syntax, validation, limits) keep theirs; anything else is masked as
 * `internal`, its details left to the server log.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const thrown = error instanceof GraphQLError && error.originalError !== undefined ? error.originalError : error;
  // A disk that filled up is not an internal error: the client may retry once space is freed.
  const original = (isStrataError(thrown) && thrown.kind !== 'internal' ? undefined : storageFullOf(thrown)) ?? thrown;
  if (isStrataError(original)) {
    const internal = original.kind === 'internal';
    return {
      ...formatted,
      message: internal ? 'Internal error; the server log has the details.' : original.message,
      extensions: {
        code: original.code,
        ...(!internal && original.details !== undefined && { details: original.details }),
      },
    };
  }
  // An error thrown by a resolver that is not ours (a bug, a driver failure): nothing of it leaks.
  if (error instanceof GraphQLError && error.originalError !== undefined && !(original instanceof GraphQLError)) {
    return {
      message: 'Internal error; the server log has the details.',
      ...(formatted.locations !== undefined && { locations: formatted.locations }),
      ...(formatted.path !== undefined && { path: formatted.path }),
      extensions: { code: 'internal' },
    };
  }
  return formatted;
}
