import { useTranslation } from 'react-i18next';
import type { LessonStep, LessonTexts } from '~/lessons/schema';
import { moduleText } from '~/play/texts';
import type { StepAggregate } from '~/sessions/aggregate';

interface Props {
  step: LessonStep;
  texts: LessonTexts;
  /** Counts to show (revealed, or the summary); without them only the options are listed. */
  aggregate?: StepAggregate | null;
  large?: boolean;
  /** Shown to the group (the projector): the facilitator's own instructions stay off it. */
  forGroup?: boolean;
}

/** A step as the group sees it on the projector, with the counts when they are shown: never names. */
export function StepOverview(props: Props) {
  const { t } = useTranslation();
  // Skips are counted apart: never an answer, never part of a percentage.
  const skipped = props.aggregate?.skipped ?? 0;
  return (
    <>
      <StepOverviewBody {...props} />
      {skipped > 0 ? <p className="muted overview__skipped">{t('sessions.skipped', { count: skipped })}</p> : null}
    </>
  );
}

function StepOverviewBody({ step, texts, aggregate, large, forGroup }: Props) {
  const { t } = useTranslation();
  const text = (key: string | undefined) => moduleText(texts, key);
  const Heading = large ? 'h2' : 'h3';
  const bars = (rows: { key: string; label: string }[]) => (
    <>
      {/* On the big screen the caption comes before the chart it names (issue 12). */}
      {forGroup && aggregate ? <p className="overview__results-title">{t('sessions.tablet.results')}</p> : null}
      <ul className="result-bars">
        {rows.map((row) => {
          const count = aggregate?.counts[row.key] ?? 0;
          const percent = aggregate && aggregate.answered ? Math.round((count / aggregate.answered) * 100) : 0;
          return (
            <li key={row.key} className="result-bars__row">
              <span className="result-bars__label">{row.label}</span>
              {aggregate ? (
                <>
                  <meter className="result-bars__meter" min={0} max={Math.max(aggregate.answered, 1)} value={count} aria-hidden="true" />
                  <span className="result-bars__value">{t('sessions.count', { count, percent })}</span>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
  switch (step.type) {
    case 'story':
      return (
        <div className="overview">
          {(step.mode === 'chat' ? (step.messages ?? []).map((m) => m.textKey) : (step.panels ?? []).map((p) => p.textKey)).map((key, i) => (
            <p key={i} className={large ? 'overview__lead' : undefined}>
              {text(key)}
            </p>
          ))}
        </div>
      );
    case 'choice':
      return (
        <div className="overview">
          <Heading className="overview__question">{text(step.promptKey)}</Heading>
          {bars(step.options.map((o) => ({ key: o.id, label: text(o.labelKey) })))}
        </div>
      );
    case 'quiz':
      return (
        <div className="overview">
          <Heading className="overview__question">{text(step.questionKey)}</Heading>
          {bars(step.options.map((o) => ({ key: o.id, label: `${text(o.labelKey)}${aggregate && o.correct ? ` ✓` : ''}` })))}
        </div>
      );
    case 'poll':
      return (
        <div className="overview">
          <Heading className="overview__question">{text(step.questionKey)}</Heading>
          {bars(step.options.map((o) => ({ key: o.id, label: text(o.labelKey) })))}
        </div>
      );
    case 'sort':
      return (
        <div className="overview">
          <Heading className="overview__question">{text(step.promptKey)}</Heading>
          {step.items.map((item) => (
            <div key={item.id}>
              <p className="overview__item">{text(item.labelKey)}</p>
              {bars(step.categories.map((c) => ({ key: `${item.id}:${c.id}`, label: text(c.labelKey) })))}
            </div>
          ))}
        </div>
      );
    case 'body-map':
      return (
        <div className="overview">
          <Heading className="overview__question">{text(step.promptKey)}</Heading>
          {step.persons.map((person) => (
            <div key={person.id}>
              <p className="overview__item">{text(person.labelKey)}</p>
              {bars(
                step.zones.flatMap((zone) =>
                  (['talk', 'look', 'touch'] as const).map((icon) => ({
                    key: `${person.id}:${icon}@${zone.id}`,
                    label: `${text(zone.labelKey)} · ${t(`player.icons.${icon}`)}`,
                  })),
                ),
              )}
            </div>
          ))}
        </div>
      );
    case 'reflection':
      return <p className={large ? 'overview__reflection' : 'overview__question'}>{text(step.questionKey)}</p>;
    case 'video':
      return <p>{text(step.transcriptKey)}</p>;
    case 'offline':
      return (
        <div className="overview">
          <Heading className="overview__question">{text(step.titleKey)}</Heading>
          {forGroup ? null : <p>{text(step.instructionsKey)}</p>}
        </div>
      );
    case 'help':
      return <p className="overview__question">{text(step.introKey)}</p>;
    case 'end':
      return (
        <div className="overview">
          {step.summaryKeys.map((key) => (
            <p key={key}>{text(key)}</p>
          ))}
        </div>
      );
  }
}
