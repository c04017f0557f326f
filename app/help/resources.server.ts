import { z } from 'zod';
import type { Language } from '~/i18n/config';

const helpResourceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phone: z.string().optional(),
  email: z.string().email().optional(),
  description: z.string().min(1),
  audience: z.enum(['everyone', 'girls', 'professionals']),
});
const helpFileSchema = z.object({ resources: z.array(helpResourceSchema).min(1) });
export type HelpResource = z.infer<typeof helpResourceSchema>;

const files = import.meta.glob<{ default: unknown }>('../../content/help/*.json', { eager: true });

/** The help resources, one data file per language, validated; a bad file names itself. */
export function loadHelpResources(): Record<string, HelpResource[]> {
  const byLanguage: Record<string, HelpResource[]> = {};
  for (const [file, module] of Object.entries(files)) {
    const parsed = helpFileSchema.safeParse(module.default);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file.replace('../../', '')}: ${issue.path.join('.')}: ${issue.message}`);
    }
    byLanguage[file.split('/').pop()!.replace('.json', '')] = parsed.data.resources;
  }
  return byLanguage;
}

const helpResources = loadHelpResources();

export function helpResourcesFor(language: Language): HelpResource[] {
  return helpResources[language] ?? helpResources.nl ?? [];
}

/** What a girl is shown (the player, the tablet, the projector): not the professionals' reporting point. */
export function helpResourcesForGirls(language: Language): HelpResource[] {
  return helpResourcesFor(language).filter((r) => r.audience !== 'professionals');
}
