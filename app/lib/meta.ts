import type { MetaFunction } from '@remix-run/node';

/** Routes whose loader returns a translated `title` get "<title> · Weerbaar". */
export const titleFromLoader: MetaFunction = ({ data }) => {
  const title = (data as { title?: string } | undefined)?.title;
  return [{ title: title ? `${title} · Weerbaar` : 'Weerbaar' }];
};
