// What every training-day route does first: the reader's language, the day from the URL
// (404 when unknown, without saying more).
import { json } from '@remix-run/node';
import { isLanguage, type Language } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { db } from '~/runtime.server';
import { findTrainingDay } from './training-days.server';

export async function readerLanguage(request: Request): Promise<Language> {
  const locale = await i18next.getLocale(request);
  return isLanguage(locale) ? locale : 'nl';
}

export async function trainingDayFromParams(id: string | undefined) {
  const day = await findTrainingDay(await db(), id);
  if (!day) throw json({ reason: 'notFound' }, { status: 404 });
  return day;
}
