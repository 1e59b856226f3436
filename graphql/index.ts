// type-graphql reads the types TypeScript records on decorated members: the polyfill comes first.
import 'reflect-metadata';

export { createContext, type GraphqlContext } from './context.js';
export { formatError } from './errors.js';
export { costError, depthLimit, MAX_COST, MAX_DEPTH, operationCost } from './limits.js';
export { buildStrataSchema } from './schema/build-schema.js';
