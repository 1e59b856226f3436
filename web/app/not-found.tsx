import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="notice" role="alert">
      <h1>Not found</h1>
      <p>
        Nothing is at this address: no such dataset, or you may not read it. If it is private,{' '}
        <Link href="/sign-in">sign in</Link> first.
      </p>
      <p>
        <Link href="/">Back to the datasets</Link>
      </p>
    </section>
  );
}
