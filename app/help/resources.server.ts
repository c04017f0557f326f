// Help lines as data (DOMAIN.md, decision 0010): the facts once in content/help/lines.json
// (numbers, regions, the languages a line answers in, free / anonymous / 24/7), the words per
// language in content/help/<lng>.json. A group's help comes from its organisation's region
// and the session's language; solo play from the language alone.
import { z } from 'zod';
import type { Region } from '~/db/vocabulary';
import { supportedLanguages, type Language } from '~/i18n/config';

export const helpRegions = ['flanders', 'brussels', 'wallonia'] as const;
export type HelpRegion = (typeof helpRegions)[number];

const lineSchema = z
  .object({
    id: z.string().min(1),
    audience: z.enum(['everyone', 'girls', 'professionals']),
    phone: z.string().optional(),
    email: z.string().email().optional(),
    /** Where to chat (a site or an app), shown as text: no request leaves this site. */
    chat: z.string().optional(),
    website: z.string().optional(),
    regions: z.array(z.enum(helpRegions)).min(1),
    languages: z.array(z.enum(supportedLanguages)).min(1),
    free: z.boolean(),
    anonymous: z.boolean(),
    allDay: z.boolean(),
  })
  .strict();
const linesFileSchema = z.object({ lines: z.array(lineSchema).min(1) }).strict();
const wordsFileSchema = z.object({ lines: z.record(z.string(), z.object({ name: z.string().min(1), description: z.string().min(1) }).strict()) }).strict();

export type HelpLine = z.infer<typeof lineSchema>;
export type HelpResource = HelpLine & { name: string; description: string };

const files = import.meta.glob<{ default: unknown }>('../../content/help/*.json', { eager: true });

/** Every line in every language, validated; a bad file, or a line without words in a language, names itself. */
export function loadHelpResources(): Record<Language, HelpResource[]> {
  const fileOf = (name: string) => files[`../../content/help/${name}.json`]?.default;
  const parse = <T>(name: string, schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(fileOf(name));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`content/help/${name}.json: ${issue.path.join('.')}: ${issue.message}`);
    }
    return parsed.data;
  };
  const { lines } = parse('lines', linesFileSchema);
  const byLanguage = {} as Record<Language, HelpResource[]>;
  for (const language of supportedLanguages) {
    const words = parse(language, wordsFileSchema).lines;
    byLanguage[language] = lines.map((line) => {
      const own = words[line.id];
      if (!own) throw new Error(`content/help/${language}.json: lines.${line.id}: missing (every line needs a name and description in every language)`);
      return { ...line, ...own };
    });
  }
  return byLanguage;
}

const helpResources = loadHelpResources();

/** The help region of an organisation's province. */
export function helpRegionOf(province: Region): HelpRegion {
  if (province === 'brussel') return 'brussels';
  if (['henegouwen', 'luik', 'luxemburg', 'namen', 'waals_brabant'].includes(province)) return 'wallonia';
  return 'flanders';
}

/** Solo play knows no organisation: Dutch is read as Flanders, French as Wallonia, English as Brussels. */
const regionOfLanguage: Record<Language, HelpRegion> = { nl: 'flanders', fr: 'wallonia', en: 'brussels' };

/**
 * The lines of a region that answer in the language (English has few: there every line of the
 * region is listed, each saying its languages). Without a region: the language's own region.
 */
export function helpResourcesFor(language: Language, region: HelpRegion = regionOfLanguage[language]): HelpResource[] {
  return helpResources[language].filter((line) => line.regions.includes(region) && (language === 'en' || line.languages.includes(language)));
}

/** What a girl is shown (the player, the tablet, the projector): not the professionals' reporting points. */
export function helpResourcesForGirls(language: Language, region?: HelpRegion): HelpResource[] {
  return helpResourcesFor(language, region).filter((line) => line.audience !== 'professionals');
}
