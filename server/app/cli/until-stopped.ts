import type { Logger } from 'pino';

const DUPLICATE_SIGNAL_MS = 1500;

/** Waits for SIGTERM or SIGINT, then runs `stop`; a second signal later on exits at once. */
export function untilStopped(logger: Logger, stop: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    let firstSignalAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstSignalAt !== undefined) {
        // A terminal's Ctrl-C reaches both npm and us, and npm forwards it again: only a
        // signal that comes later is a person insisting.
        if (Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      firstSignalAt = Date.now();
      logger.info({ signal }, 'shutting down');
      void stop().then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        resolve();
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
