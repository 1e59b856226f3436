import type { FastifyRequest } from 'fastify';
import type { Actor } from '@strata/services/access';

/** The actor the app authenticated a request as (bad credentials never reach a route). */
export type ActorOf = (request: FastifyRequest) => Actor;
