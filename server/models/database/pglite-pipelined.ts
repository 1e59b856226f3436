import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/** Parameter types remembered, by statement text; past this many, the memory starts again. */
const MAX_REMEMBERED = 4096;

/** A statement that can change what a statement text's parameters are (a column's type, say). */
const SCHEMA_CHANGE = /^\s*(?:alter|create|drop|do)\b/i;
/** The same, anywhere in a script of several statements (`do` only as a block, not `on conflict do`). */
const SCRIPT_SCHEMA_CHANGE = /\b(?:alter|create|drop)\b|\bdo\s+(?:\$|language\b)/i;

/**
 * Makes `pglite.query` (and a transaction's `query`) send each statement to PostgreSQL as one
 * pipelined batch, Parse, Bind, Describe, Execute and Sync together, where PGlite 0.5 sends six
 * batches (it first asks PostgreSQL for the parameters' types, to pick each value's serializer,
 * and then sends Bind, Describe, Execute and Sync one at a time). Each batch is a pass through
 * PostgreSQL's WebAssembly loop and a round of promises: in memory, a one-row select by key took
 * 120–200 µs as six batches and 54–72 µs as one. On a data directory the statements' own work
 * weighs more; there a STOW-RS request's PGlite JavaScript fell by a quarter and its
 * WebAssembly time did not change (docs/design/dicomweb.md).
 *
 * The result is PGlite's own: its serializers pick each value's text by the type PostgreSQL
 * described (asked once per statement text, then remembered, and forgotten whenever a statement
 * that may change the schema runs), its parsers read the rows (`parse.parseResults`), and its
 * mutexes order the statements as PGlite's `query` does. A statement with a `blob` (COPY to or
 * from /dev/blob) goes through PGlite's own `query`.
 */
export function pipelineQueries(pglite: PGlite): void {
  const typesOf = new Map<string, number[]>();
  const original = {
    query: pglite.query.bind(pglite),
    exec: pglite.exec.bind(pglite),
    transaction: pglite.transaction.bind(pglite),
  };

  async function run<T>(
    sql: string,
    params: readonly unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Results<T>> {
    const onNotice = options?.onNotice;
    const exec = (message: Uint8Array) =>
      pglite.execProtocol(message, { syncToFs: false, ...(onNotice !== undefined && { onNotice }) });
    const parseMessage = protocol.serialize.parse({
      text: sql,
      ...(options?.paramTypes && { types: options.paramTypes }),
    });
    try {
      const key = options?.paramTypes === undefined ? sql : `${sql}\u0000${options.paramTypes.join(',')}`;
      let types = params.length === 0 ? [] : typesOf.get(key);
      if (types === undefined) {
        const described = await exec(
          concat([parseMessage, protocol.serialize.describe({ type: 'S' }), protocol.serialize.sync()]),
        );
        types = parse.parseDescribeStatementResults(described.messages);
        if (typesOf.size >= MAX_REMEMBERED) typesOf.clear();
        typesOf.set(key, types);
      }
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = types[i] ?? 0;
        const serializer = options?.serializers?.[type] ?? pglite.serializers[type];
        if (serializer !== undefined) return serializer(value);
        // As PGlite's query: a value whose type has no serializer is sent as its own text.
        // eslint-disable-next-line @typescript-eslint/no-base-to-string
        return String(value);
      });
      const { messages } = await exec(
        concat([
          parseMessage,
          protocol.serialize.bind({ values }),
          protocol.serialize.describe({ type: 'P' }),
          protocol.serialize.execute({}),
          protocol.serialize.sync(),
        ]),
      );
      // As PGlite's query: outside a transaction, the data directory is brought up to date.
      if (!inTransaction) await pglite.syncToFs();
      return parse.parseResults(messages, pglite.parsers, options)[0] as Results<T>;
    } catch (error) {
      // PGlite's query names the statement on the errors it throws; so does this.
      if (error instanceof Error) Object.assign(error, { query: sql, params, queryOptions: options });
      throw error;
    } finally {
      if (SCHEMA_CHANGE.test(sql)) typesOf.clear();
    }
  }

  /** Runs a script of statements, then forgets the parameter types if it may have changed the schema. */
  async function script<R>(sql: string, work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } finally {
      if (SCRIPT_SCHEMA_CHANGE.test(sql)) typesOf.clear();
    }
  }

  const usesBlob = (sql: string, options: QueryOptions | undefined) =>
    options?.blob !== undefined || sql.includes('/dev/blob');

  pglite.query = async <T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
    if (usesBlob(sql, options)) return original.query<T>(sql, params, options);
    await pglite._checkReady();
    return pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(() => run<T>(sql, params, options, false)));
  };
  pglite.exec = (sql: string, options?: QueryOptions) => script(sql, () => original.exec(sql, options));
  pglite.transaction = <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> =>
    original.transaction((tx) => {
      const pipelined: Transaction = Object.create(tx) as Transaction;
      pipelined.query = async <R>(sql: string, params: unknown[] = [], options?: QueryOptions) => {
        if (usesBlob(sql, options)) return tx.query<R>(sql, params, options);
        if (tx.closed) throw new Error('Transaction is closed');
        return pglite._runExclusiveQuery(() => run<R>(sql, params, options, true));
      };
      pipelined.exec = (sql: string, options?: QueryOptions) => script(sql, () => tx.exec(sql, options));
      return callback(pipelined);
    });
}

function concat(messages: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(messages.reduce((size, message) => size + message.byteLength, 0));
  let at = 0;
  for (const message of messages) {
    out.set(message, at);
    at += message.byteLength;
  }
  return out;
}
