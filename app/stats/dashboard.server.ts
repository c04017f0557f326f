// The dashboard as the page, the CSV and the printed report show it: tables of counts with
// their labels already in the reader's language, girl-derived counts already suppressed.
import type { Kysely } from 'kysely';
import type { AppServices } from '~/context.server';
import { type Database, organisationTypes, professions, type Region, regions, roles, userStatuses } from '~/db/schema.server';
import { type Language } from '~/i18n/config';
import { type CourseLibrary, courseText } from '~/courses/load.server';
import type { LessonLibrary } from '~/lessons/load.server';
import { moduleText } from '~/play/texts';
import { type Result, ok, refused } from '~/lib/result';
import { type Area, areaOf, areas, type DashboardFilters, type DashboardQuery, type FilterResult, readDashboardFilters } from './filters';
import {
  countCourseActivity,
  countOrganisations,
  countParticipations,
  countPollAnswers,
  countProfessionals,
  countSessionsHeld,
  countTrainingDays,
  type EvaluationSummary,
  type ParticipationCount,
  summariseEvaluations,
} from './indicators.server';
import { countTable, type ShownCount, suppressSmallCounts } from './suppression';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One table as shown: row labels, column labels, counts (or "<10" / hidden), totals. */
export interface StatTable {
  id: string;
  title: string;
  rowHeader: string;
  columns: string[];
  rows: { label: string; cells: ShownCount[]; total?: ShownCount }[];
  totals?: { cells: ShownCount[]; total?: ShownCount };
  /** Girl-derived: small counts are suppressed. */
  suppressed: boolean;
  note?: string;
}

export interface Dashboard {
  organisations: { byRegion: StatTable; byType: StatTable };
  professionals: { byProfession: StatTable; byRole: StatTable; waiting: { count: number; oldestDays: number | null; medianDays: number | null } };
  sessions: StatTable;
  participations: { byModule: StatTable; byKind: StatTable; byRegion: StatTable; byMonth: StatTable };
  evaluations: EvaluationSummary[];
  polls: StatTable[];
  yearly: { year: number; participations: StatTable; sessions: StatTable };
  /** Professionals' courses and training days (not derived from girls: never suppressed). */
  courses: { activity: StatTable; trainingDays: StatTable };
}

const count = (value: number): ShownCount => ({ kind: 'count', value });

/** A table whose counts are not derived from girls: shown as they are, with totals. */
function plainTable(base: Omit<StatTable, 'rows' | 'totals' | 'suppressed'>, rowLabels: string[], cells: number[][]): StatTable {
  const table = countTable(cells);
  return {
    ...base,
    suppressed: false,
    rows: rowLabels.map((label, r) => ({ label, cells: cells[r]!.map(count), total: base.columns.length > 1 ? count(table.rowTotals[r]!) : undefined })),
    totals: { cells: table.columnTotals.map(count), total: base.columns.length > 1 ? count(table.grandTotal) : undefined },
  };
}

/** A table of separate measures (enrolled, completed…) that do not add up across a row: column totals only. */
function measuresTable(base: Omit<StatTable, 'rows' | 'totals' | 'suppressed'>, rowLabels: string[], cells: number[][]): StatTable {
  const table = countTable(cells);
  return {
    ...base,
    suppressed: false,
    rows: rowLabels.map((label, r) => ({ label, cells: cells[r]!.map(count) })),
    totals: { cells: table.columnTotals.map(count) },
  };
}

/** A girl-derived table whose columns add up (rows × columns with totals): suppressed as one. */
function suppressedGrid(base: Omit<StatTable, 'rows' | 'totals' | 'suppressed'>, rowLabels: string[], cells: number[][]): StatTable {
  if (rowLabels.length === 0) return { ...base, suppressed: true, rows: [] };
  const shown = suppressSmallCounts(countTable(cells));
  return {
    ...base,
    suppressed: true,
    rows: rowLabels.map((label, r) => ({ label, cells: shown.cells[r]!, total: shown.rowTotals[r] })),
    totals: { cells: shown.columnTotals, total: shown.grandTotal },
  };
}

