import { json } from '@remix-run/node';
import { type Reason, messageOf, statusOf } from '~/reasons';

/**
 * The response a refused request gets (decision 0022): its reason's status, and a body that
 * names the reason and its message key: `{ reason, message }`. Thrown or returned by routes.
 */
export function refusal<R extends Reason>(reason: R, init: { headers?: HeadersInit } = {}) {
  return json({ reason, message: messageOf(reason) }, { status: statusOf(reason), headers: init.headers });
}
