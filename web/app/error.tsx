'use client';

/** The last resort for an unexpected failure: a message and a retry, never a blank page. */
export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="notice" role="alert">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Try again; if it keeps failing, quote the reference below to the operator.</p>
      {error.digest !== undefined && (
        <p className="muted">
          Reference: <code>{error.digest}</code>
        </p>
      )}
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
