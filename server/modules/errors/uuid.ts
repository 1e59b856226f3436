const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a client-given id is a UUID: check before it reaches a `uuid` column, where PostgreSQL
 * would refuse the cast with an error that is the database's, not a clear `*.not_found`.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
