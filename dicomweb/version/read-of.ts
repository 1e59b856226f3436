import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataRead } from '@strata/services/audit';
import type { ActorOf } from './actor-of.js';
import { COMMIT_HEADER } from './version-headers.js';
import { versionOf } from './version-of.js';

/** Called for every answered read of a version's data, after the response went out. */
export type OnRead = (read: DataRead) => void;

/** The longest purpose a client may declare (`Strata-Purpose`); longer is cut. */
const MAX_PURPOSE = 200;

/**
 * The read a DICOMweb response was, if it was one: a GET answered with content (200 or 206) from
 * a version (it names its commit). A 304 repeats nothing the client did not already hold.
 */
export function readOf(
  request: FastifyRequest,
  reply: FastifyReply,
  actorOf: ActorOf,
  alias: string | undefined,
): DataRead | undefined {
  if (request.method !== 'GET' || (reply.statusCode !== 200 && reply.statusCode !== 206)) return undefined;
  const commit = reply.getHeader(COMMIT_HEADER);
  if (typeof commit !== 'string') return undefined;
  const { study } = request.params as { study?: string };
  const purpose = purposeOf(request.headers['strata-purpose']);
  return {
    actor: actorOf(request),
    dataset: versionOf(request, alias).dataset,
    commit,
    resource: resourceOf(request.routeOptions.url ?? ''),
    ...(study !== undefined && { study }),
    ip: request.ip,
    ...(purpose !== undefined && { purpose }),
    at: new Date(),
  };
}

/** What a route reads, from its pattern: `…/studies/:study/series` is a search, `…/:series` a retrieve. */
export function resourceOf(route: string): string {
  const last = route.split('/').at(-1) ?? '';
  if (route.includes('/bulkdata/')) return 'bulkdata';
  if (route.includes('/frames/') && last !== 'rendered') return 'frames';
  if (last === 'wado') return 'wado-uri';
  if (last === 'studies' || last === 'series' || last === 'instances') return 'qido';
  if (last.startsWith(':')) return 'instances';
  return last;
}

function purposeOf(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header.join(', ') : header)?.trim();
  if (value === undefined || value === '') return undefined;
  // Printable text only: the log must not carry control characters from a client.
  return [...value.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?')].slice(0, MAX_PURPOSE).join('');
}
