import { notFound, redirect } from 'next/navigation';
import { ApiError } from './api';
import { paths } from './paths';

/**
 * What every dataset page does with a refusal of the dataset itself: an anonymous visitor goes
 * to sign in and back, an unknown (or unreadable) dataset is a 404. Other errors stay with the page.
 */
export function leaveUnlessReadable(error: unknown, returnTo: string): void {
  if (error instanceof ApiError && error.code === 'auth.required') redirect(paths.signIn(returnTo));
  if (error instanceof ApiError && error.code === 'dataset.not_found') notFound();
}

/** A search parameter's single value, or undefined. */
export function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A short date and time for people, from an ISO string. */
export function when(iso: string) {
  return <time dateTime={iso}>{iso.replace('T', ' ').slice(0, 16)}</time>;
}
