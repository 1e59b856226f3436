import type { Metadata } from 'next';
import { apiFetch } from '../../lib/api';
import { safeReturnTo } from '../../lib/paths';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

interface Providers {
  password: boolean;
  oidc: { loginUrl: string } | null;
}

async function providers(): Promise<Providers> {
  const response = await apiFetch('/auth/providers').catch(() => undefined);
  if (response?.ok !== true) return { password: true, oidc: null };
  return (await response.json()) as Providers;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const returnTo = safeReturnTo((await searchParams).returnTo);
  const { oidc } = await providers();
  return (
    <section className="stack" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Strata</h1>
      <SignInForm returnTo={returnTo} />
      {oidc !== null && (
        <p>
          <a href={`${oidc.loginUrl}?returnTo=${encodeURIComponent(returnTo)}`}>Sign in with SSO</a>
        </p>
      )}
    </section>
  );
}
