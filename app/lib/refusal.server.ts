import { json } from '@remix-run/node';
import { type Reason, messageOf, statusOf } from '~/reasons';

/**
 * The response a refused request gets (decision 0022): its reason's status, and a body that
 * names the reason and its message key: `{ reason, message }`. Thrown or returned by routes.
 */
export function refusal<R extends Reason>(reason: R, init: { headers?: HeadersInit } = {}) {
  return json({ reason, message: messageOf(reason) }, { status: statusOf(reason), headers: init.headers });
}

/**
 * A page with a form answers a refusal with the reason's status and its message key as
 * `error` (the page shows `t(error)`), plus what the page needs to show the form again
 * (`extra`, which may also move the message next to a field: `{ error: null, errors }`).
 */
export function refusedForm<R extends Reason, E extends object = object>(reason: R, extra?: E, init: { headers?: HeadersInit } = {}) {
  return json({ reason, error: messageOf(reason) as string | null, ...(extra as E) }, { status: statusOf(reason), headers: init.headers });
}
