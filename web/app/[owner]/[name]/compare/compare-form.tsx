import { paths } from '../../../../lib/paths';

/** Two refs to compare: a plain GET form to /compare?from=&to=, which redirects to /compare/{from}...{to}. */
export function CompareForm({ owner, name, from, to }: { owner: string; name: string; from: string; to: string }) {
  return (
    <form
      className="inline"
      method="get"
      action={`${paths.dataset(owner, name)}/compare`}
      aria-label="Pick two versions"
    >
      <div>
        <label htmlFor="compare-from">From (branch, tag or commit)</label>
        <input id="compare-from" name="from" defaultValue={from} required />
      </div>
      <div>
        <label htmlFor="compare-to">To</label>
        <input id="compare-to" name="to" defaultValue={to} required />
      </div>
      <button type="submit">Compare</button>
    </form>
  );
}
