// What both /verify routes (the form, and a code's page) say to browsers and search engines:
// the page's title, never indexed, and a 429's Retry-After kept for the document.
import type { HeadersFunction, MetaFunction } from '@remix-run/node';
import { keepRetryAfter } from '~/lib/retry-after';

export const verifyMeta: MetaFunction = ({ data }) => [
  { title: `${(data as { title?: string } | undefined)?.title ?? ''} · Weerbaar` },
  { name: 'robots', content: 'noindex, nofollow' },
];

export const verifyHeaders: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  headers.set('X-Robots-Tag', 'noindex, nofollow');
  return headers;
};
