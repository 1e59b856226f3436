import Link from 'next/link';
import { ApiError } from '../api';

/** What went wrong, in words, with the API's code: never a blank page. */
export function ErrorNotice({ title, error }: { title: string; error: unknown }) {
  const message = error instanceof ApiError ? error.message : 'Something unexpected went wrong.';
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <section className="notice" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      {code !== undefined && (
        <p className="muted">
          Code: <code>{code}</code>
        </p>
      )}
      <p>
        <Link href="/">Back to the datasets</Link>
      </p>
    </section>
  );
}
