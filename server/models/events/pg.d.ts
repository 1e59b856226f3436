// The part of the `pg` driver (the one @mikro-orm/postgresql runs on) the event listener uses:
// one dedicated connection that LISTENs. The package ships no types of its own.
declare module 'pg' {
  export interface Notification {
    channel: string;
    payload?: string;
  }

  export class Client {
    constructor(config: { connectionString: string; application_name?: string });
    connect(): Promise<void>;
    query(text: string): Promise<unknown>;
    end(): Promise<void>;
    on(event: 'notification', listener: (message: Notification) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'end', listener: () => void): this;
  }

  const pg: { Client: typeof Client };
  export default pg;
}
