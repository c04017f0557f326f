import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { bodyMapIcons, type StepOf } from '~/lessons/schema';
import { checkControl, startDrag } from './drag';
import { Pictogram } from './Pictogram';
import { usePlayer } from './player-context';
import { ReadAloud, Spoken } from './ReadAloud';

/**
 * Sort: every item gets a category. Tap: each item's row of category buttons (radio
 * buttons, so it also works without JavaScript). Drag: an item onto a category box.
 */
export function SortActivity({ step }: { step: StepOf<'sort'> }) {
  const { t } = useTranslation();
  const { text, hydrated } = usePlayer();
  const root = useRef<HTMLElement>(null);
  return (
    <section className="sort" ref={root}>
      <Spoken as="h1" text={text(step.promptKey)} className="step__question" />
      <p className="field__hint">{t(hydrated ? 'player.sortHintDrag' : 'player.sortHint')}</p>
      {hydrated ? (
        <div className="drop-zones" aria-hidden="true">
          {step.categories.map((category) => (
            <div key={category.id} className="drop-zone" data-drop={category.id}>
              <Pictogram name={category.pictogram} />
              {text(category.labelKey)}
            </div>
          ))}
        </div>
      ) : null}
      <ul className="sort__items">
        {step.items.map((item) => (
          <li key={item.id} className="sort__item">
            <fieldset className="choice-group">
              <legend
                className={hydrated ? 'sort__label sort__label--draggable' : 'sort__label'}
                onPointerDown={hydrated ? (event) => startDrag(event, (category) => checkControl(root.current?.closest('form') ?? null, `place-${item.id}`, category)) : undefined}
              >
                <Pictogram name={item.pictogram} />
                {text(item.labelKey)}
              </legend>
              <ReadAloud text={text(item.labelKey)} />
              <div className="pills">
                {step.categories.map((category) => (
                  <label key={category.id} className="pill">
                    <input type="radio" name={`place-${item.id}`} value={category.id} />
                    <Pictogram name={category.pictogram} />
                    <span>{text(category.labelKey)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
    </section>
  );
}

const iconSymbols = { talk: '💬', look: '👀', touch: '✋' } as const;

/**
 * Body map: for one person, where is talking, looking or touching okay? Tap: a checkbox
 * per icon and zone. Drag: an icon from the palette onto a zone of the silhouette.
 */
export function BodyMapActivity({ step }: { step: StepOf<'body-map'> }) {
  const { t } = useTranslation();
  const { text, hydrated } = usePlayer();
  const root = useRef<HTMLElement>(null);
  return (
    <section className="body-map" ref={root}>
      <Spoken as="h1" text={text(step.promptKey)} className="step__question" />
      <fieldset className="choice-group">
        <legend>{t('player.bodyMapPerson')}</legend>
        <div className="pills">
          {step.persons.map((person, index) => (
            <label key={person.id} className="pill">
              <input type="radio" name="person" value={person.id} defaultChecked={index === 0} />
              <Pictogram name={person.pictogram} />
              <span>{text(person.labelKey)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {hydrated ? (
        <div className="body-map__palette" aria-hidden="true">
          {bodyMapIcons.map((icon) => (
            <span
              key={icon}
              className="body-map__icon"
              onPointerDown={(event) => startDrag(event, (zone) => checkControl(root.current?.closest('form') ?? null, 'mark', `${icon}@${zone}`))}
            >
              {iconSymbols[icon]} {t(`player.icons.${icon}`)}
            </span>
          ))}
        </div>
      ) : null}
      <p className="field__hint">{t(hydrated ? 'player.bodyMapHintDrag' : 'player.bodyMapHint')}</p>
      <div className="body-map__figure">
        <svg className="body-map__silhouette" viewBox="0 0 100 220" aria-hidden="true" focusable="false">
          <circle cx="50" cy="25" r="18" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
          <rect x="30" y="45" width="40" height="70" rx="14" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
          <rect x="12" y="50" width="14" height="60" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
          <rect x="74" y="50" width="14" height="60" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
          <rect x="33" y="115" width="15" height="90" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
          <rect x="52" y="115" width="15" height="90" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
        </svg>
        <ul className="body-map__zones">
          {step.zones.map((zone) => (
            <li key={zone.id} className="body-map__zone" data-drop={zone.id}>
              <fieldset className="choice-group choice-group--inline">
                <legend>{text(zone.labelKey)}</legend>
                {bodyMapIcons.map((icon) => (
                  <label key={icon} className="pill">
                    <input type="checkbox" name="mark" value={`${icon}@${zone.id}`} />
                    <span aria-hidden="true">{iconSymbols[icon]}</span>
                    <span>{t(`player.icons.${icon}`)}</span>
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