/**
 * A girl-derived table whose columns are separate measures (joined, finished: they do not
 * add up across a row): each column is suppressed on its own, with its total.
 */
function suppressedColumns(base: Omit<StatTable, 'rows' | 'totals' | 'suppressed'>, rowLabels: string[], cells: number[][]): StatTable {
  if (rowLabels.length === 0) return { ...base, suppressed: true, rows: [] };
  const columns = base.columns.map((_, c) => suppressSmallCounts(countTable([cells.map((row) => row[c]!)])));
  return {
    ...base,
    suppressed: true,
    rows: rowLabels.map((label, r) => ({ label, cells: columns.map((shown) => shown.cells[0]![r]!) })),
    totals: { cells: columns.map((shown) => shown.rowTotals[0]!) },
  };
}

function sumBy<T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item));
  return sums;
}

export async function readDashboard(
  db: Kysely<Database>,
  library: LessonLibrary,
  courseLibrary: CourseLibrary,
  filters: DashboardFilters,
  reportYear: number,
  language: Language,
  t: Translate,
): Promise<Dashboard> {
  const moduleTitle = (id: string) => {
    const set = library.modules.find((m) => m.id === id);
    return set ? moduleText(set.variants.standard.texts[language] ?? {}, set.variants.standard.module.titleKey) : id;
  };
  const moduleOrder = (id: string) => library.modules.find((m) => m.id === id)?.order ?? 999;
  const provinces = filters.provinces ?? regions;
  const yearFilters: DashboardFilters = { ...filters, period: { from: new Date(Date.UTC(reportYear, 0, 1)), to: new Date(Date.UTC(reportYear + 1, 0, 1)) } };

  const [organisations, professionals, sessions, participations, evaluations, polls, yearSessions, yearParticipations, courseActivity, trainingDays] =
    await Promise.all([
      countOrganisations(db, filters),
      countProfessionals(db, filters),
      countSessionsHeld(db, filters),
      countParticipations(db, library, filters),
      summariseEvaluations(db, filters),
      countPollAnswers(db, library, filters),
      countSessionsHeld(db, yearFilters),
      countParticipations(db, library, yearFilters),
      countCourseActivity(db, filters),
      countTrainingDays(db, filters),
    ]);
  // Every course of the catalogue in its order (an empty row says "nobody yet"), then any
  // course no longer in the catalogue that still has figures.
  const courseIds = [
    ...courseLibrary.courses.map((c) => c.course.id),
    ...[...courseActivity.map((a) => a.course), ...trainingDays.map((d) => d.course)].filter((id) => !courseLibrary.course(id)),
  ].filter((id, i, all) => all.indexOf(id) === i);
  const courseTitle = (id: string) => {
    const loaded = courseLibrary.course(id);
    return loaded ? courseText(loaded, language)(loaded.course.titleKey) : id;
  };
  const trainingCourseIds = courseIds.filter((id) => trainingDays.some((d) => d.course === id) || courseLibrary.course(id)?.course.format !== 'self-paced');

  const organisationColumns = [t('dashboard.organisations.registered'), t('dashboard.organisations.withFacilitator'), t('dashboard.organisations.withSession')];
  const organisationCells = (rows: typeof organisations) => [
    rows.reduce((s, r) => s + r.registered, 0),
    rows.reduce((s, r) => s + r.withFacilitator, 0),
    rows.reduce((s, r) => s + r.withSession, 0),
  ];

  const statusColumns = userStatuses.map((status) => t(`account.status.${status}`));
  const professionalGrid = <K extends string>(keys: readonly K[], rows: { status: string; count: number }[], keyOf: (row: never) => string) =>
    keys.map((key) =>
      userStatuses.map((status) => rows.filter((row) => keyOf(row as never) === key && row.status === status).reduce((s, r) => s + r.count, 0)),
    );

  const variantLanguageRows = [...new Set(participations.map((p) => `${p.module}|${p.variant}|${p.language}`))].sort((a, b) => {
    const [ma, ...ra] = a.split('|');
    const [mb, ...rb] = b.split('|');
    return moduleOrder(ma!) - moduleOrder(mb!) || ra.join().localeCompare(rb.join());
  });
  const comboLabel = (key: string) => {
    const [module, variant, lng] = key.split('|') as [string, string, string];
    return `${moduleTitle(module)} · ${t(`dashboard.variants.${variant}`)} · ${t(`dashboard.languages.${lng}`)}`;
  };
  const participationMeasures = (rows: ParticipationCount[], keyOf: (p: ParticipationCount) => string, keys: string[]) => {
    const joined = sumBy(rows, keyOf, (p) => p.joined);
    const finished = sumBy(rows, keyOf, (p) => p.finished);
    return keys.map((key) => [joined.get(key) ?? 0, finished.get(key) ?? 0]);
  };
  const measureColumns = [t('dashboard.participations.joined'), t('dashboard.participations.finished')];
  const kinds = ['together', 'own_pace', 'solo'] as const;

  const sessionCombos = [...new Set(sessions.map((s) => `${s.module}|${s.variant}|${s.language}`))].sort();
  const pacings = ['together', 'own_pace'] as const;

  const months = [...new Set(participations.map((p) => p.month))].sort();
  const byMonth = sumBy(
    participations,
    (p) => p.month,
    (p) => p.joined,
  );

  const byRegion = sumBy(
    participations.filter((p) => p.region),
    (p) => p.region!,
    (p) => p.joined,
  );

  const moduleIds = library.modules.filter((m) => m.variants.standard.module.audience === 'girls').map((m) => m.id);
  const yearGrid = (values: { region: Region | null; module: string; value: number }[]) =>
    areas.map((area: Area) =>
      moduleIds.map((module) => values.filter((v) => v.region && areaOf(v.region) === area && v.module === module).reduce((s, v) => s + v.value, 0)),
    );

  const pollTables: StatTable[] = [];
  for (const key of [...new Set(polls.map((p) => `${p.module}|${p.step}`))]) {
    const [module, step] = key.split('|') as [string, string];
    const lesson = library.lesson(module, 'standard');
    const pollStep = lesson?.module.steps.find((s) => s.id === step);
    if (!lesson || pollStep?.type !== 'poll') continue;
    const texts = lesson.texts[language] ?? {};
    const options = pollStep.options;
    const counts = options.map((option) =>
      polls.filter((p) => p.module === module && p.step === step && p.option === option.id).reduce((s, p) => s + p.count, 0),
    );
    const shown = suppressSmallCounts(countTable([counts]));
    pollTables.push({
      id: `poll-${module}-${step}`,
      title: `${moduleTitle(module)}: ${moduleText(texts, pollStep.questionKey)}`,
      rowHeader: t('dashboard.polls.option'),
      columns: [t('dashboard.polls.answers')],
      suppressed: true,
      rows: options.map((option, i) => ({ label: moduleText(texts, option.labelKey), cells: [shown.cells[0]![i]!] })),
      totals: { cells: [shown.rowTotals[0]!] },
    });
  }

  return {
    organisations: {
      byRegion: plainTable(
        { id: 'organisations-by-region', title: t('dashboard.organisations.byRegion'), rowHeader: t('dashboard.region'), columns: organisationColumns },
        provinces.map((region) => t(`regions.${region}`)),
        provinces.map((region) => organisationCells(organisations.filter((o) => o.region === region))),
      ),
      byType: plainTable(
        { id: 'organisations-by-type', title: t('dashboard.organisations.byType'), rowHeader: t('dashboard.organisationType'), columns: organisationColumns },
        organisationTypes.map((type) => t(`organisationTypes.${type}`)),
        organisationTypes.map((type) => organisationCells(organisations.filter((o) => o.type === type))),
      ),
    },
    professionals: {
      byProfession: plainTable(
        {
          id: 'professionals-by-profession',
          title: t('dashboard.professionals.byProfession'),
          rowHeader: t('dashboard.professionals.profession'),
          columns: statusColumns,
        },
        professions.map((p) => t(`professions.${p}`)),
        professionalGrid(professions, professionals.byProfession, (row: { profession: string }) => row.profession),
      ),
      byRole: plainTable(
        { id: 'professionals-by-role', title: t('dashboard.professionals.byRole'), rowHeader: t('dashboard.professionals.role'), columns: statusColumns },
        roles.map((r) => t(`account.roles.${r}`)),
        professionalGrid(roles, professionals.byRole, (row: { role: string }) => row.role),
      ),
      waiting: professionals.waiting,
    },
    sessions: plainTable(
      {
        id: 'sessions-held',
        title: t('dashboard.sessions.title'),
        rowHeader: t('dashboard.sessions.moduleVariantLanguage'),
        columns: pacings.map((p) => t(`dashboard.pacing.${p}`)),
      },
      sessionCombos.map(comboLabel),
      sessionCombos.map((combo) =>
        pacings.map((pacing) =>
          sessions.filter((s) => `${s.module}|${s.variant}|${s.language}` === combo && s.pacing === pacing).reduce((sum, s) => sum + s.count, 0),
        ),
      ),
    ),
    participations: {
      byModule: suppressedColumns(
        {
          id: 'participations-by-module',
          title: t('dashboard.participations.byModule'),
          rowHeader: t('dashboard.sessions.moduleVariantLanguage'),
          columns: measureColumns,
        },
        variantLanguageRows.map(comboLabel),
        participationMeasures(participations, (p) => `${p.module}|${p.variant}|${p.language}`, variantLanguageRows),
      ),
      byKind: suppressedColumns(
        { id: 'participations-by-kind', title: t('dashboard.participations.byKind'), rowHeader: t('dashboard.participations.kind'), columns: measureColumns },
        kinds.map((kind) => t(`dashboard.pacing.${kind}`)),
        participationMeasures(participations, (p) => p.kind, [...kinds]),
      ),
      byRegion: suppressedColumns(
        {
          id: 'participations-by-region',
          title: t('dashboard.participations.byRegion'),
          rowHeader: t('dashboard.region'),
          columns: [t('dashboard.participations.joined')],
          note: t('dashboard.participations.soloNotInRegions'),
        },
        provinces.map((region) => t(`regions.${region}`)),
        provinces.map((region) => [byRegion.get(region) ?? 0]),
      ),
      byMonth: suppressedColumns(
        {
          id: 'participations-by-month',
          title: t('dashboard.participations.byMonth'),
          rowHeader: t('dashboard.month'),
          columns: [t('dashboard.participations.joined')],
        },
        months,
        months.map((month) => [byMonth.get(month) ?? 0]),
      ),
    },
    evaluations,
    polls: pollTables,
    courses: {
      activity: measuresTable(
        {
          id: 'courses-activity',
          title: t('dashboard.courses.activity'),
          rowHeader: t('dashboard.courses.course'),
          columns: ['enrolments', 'completions', 'certificatesValid', 'certificatesExpired', 'certificatesRevoked'].map((key) => t(`dashboard.courses.${key}`)),
        },
        courseIds.map(courseTitle),
        courseIds.map((id) => {
          const a = courseActivity.find((row) => row.course === id);
          return [a?.enrolments ?? 0, a?.completions ?? 0, a?.certificatesValid ?? 0, a?.certificatesExpired ?? 0, a?.certificatesRevoked ?? 0];
        }),
      ),
      trainingDays: measuresTable(
        {
          id: 'courses-training-days',
          title: t('dashboard.courses.trainingDays'),
          rowHeader: t('dashboard.courses.course'),
          columns: ['days', 'registered', 'waiting', 'attended'].map((key) => t(`dashboard.courses.${key}`)),
        },
        trainingCourseIds.map(courseTitle),
        trainingCourseIds.map((id) => {
          const d = trainingDays.find((row) => row.course === id);
          return [d?.days ?? 0, d?.registered ?? 0, d?.waiting ?? 0, d?.attended ?? 0];
        }),
      ),
    },
    yearly: {
      year: reportYear,
      participations: suppressedGrid(
        {
          id: 'yearly-participations',
          title: t('dashboard.yearly.participations', { year: reportYear }),
          rowHeader: t('dashboard.area'),
          columns: moduleIds.map(moduleTitle),
        },
        areas.map((area) => t(`dashboard.areas.${area}`)),
        yearGrid(yearParticipations.map((p) => ({ region: p.region, module: p.module, value: p.joined }))),
      ),
      sessions: plainTable(
        {
          id: 'yearly-sessions',
          title: t('dashboard.yearly.sessions', { year: reportYear }),
          rowHeader: t('dashboard.area'),
          columns: moduleIds.map(moduleTitle),
        },
        areas.map((area) => t(`dashboard.areas.${area}`)),
        yearGrid(yearSessions.map((s) => ({ region: s.region, module: s.module, value: s.count }))),
      ),
    },
  };
}

