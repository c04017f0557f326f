import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type ShownCount, shownCountText } from '~/stats/suppression';

export interface ChartDatum {
  label: string;
  count: ShownCount;
}

// Charts are server-rendered SVG with presentation attributes and classes only: the CSP
// refuses style attributes, and the same numbers stand in the table beside each chart.
const numeric = (count: ShownCount) => (count.kind === 'count' ? count.value : null);

/** Horizontal bars; a suppressed count gets no bar, only its mark. */
export function BarChart({ title, description, data }: { title: string; description: string; data: ChartDatum[] }) {
  const { t } = useTranslation();
  const id = useId();
  const width = 640;
  const labelWidth = 170;
  const rowHeight = 28;
  const height = Math.max(1, data.length) * rowHeight + 8;
  const max = Math.max(1, ...data.map((d) => numeric(d.count) ?? 0));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, width - labelWidth - 60])
    .nice();
  const y = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([4, height - 4])
    .padding(0.2);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart__svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {data.map((d) => {
          const value = numeric(d.count);
          const top = y(d.label) ?? 0;
          const barWidth = value === null ? 0 : x(value);
          return (
            <g key={d.label}>
              <text x={labelWidth - 8} y={top + y.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" className="chart__label">
                {d.label}
              </text>
              <rect x={labelWidth} y={top} width={barWidth} height={y.bandwidth()} className="chart__bar" />
              <text x={labelWidth + barWidth + 6} y={top + y.bandwidth() / 2} dominantBaseline="middle" className="chart__value">
                {shownCountText(d.count, t('dashboard.hiddenMark'))}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A line over time; the line breaks where a count is suppressed. */
export function LineChart({ title, description, data }: { title: string; description: string; data: ChartDatum[] }) {
  const { t } = useTranslation();
  const id = useId();
  const width = 640;
  const height = 220;
  const margin = { top: 16, right: 16, bottom: 36, left: 40 };
  const max = Math.max(1, ...data.map((d) => numeric(d.count) ?? 0));
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([margin.left, width - margin.right])
    .padding(0.1);
  const y = scaleLinear()
    .domain([0, max])
    .range([height - margin.bottom, margin.top])
    .nice();
  const centre = (label: string) => (x(label) ?? 0) + x.bandwidth() / 2;
  const path = line<ChartDatum>()
    .defined((d) => numeric(d.count) !== null)
    .x((d) => centre(d.label))
    .y((d) => y(numeric(d.count) ?? 0))(data);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart__svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <line x1={margin.left} x2={width - margin.right} y1={height - margin.bottom} y2={height - margin.bottom} className="chart__axis" />
        {y.ticks(4).map((tick) => (
          <text key={tick} x={margin.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" className="chart__tick">
            {tick}
          </text>
        ))}
        {path ? <path d={path} className="chart__line" /> : null}
        {data.map((d) => (
          <g key={d.label}>
            {numeric(d.count) !== null ? <circle cx={centre(d.label)} cy={y(numeric(d.count)!)} r={4} className="chart__point" /> : null}
            <text x={centre(d.label)} y={height - margin.bottom + 16} textAnchor="middle" className="chart__tick">
              {d.label}
            </text>
            {numeric(d.count) === null ? (
              <text x={centre(d.label)} y={height - margin.bottom - 8} textAnchor="middle" className="chart__value">
                {shownCountText(d.count, t('dashboard.hiddenMark'))}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}
