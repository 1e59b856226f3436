import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '../lib/components/sign-out-button';
import { paths } from '../lib/paths';
import { currentUser } from '../lib/viewer';
import './global.css';

export const metadata: Metadata = {
  title: { default: 'Strata', template: '%s · Strata' },
  description: 'Versioned DICOM datasets where every branch, tag and commit is a DICOMweb endpoint.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        {/* Not prefetched: on a viewer page, prefetching them competes with the first image. */}
        <header className="site">
          <Link prefetch={false} href="/" className="brand">
            Strata
          </Link>
          <nav aria-label="Account">
            {user === undefined ? (
              <Link prefetch={false} href={paths.signIn()}>
                Sign in
              </Link>
            ) : (
              <>
                <span>
                  Signed in as{' '}
                  <Link prefetch={false} href={paths.owner(user.login)}>
                    {user.login}
                  </Link>
                </span>{' '}
                <Link prefetch={false} href={paths.tokens()}>
                  Tokens
                </Link>{' '}
                {user.siteAdmin && (
                  <>
                    <Link prefetch={false} href={paths.siteAudit()}>
                      Audit log
                    </Link>{' '}
                  </>
                )}
                <SignOutButton />
              </>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
