import { useTranslation } from 'react-i18next';
import type { ProgrammeWithHistory } from '~/programme/programme.server';

type Module = ProgrammeWithHistory['modules'][number];

/**
 * One module of the programme as a facilitator chooses it: its place, what it is about, its
 * planned time per variant, how often her organisation's groups played it (a count, never
 * who), and a warning — never a block — when it builds on modules they have not played yet.
 */
export function ProgrammeChoice({ module, checked }: { module: Module; checked: boolean }) {
  const { t } = useTranslation();
  const hint = `module-${module.id}-about`;
  const otherDurations = module.variants.filter((variant) => variant !== 'standard' && module.durations[variant] !== module.durationMinutes);
  return (
    <div className="programme-choice" data-module={module.id}>
      <label className="choice">
        <input type="radio" name="module" value={module.id} defaultChecked={checked} aria-describedby={hint} />
        <span>
          <strong>{module.title}</strong> · {t('play.duration', { minutes: module.durationMinutes })}
        </span>
      </label>
      <div id={hint} className="programme-choice__about">
        <p>
          <strong className="programme__order">{t('programme.module', { order: module.order })}</strong> · {module.summary}
        </p>
        {otherDurations.length ? (
          <p className="muted">
            {otherDurations
              .map((variant) => t('programme.variantDuration', { variant: t(`play.variants.${variant}`), minutes: module.durations[variant] }))
              .join(' · ')}
          </p>
        ) : null}
        <p className="muted" data-testid={`played-${module.id}`}>
          {module.played ? t('programme.played', { count: module.played }) : t('programme.notPlayed')}
          {module.solo ? null : ` · ${t('programme.togetherOnly')}`}
        </p>
        {module.unplayedBefore.length ? <ProgrammeWarning missing={module.unplayedBefore} /> : null}
      </div>
    </div>
  );
}

/** The modules before this one that the organisation's groups have not played yet. */
export function ProgrammeWarning({ missing }: { missing: { order: number; title: string }[] }) {
  const { t } = useTranslation();
  return (
    <p className="form-message form-message--warning" data-testid="programme-warning">
      {t('programme.warning', { modules: missing.map((module) => `${module.order}. ${module.title}`).join(', ') })}
    </p>
  );
}
