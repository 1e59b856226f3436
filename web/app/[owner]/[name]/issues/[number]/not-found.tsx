import { ThreadNotFound } from '../../../../../lib/components/thread-not-found';

/** An unknown issue number: a 404 that says which. */
export default function NotFound() {
  return <ThreadNotFound kind="issue" />;
}
