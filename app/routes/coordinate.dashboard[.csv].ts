import type { LoaderFunctionArgs } from '@remix-run/node';
import { requirePermission } from '~/accounts/guard.server';
import { languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { messageOf, statusOf } from '~/reasons';
import { tableToCsv } from '~/stats/csv.server';
import { dashboardTable } from '~/stats/dashboard.server';

/** One dashboard table as CSV, for the same filters as the page: `?table=<id>&separator=semicolon|comma`. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'read', 'statistics');
  const t = await i18next.getFixedT(request);
  const language = languageOr(await i18next.getLocale(request));
  const params = new URL(request.url).searchParams;
  const tableId = params.get('table') ?? '';
  const separator = params.get('separator') === 'comma' ? 'comma' : 'semicolon';
  params.delete('table');
  params.delete('separator');
  const found = await dashboardTable(context, params, tableId, language, t);
  // A download link opened by hand: the refusal as a line of text, in her language.
  if (!found.ok) return new Response(t(messageOf(found.reason)), { status: statusOf(found.reason), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const table = found.value;
  return new Response(tableToCsv(table, separator, { total: t('dashboard.total'), hidden: t('dashboard.hiddenMark') }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="weerbaar-${table.id}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
