import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/accounts/guard.server';
import { languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { tableToCsv } from '~/stats/csv.server';
import { dashboardTables, readDashboard } from '~/stats/dashboard.server';
import { readDashboardFilters } from '~/stats/filters';

/** One dashboard table as CSV, for the same filters as the page: `?table=<id>&separator=semicolon|comma`. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'read', 'statistics');
  const t = await i18next.getFixedT(request);
  const locale = await i18next.getLocale(request);
  const params = new URL(request.url).searchParams;
  const tableId = params.get('table') ?? '';
  const separator = params.get('separator') === 'comma' ? 'comma' : 'semicolon';
  params.delete('table');
  params.delete('separator');
  const read = readDashboardFilters(params);
  if (!read.ok) return new Response(t(read.errorKey), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const library = context.lessons;
  const dashboard = await readDashboard(
    context.db,
    library,
    context.courses,
    read.filters,
    read.query.year ?? new Date().getUTCFullYear(),
    languageOr(locale),
    t,
  );
  const table = dashboardTables(dashboard).find((candidate) => candidate.id === tableId);
  if (!table) return new Response(t('dashboard.errors.unknownTable'), { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(tableToCsv(table, separator, { total: t('dashboard.total'), hidden: t('dashboard.hiddenMark') }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="weerbaar-${table.id}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
