import type { LessonTexts } from './schema';

/**
 * THE lookup of a module text by its key ("steps.welkom.panel1"), or undefined when there is
 * none: the content check says which are missing, the screens show them (`moduleText`), the
 * guide leaves them out.
 */
export function findModuleText(texts: LessonTexts | undefined, key: string): string | undefined {
  let node: string | LessonTexts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}
