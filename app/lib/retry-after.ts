import type { HeadersFunction } from '@remix-run/node';

/**
 * A route's `headers` for document requests. When Remix renders the page after an action
 * (a form posted without JavaScript), it keeps only Set-Cookie from the action's headers,
 * so a 429's Retry-After would be lost; this passes it on.
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders, parentHeaders, errorHeaders }) => {
  const headers = new Headers(parentHeaders);
  // errorHeaders: a thrown 429 (rendered by the error boundary) keeps its Retry-After too.
  const retryAfter = actionHeaders.get('Retry-After') ?? loaderHeaders.get('Retry-After') ?? errorHeaders?.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
