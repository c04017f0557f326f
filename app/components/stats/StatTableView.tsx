import { useTranslation } from 'react-i18next';
import type { StatTable } from '~/stats/dashboard.server';
import { type ShownCount, shownCountText } from '~/stats/suppression';

/** One count as text, with words for screen readers where a mark stands in for it. */
export function CountCell({ count }: { count: ShownCount | undefined }) {
  const { t } = useTranslation();
  if (!count) return null;
  if (count.kind === 'count') return <>{count.value}</>;
  return (
    <abbr title={t(count.kind === 'small' ? 'dashboard.smallExplained' : 'dashboard.hiddenExplained')}>{shownCountText(count, t('dashboard.hiddenMark'))}</abbr>
  );
}

/** A table of counts with a caption, its totals, and a link to the same numbers as CSV. */
export function StatTableView({ table, csvHref }: { table: StatTable; csvHref?: string }) {
  const { t } = useTranslation();
  const hasRowTotals = table.rows.some((row) => row.total);
  return (
    <div className="stat-table">
      <table>
        <caption>
          {table.title}
          {table.suppressed ? <span className="muted"> — {t('dashboard.suppressedNote')}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{table.rowHeader}</th>
            {table.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
            {hasRowTotals ? <th scope="col">{t('dashboard.total')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <td colSpan={table.columns.length + 1 + (hasRowTotals ? 1 : 0)} className="empty-state">
                {t('dashboard.emptyTable')}
              </td>
            </tr>
          ) : (
            table.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, i) => (
                  <td key={i} className="number">
                    <CountCell count={cell} />
                  </td>
                ))}
                {hasRowTotals ? (
                  <td className="number">
                    <CountCell count={row.total} />
                  </td>
                ) : null}
              </tr>
            ))
          )}
        </tbody>
        {table.totals && table.rows.length > 0 ? (
          <tfoot>
            <tr>
              <th scope="row">{t('dashboard.total')}</th>
              {table.totals.cells.map((cell, i) => (
                <td key={i} className="number">
                  <CountCell count={cell} />
                </td>
              ))}
              {hasRowTotals ? (
                <td className="number">
                  <CountCell count={table.totals.total} />
                </td>
              ) : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
      {table.note ? <p className="muted">{table.note}</p> : null}
      {csvHref ? (
        <p className="no-print">
          <a href={csvHref} download>
            {t('dashboard.downloadCsv', { title: table.title })}
          </a>
        </p>
      ) : null}
    </div>
  );
}
