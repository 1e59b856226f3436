import type { Actor, Credentials } from '../access/index.js';

/**
 * One subscriber connection (a WebSocket): who it is as of the last check of its credentials,
 * until when those hold, and what to do when they stop holding (close the socket).
 */
export class EventSession {
  closed = false;

  constructor(
    public actor: Actor,
    public expiresAt: Date | undefined,
    /** What the connection presented, kept to re-authenticate it; undefined for anonymous ones. */
    readonly credentials: Credentials | undefined,
    /** Told once, with a reason for the client, when the credentials stop being valid. */
    readonly onRevoked: (reason: string) => void,
  ) {}
}
