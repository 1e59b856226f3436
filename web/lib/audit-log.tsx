import Link from 'next/link';
import { graphql } from '../gql';
import type { AuditLogQuery } from '../gql/graphql';
import { query } from './api';
import { when } from './page-access';

const AuditLogQueryDocument = graphql(`
  query AuditLog($dataset: String, $action: String, $actor: String, $after: String) {
    auditLog(dataset: $dataset, action: $action, actor: $actor, after: $after, first: 50) {
      nodes {
        seq
        at
        action
        actor
        dataset
        subject
        data
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export interface AuditFilter {
  dataset?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  after?: string | undefined;
}

/** A page of the audit log as the signed-in user may read it (a dataset's admins, or site admins). */
export function auditPage(filter: AuditFilter) {
  return query(AuditLogQueryDocument, {
    dataset: filter.dataset ?? null,
    action: filter.action ?? null,
    actor: filter.actor ?? null,
    after: filter.after ?? null,
  });
}

/** The filter form (a plain GET form: it works without JavaScript) and the events, newest first. */
export function AuditLog(props: {
  log: AuditLogQuery['auditLog'];
  filter: AuditFilter;
  action: string;
  withDataset: boolean;
  next: (after: string) => string;
}) {
  const { nodes, pageInfo } = props.log;
  return (
    <div className="stack">
      <form className="inline" method="get" action={props.action} role="search" aria-label="Filter the audit log">
        {props.withDataset && (
          <div>
            <label htmlFor="audit-dataset">Dataset</label>
            <input id="audit-dataset" name="dataset" defaultValue={props.filter.dataset} placeholder="owner/name" />
          </div>
        )}
        <div>
          <label htmlFor="audit-action">Action or prefix</label>
          <input
            id="audit-action"
            name="action"
            defaultValue={props.filter.action}
            placeholder="dataset."
            aria-describedby="audit-action-help"
          />
        </div>
        <div>
          <label htmlFor="audit-actor">Actor</label>
          <input id="audit-actor" name="actor" defaultValue={props.filter.actor} placeholder="login" />
        </div>
        <button type="submit">Filter</button>
        <a href={props.action}>Clear</a>
        <p id="audit-action-help" className="muted help">
          An action (<code>token.created</code>) or a prefix ending in a dot (<code>release.</code>).
        </p>
      </form>
      {nodes.length === 0 ? (
        <p>No events match.</p>
      ) : (
        <table>
          <caption className="muted">Events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Actor</th>
              {props.withDataset && <th scope="col">Dataset</th>}
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((event) => (
              <tr key={event.seq}>
                <td>{event.seq}</td>
                <td>{when(event.at)}</td>
                <td>
                  <code>{event.action}</code>
                </td>
                <td>{event.actor ?? <span className="muted">operator</span>}</td>
                {props.withDataset && <td>{event.dataset ?? ''}</td>}
                <td className="breakable">{event.subject ?? ''}</td>
                <td>
                  <code className="details">{JSON.stringify(event.data)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pageInfo.hasNextPage && typeof pageInfo.endCursor === 'string' && (
        <p>
          <Link href={props.next(pageInfo.endCursor)}>Older events</Link>
        </p>
      )}
    </div>
  );
}
