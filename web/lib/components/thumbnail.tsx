'use client';

import { useState } from 'react';

/** A series' thumbnail (WADO-RS `/thumbnail`); says so in words when it cannot be rendered. */
export function Thumbnail({ src, alt }: { src: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="thumbnail-missing">No preview: this series could not be rendered.</span>;
  return (
    // A plain <img>, not next/image: the optimizer would fetch it without the user's session, and
    // the server already renders it at the size shown.
    // eslint-disable-next-line @next/next/no-img-element
    <img className="thumbnail" src={src} alt={alt} width={96} height={96} onError={() => setFailed(true)} />
  );
}
