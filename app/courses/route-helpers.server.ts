// What every course route does first: the course from the URL (404 when unknown) and the
// reader's language.
import { json } from '@remix-run/node';
import { isLanguage, type Language } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { courseLibrary } from '~/runtime.server';
import type { LoadedCourse } from './load.server';

export async function courseFromParams(id: string | undefined): Promise<LoadedCourse> {
  const loaded = id ? (await courseLibrary()).course(id) : undefined;
  if (!loaded) throw json({ reason: 'notFound' }, { status: 404 });
  return loaded;
}

export async function readerLanguage(request: Request): Promise<Language> {
  const locale = await i18next.getLocale(request);
  return isLanguage(locale) ? locale : 'nl';
}
