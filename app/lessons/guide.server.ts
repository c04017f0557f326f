// The facilitator's guide of a module × variant in one language (decision 0010): the module's
// `guide.*` texts, a script per step (guideKey + minutes), and the parts every module shares
// (content/guides/<lng>.json: the disclosure protocol, aftercare, the evaluation).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { supportedLanguages, type Language } from '~/i18n/config';
import { stepLabel } from '~/play/texts';
import { reachableFrom, stepsById } from './graph';
import type { ResolvedLesson } from './resolved';
import { findModuleText } from './texts';

const sharedSchema = z
  .object({
    headings: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())])),
    disclosure: z.string().min(1),
    aftercare: z.string().min(1),
    evaluation: z.string().min(1),
  })
  .strict();
export type SharedGuide = z.infer<typeof sharedSchema>;

const files = import.meta.glob<{ default: unknown }>('../../content/guides/*.json', { eager: true });
const shared = Object.fromEntries(
  supportedLanguages.map((language) => {
    const parsed = sharedSchema.safeParse(files[`../../content/guides/${language}.json`]?.default);
    if (!parsed.success) throw new Error(`content/guides/${language}.json: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    return [language, parsed.data];
  }),
) as Record<Language, SharedGuide>;

export interface ModuleGuide {
  title: string;
  durationMinutes: number;
  aims: string;
  keyMessages: string[];
  background: string;
  preparation: string;
  offline: string;
  aftercare: string;
  steps: { id: string; type: string; label: string; minutes: number | null; note: string }[];
  /** Printable materials under public/modules/<id>/print/. */
  printables: string[];
  shared: SharedGuide;
}

export function moduleGuide(lesson: ResolvedLesson, language: Language, publicRoot = path.join(process.cwd(), 'public')): ModuleGuide {
  const texts = lesson.texts[language] ?? {};
  const text = (key: string) => findModuleText(texts, key) ?? '';
  const { module } = lesson;
  const printFolder = path.join(publicRoot, 'modules', module.id, 'print');
  return {
    title: text(module.titleKey),
    durationMinutes: module.durationMinutes,
    aims: text('guide.aims'),
    keyMessages: ['one', 'two', 'three'].map((n) => text(`guide.keyMessages.${n}`)).filter(Boolean),
    background: text('guide.background'),
    preparation: text('guide.preparation'),
    offline: text('guide.offline'),
    aftercare: text('guide.aftercare'),
    // In the order a group meets them (breadth-first from the start), not the file's order.
    steps: [...reachableFrom(module)]
      .map((id) => stepsById(module).get(id)!)
      .map((step) => ({
        id: step.id,
        type: step.type,
        label: stepLabel(step, texts, 90),
        minutes: step.minutes ?? null,
        note: step.guideKey ? text(step.guideKey) : '',
      })),
    printables: existsSync(printFolder)
      ? readdirSync(printFolder)
          .filter((name) => name.endsWith('.svg'))
          .map((name) => `/modules/${module.id}/print/${name}`)
      : [],
    shared: shared[language],
  };
}