/** Every table of the dashboard, for the CSV download by id. */
export function dashboardTables(dashboard: Dashboard): StatTable[] {
  return [
    dashboard.organisations.byRegion,
    dashboard.organisations.byType,
    dashboard.professionals.byProfession,
    dashboard.professionals.byRole,
    dashboard.sessions,
    dashboard.participations.byModule,
    dashboard.participations.byKind,
    dashboard.participations.byRegion,
    dashboard.participations.byMonth,
    ...dashboard.polls,
    dashboard.courses.activity,
    dashboard.courses.trainingDays,
    dashboard.yearly.participations,
    dashboard.yearly.sessions,
  ];
}

/** The modules the filter form offers: the ones for the girls. */
export function dashboardModules(library: LessonLibrary): string[] {
  return library.modules.filter((m) => m.variants.standard.module.audience === 'girls').map((m) => m.id);
}

type FilterRefusal = Extract<FilterResult, { ok: false }>['reason'];

/**
 * The dashboard for the page's query string (its GET form): the filters read, then the
 * tables in the reader's language. Impossible filters are refused, not shown as an empty page.
 */
export async function dashboardFor(
  { db, lessons, courses }: Pick<AppServices, 'db' | 'lessons' | 'courses'>,
  params: URLSearchParams,
  language: Language,
  t: Translate,
): Promise<Result<{ query: DashboardQuery; dashboard: Dashboard }, FilterRefusal>> {
  const read = readDashboardFilters(params);
  if (!read.ok) return read;
  const { query, filters } = read.value;
  const dashboard = await readDashboard(db, lessons, courses, filters, query.year ?? new Date().getUTCFullYear(), language, t);
  return ok({ query, dashboard });
}

/** One table of the dashboard, by its id, for the same filters as the page (the CSV download). */
export async function dashboardTable(
  services: Pick<AppServices, 'db' | 'lessons' | 'courses'>,
  params: URLSearchParams,
  tableId: string,
  language: Language,
  t: Translate,
): Promise<Result<StatTable, FilterRefusal | 'unknownDashboardTable'>> {
  const read = await dashboardFor(services, params, language, t);
  if (!read.ok) return read;
  const table = dashboardTables(read.value.dashboard).find((candidate) => candidate.id === tableId);
  return table ? ok(table) : refused('unknownDashboardTable');
}
