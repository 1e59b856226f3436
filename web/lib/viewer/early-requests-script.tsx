import { earlyRequestsScript, type EarlyRequest } from './early-requests';

/**
 * The inline script that starts a viewer page's first requests (see early-requests.ts). Its only
 * data is JSON with every `<` escaped, so nothing in it can close the script element.
 */
export function EarlyRequests({ requests }: { requests: EarlyRequest[] }) {
  // eslint-disable-next-line @eslint-react/dom-no-dangerously-set-innerhtml -- a script built from escaped JSON, no markup
  return <script dangerouslySetInnerHTML={{ __html: earlyRequestsScript(requests) }} />;
}
