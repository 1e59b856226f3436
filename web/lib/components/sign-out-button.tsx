'use client';

import { useState } from 'react';

/** Ends the session (DELETE /auth/session) and reloads the datasets as anyone sees them. */
export function SignOutButton() {
  const [failed, setFailed] = useState(false);
  const signOut = () => {
    fetch('/auth/session', { method: 'DELETE' }).then(
      (response) => (response.ok ? window.location.assign('/') : setFailed(true)),
      () => setFailed(true),
    );
  };
  return (
    <>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
      {failed && <span role="alert"> Signing out failed: the server did not answer.</span>}
    </>
  );
}
