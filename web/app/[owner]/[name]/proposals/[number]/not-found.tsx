import { ThreadNotFound } from '../../../../../lib/components/thread-not-found';

/** An unknown proposal number: a 404 that says which. */
export default function NotFound() {
  return <ThreadNotFound kind="proposal" />;
}
