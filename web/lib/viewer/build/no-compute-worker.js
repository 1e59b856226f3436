// A Turbopack loader for @cornerstonejs/tools' registerComputeWorker.js. Its compute worker imports
// the segmentation utilities, which import registerComputeWorker again: a worker that spawns
// itself, on which `next build` with Turbopack waits forever at 0% CPU (vercel/next.js#97399,
// fixed by the still open #97956). The viewer uses no segmentation statistics or contours, the
// only users of that worker, so it is left out of the bundle; asking for it says so.
export default function noComputeWorker() {
  return [
    'export function registerComputeWorker() {',
    "  throw new Error('Strata bundles no Cornerstone compute worker (segmentation statistics and contours are not used).');",
    '}',
    '',
  ].join('\n');
}
