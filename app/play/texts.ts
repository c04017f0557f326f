import type { LessonTexts } from '~/lessons/schema';

/** A module text by its key ("steps.welkom.panel1"); the key itself if missing (the content check forbids that). */
export function moduleText(texts: LessonTexts, key: string | undefined): string {
  if (!key) return '';
  let node: string | LessonTexts | undefined = texts;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return key;
    node = node[part];
  }
  return typeof node === 'string' ? node : key;
}
