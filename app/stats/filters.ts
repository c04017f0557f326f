// The dashboard's filters: read from the query string (a GET form, so it works without
// JavaScript), validated with zod, turned into a half-open period [from, to). Pure.
import { z } from 'zod';
import { type Language, supportedLanguages } from '~/i18n/config';
import { type LessonVariant, lessonVariants } from '~/lessons/schema';
import { type OrganisationType, organisationTypes, type Region, regions } from '~/db/vocabulary';
import { type Result, ok, refused } from '~/lib/result';

/** Belgium's three regions, each a set of provinces (Brussels is its own). */
export const areas = ['flanders', 'brussels', 'wallonia'] as const;
export type Area = (typeof areas)[number];
export const provincesOfArea: Record<Area, readonly Region[]> = {
  flanders: ['antwerpen', 'limburg', 'oost_vlaanderen', 'vlaams_brabant', 'west_vlaanderen'],
  brussels: ['brussel'],
  wallonia: ['henegouwen', 'luik', 'luxemburg', 'namen', 'waals_brabant'],
};
export function areaOf(region: Region): Area {
  return areas.find((area) => provincesOfArea[area].includes(region))!;
}

export const periodKinds = ['year', 'quarter', 'month', 'custom', 'all'] as const;
export type PeriodKind = (typeof periodKinds)[number];

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.literal('')])
    .optional()
    .transform((value) => (value ? value : undefined));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dashboard.errors.date');

export const dashboardQuerySchema = z.object({
  period: z.enum(periodKinds).default('year'),
  year: z.coerce.number().int().min(2019).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  from: z.union([isoDate, z.literal('')]).optional(),
  to: z.union([isoDate, z.literal('')]).optional(),
  place: optionalChoice([...areas, ...regions] as [string, ...string[]]),
  organisationType: optionalChoice(organisationTypes),
  module: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .or(z.literal(''))
    .optional()
    .transform((value) => value || undefined),
  variant: optionalChoice(lessonVariants),
  language: optionalChoice(supportedLanguages),
});
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

export interface DashboardFilters {
  /** Half-open: from ≤ t < to. Null for all time. */
  period: { from: Date; to: Date } | null;
  /** Provinces to count (a region is its provinces); null for all. */
  provinces: readonly Region[] | null;
  organisationType: OrganisationType | null;
  module: string | null;
  variant: LessonVariant | null;
  language: Language | null;
}

export type FilterResult = Result<{ query: DashboardQuery; filters: DashboardFilters }, 'dashboardFilters' | 'dashboardPeriod'>;

/** Reads the filters; an impossible period (custom "to" before "from") is an error, not an empty page. */
export function readDashboardFilters(params: URLSearchParams, now: Date = new Date()): FilterResult {
  // An empty field of the form ("–", "all") means "not chosen".
  const parsed = dashboardQuerySchema.safeParse(Object.fromEntries([...params].filter(([, value]) => value !== '')));
  if (!parsed.success) return refused('dashboardFilters');
  const query = parsed.data;
  const year = query.year ?? now.getUTCFullYear();
  let period: DashboardFilters['period'];
  switch (query.period) {
    case 'all':
      period = null;
      break;
    case 'year':
      period = { from: utc(year, 0), to: utc(year + 1, 0) };
      break;
    case 'quarter': {
      const quarter = query.quarter ?? Math.floor(now.getUTCMonth() / 3) + 1;
      period = { from: utc(year, (quarter - 1) * 3), to: utc(year, quarter * 3) };
      break;
    }
    case 'month': {
      const month = query.month ?? now.getUTCMonth() + 1;
      period = { from: utc(year, month - 1), to: utc(year, month) };
      break;
    }
    case 'custom': {
      if (!query.from || !query.to) return refused('dashboardPeriod');
      const from = new Date(`${query.from}T00:00:00Z`);
      const to = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 24 * 3600 * 1000);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) return refused('dashboardPeriod');
      period = { from, to };
      break;
    }
  }
  const place = query.place as Area | Region | undefined;
  return ok({
    query: { ...query, year },
    filters: {
      period,
      provinces: !place ? null : (areas as readonly string[]).includes(place) ? provincesOfArea[place as Area] : [place as Region],
      organisationType: query.organisationType ?? null,
      module: query.module ?? null,
      variant: query.variant ?? null,
      language: query.language ?? null,
    },
  });
}

function utc(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}
