import type { LessonStep, LessonTexts } from '~/lessons/schema';
import { findModuleText } from '~/lessons/texts';

/** A module text to show, by its key; the key itself if missing (the content check forbids that). */
export function moduleText(texts: LessonTexts, key: string | undefined): string {
  return key ? (findModuleText(texts, key) ?? key) : '';
}

/** A step named by its own first words, for lists (the facilitator's counts, the evaluation). */
export function stepLabel(step: LessonStep, texts: LessonTexts, maxLength = 70): string {
  const key = (() => {
    switch (step.type) {
      case 'story':
        return step.mode === 'chat' ? step.messages?.[0]?.textKey : step.panels?.[0]?.textKey;
      case 'choice':
      case 'sort':
      case 'body-map':
        return step.promptKey;
      case 'quiz':
      case 'poll':
      case 'reflection':
        return step.questionKey;
      case 'video':
        return step.transcriptKey;
      case 'offline':
        return step.titleKey;
      case 'help':
        return step.introKey;
      case 'end':
        return step.summaryKeys[0];
    }
  })();
  const text = moduleText(texts, key);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
