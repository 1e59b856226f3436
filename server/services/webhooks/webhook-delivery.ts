import type { DeliveryOutcome, JobRun, RetryPolicy, WebhookRecord } from '@strata/models';
import { OPERATOR, type Actor } from '../access/actor.js';
import { roleOf } from '../access/role-of.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { signatureOf } from './webhook-signature.js';

/** How deliveries are made. */
export interface DeliverySettings {
  /** Strata's version, in the User-Agent. */
  version: string;
  /** How long a receiver has to answer. */
  timeoutMs: number;
  retry: RetryPolicy;
}

/** The job of a delivery. */
export interface DeliveryJob {
  deliveryId: string;
}

/** How much of a receiver's answer is kept. */
const BODY_KEPT = 2000;

/**
 * One attempt of a delivery (a pg-boss job handler): POSTs the event, signed, and records what
 * the receiver answered. A 2xx is done; anything else throws, so pg-boss retries with backoff and,
 * after the last retry, the delivery stays `failed` (dead-lettered) until redelivered by hand.
 * The webhook's creator must still administer the dataset, or the webhook is deactivated.
 */
export async function deliverWebhook(
  deps: VersioningDeps,
  settings: DeliverySettings,
  run: JobRun<DeliveryJob>,
): Promise<void> {
  const read = deps.database.read();
  const delivery = await read.webhooks.delivery(run.data.deliveryId);
  // Deleted with its webhook: nothing to send.
  if (delivery === undefined) return;
  const hook = await read.webhooks.get(delivery.webhookId);
  const dataset = hook === undefined ? undefined : await read.datasets.findById(hook.datasetId);
  if (hook === undefined || dataset === undefined) return;
  const finish = (outcome: DeliveryOutcome) =>
    deps.database.transaction((repositories) => repositories.webhooks.finishAttempt(delivery.id, outcome, deps.now()));
  if (!hook.active) {
    await finish({ state: 'failed', responseStatus: null, responseBody: null, lastError: 'The webhook is inactive.' });
    return;
  }
  if (!(await creatorAdministers(deps, hook, dataset))) {
    await deactivate(deps, hook);
    await finish({
      state: 'failed',
      responseStatus: null,
      responseBody: null,
      lastError: 'The webhook was deactivated: its creator no longer administers the dataset.',
    });
    return;
  }
  const [event] = await read.audit.afterWithDatasets(delivery.eventSeq - 1, 1);
  if (event?.seq !== delivery.eventSeq) throw new Error(`audit event ${delivery.eventSeq} is missing`);
  const body = JSON.stringify({
    id: delivery.id,
    action: event.action,
    seq: event.seq,
    occurredAt: event.at.toISOString(),
    dataset: { owner: dataset.owner, name: dataset.name },
    actor: event.actorLogin === null ? null : { login: event.actorLogin },
    subject: event.subject,
    data: JSON.parse(event.data) as unknown,
    webhook: { id: hook.id },
  });
  await deps.database.transaction((repositories) => repositories.webhooks.startAttempt(delivery.id, deps.now()));
  const answer = await post(
    hook.url,
    body,
    {
      'content-type': 'application/json',
      'user-agent': `Strata-Hookshot/${settings.version}`,
      'strata-event': event.action,
      'strata-delivery': delivery.id,
      'strata-signature-256': signatureOf(hook.secret, body),
    },
    settings.timeoutMs,
  );
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  await finish({
    state: ok ? 'done' : run.last ? 'failed' : 'retrying',
    responseStatus: answer.status,
    responseBody: answer.body,
    lastError: ok ? null : answer.error,
  });
  if (!ok) throw new Error(answer.error ?? 'delivery failed');
}

interface Answer {
  status: number | null;
  body: string | null;
  error: string | null;
}

/** POSTs without following redirects (a 3xx is an answer, and a failure); never throws. */
async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await leadingText(response);
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, body: text, error: ok ? null : `The receiver answered HTTP ${response.status}.` };
  } catch (error) {
    return { status: null, body: null, error: failureOf(error, timeoutMs) };
  }
}

/** The first BODY_KEPT characters of the body, without reading the rest. */
async function leadingText(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < BODY_KEPT) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut short still tells what it began with.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, BODY_KEPT);
}

function failureOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `No answer within ${timeoutMs} ms.`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined)
    return `The request failed: ${cause.code}${cause.message ? ` (${cause.message})` : ''}.`;
  return `The request failed: ${error instanceof Error ? error.message : String(error)}.`;
}

async function creatorAdministers(
  deps: VersioningDeps,
  hook: WebhookRecord,
  dataset: Parameters<typeof roleOf>[2],
): Promise<boolean> {
  if (hook.creatorId === null) return false;
  const account = await deps.database.read().accounts.findById(hook.creatorId);
  if (account === undefined || account.disabledAt !== null || account.kind !== 'user') return false;
  const creator: Actor = { kind: 'user', userId: account.id, login: account.login, siteAdmin: account.siteAdmin };
  return (await roleOf(deps, creator, dataset)) === 'admin';
}

async function deactivate(deps: VersioningDeps, hook: WebhookRecord): Promise<void> {
  await deps.database.transaction(async (repositories) => {
    const current = await repositories.webhooks.get(hook.id, true);
    if (current?.active !== true) return;
    await repositories.webhooks.update(hook.id, { active: false }, deps.now());
    await recordEvent(repositories, deps, OPERATOR, 'webhook.deactivated', {
      datasetId: hook.datasetId,
      data: { webhook: hook.id, reason: 'creator no longer administers the dataset' },
    });
  });
}
