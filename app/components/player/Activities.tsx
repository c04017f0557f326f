import { type CSSProperties, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BodyMapIcon, bodyMapIcons, type StepOf } from '~/lessons/schema';
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
      <Spoken text={t(hydrated ? 'player.sortHintDrag' : 'player.sortHint')} className="field__hint" />
      {hydrated ? (
        <div className="drop-zones">
          {step.categories.map((category) => (
            <div key={category.id} className="drop-zone" data-drop={category.id}>
              <Pictogram name={category.pictogram} />
              <span>{text(category.labelKey)}</span>
              <ReadAloud text={text(category.labelKey)} />
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
                onPointerDown={
                  hydrated
                    ? (event) => startDrag(event, (category) => checkControl(root.current?.closest('form') ?? null, `place-${item.id}`, category))
                    : undefined
                }
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

// Our own pictograms (never emoji: a tablet without an emoji font shows empty boxes).
const iconPictograms = { talk: 'speech', look: 'eye', touch: 'hand' } as const;

/** Where a zone sits on the silhouette (its viewBox is 100 × 220), for the zones modules use; others go down the middle. */
const zoneSpots: Record<string, [number, number]> = {
  head: [50, 25],
  mouth: [50, 33],
  shoulders: [50, 50],
  chest: [50, 65],
  arms: [19, 72],
  hands: [19, 104],
  belly: [50, 92],
  bottom: [50, 112],
  legs: [41, 160],
  feet: [41, 200],
};

/** A zone's spot in the silhouette's viewBox: a known place, or down the middle in module order. */
function zoneSpot(zoneId: string, index: number, count: number): [number, number] {
  return zoneSpots[zoneId] ?? [50, 25 + (index * 175) / Math.max(count - 1, 1)];
}

/** The zone whose spot is nearest to a point of the silhouette (viewBox units). */
function nearestZone(zones: { id: string }[], x: number, y: number): string | undefined {
  let best: { id: string; distance: number } | undefined;
  zones.forEach((zone, index) => {
    const [zx, zy] = zoneSpot(zone.id, index, zones.length);
    const distance = Math.hypot(zx - x, zy - y);
    if (!best || distance < best.distance) best = { id: zone.id, distance };
  });
  return best?.id;
}

/**
 * Body map: for one person, where is talking, looking or touching okay? Tap: a checkbox
 * per icon and zone (a plain form without JavaScript). Drag: an icon from the palette onto a
 * zone of the silhouette, or pick an icon and tap the silhouette: the mark goes to the nearest
 * zone. The marks placed show on the silhouette, each a button that takes it away.
 */
export function BodyMapActivity({ step }: { step: StepOf<'body-map'> }) {
  const { t } = useTranslation();
  const { text, hydrated } = usePlayer();
  const [marks, setMarks] = useState<string[]>([]);
  const [tool, setTool] = useState<BodyMapIcon>('talk');
  const mark = (value: string, on: boolean) =>
    setMarks((current) => (on ? [...current.filter((m) => m !== value), value] : current.filter((m) => m !== value)));
  return (
    <section className="body-map">
      <Spoken as="h1" text={text(step.promptKey)} className="step__question" />
      <fieldset className="choice-group">
        <legend>{t('player.bodyMapPerson')}</legend>
        <div className="pills">
          {step.persons.map((person, index) => (
            <span key={person.id} className="pills__item">
              <label className="pill">
                <input type="radio" name="person" value={person.id} defaultChecked={index === 0} />
                <Pictogram name={person.pictogram} />
                <span>{text(person.labelKey)}</span>
              </label>
              <ReadAloud text={text(person.labelKey)} />
            </span>
          ))}
        </div>
      </fieldset>
      {hydrated ? (
        <div className="body-map__palette" role="group" aria-label={t('player.bodyMapTool')}>
          {bodyMapIcons.map((icon) => (
            <span key={icon} className="pills__item">
              <button
                type="button"
                className="body-map__icon"
                aria-pressed={tool === icon}
                onClick={() => setTool(icon)}
                onPointerDown={(event) => startDrag(event, (zone) => mark(`${icon}@${zone}`, true))}
              >
                <img className="pictogram pictogram--icon" src={`/pictograms/${iconPictograms[icon]}.svg`} alt="" width={24} height={24} />{' '}
                {t(`player.icons.${icon}`)}
              </button>
              <ReadAloud text={t(`player.icons.${icon}`)} />
            </span>
          ))}
        </div>
      ) : null}
      <Spoken text={t(hydrated ? 'player.bodyMapHintDrag' : 'player.bodyMapHint')} className="field__hint" />
      <div className="body-map__figure">
        {/* A tap on the silhouette places the chosen icon (the checkboxes beside it are the keyboard's way). */}
        {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- pointer shortcut only */}
        <div
          className="body-map__body"
          role="group"
          aria-label={t('player.bodyMapSilhouette')}
          onClick={
            hydrated
              ? (event) => {
                  const box = event.currentTarget.getBoundingClientRect();
                  const zone = nearestZone(step.zones, ((event.clientX - box.left) / box.width) * 100, ((event.clientY - box.top) / box.height) * 220);
                  if (zone) mark(`${tool}@${zone}`, true);
                }
              : undefined
          }
        >
          <svg className="body-map__silhouette" viewBox="0 0 100 220" aria-hidden="true" focusable="false">
            <circle cx="50" cy="25" r="18" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
            <rect x="30" y="45" width="40" height="70" rx="14" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
            <rect x="12" y="50" width="14" height="60" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
            <rect x="74" y="50" width="14" height="60" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
            <rect x="33" y="115" width="15" height="90" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
            <rect x="52" y="115" width="15" height="90" rx="7" fill="#e9dff3" stroke="#6a2c91" strokeWidth="2" />
          </svg>
          {/* Only once hydrated: the spots are placed with CSS variables set from script (CSP allows no style attributes). */}
          {hydrated
            ? step.zones.map((zone, index) => {
                const [x, y] = zoneSpot(zone.id, index, step.zones.length);
                return (
                  <div key={zone.id} className="body-map__spot" data-drop={zone.id} style={{ '--x': `${x}%`, '--y': `${(y / 220) * 100}%` } as CSSProperties}>
                    {marks
                      .filter((value) => value.endsWith(`@${zone.id}`))
                      .map((value) => {
                        const icon = value.split('@')[0] as BodyMapIcon;
                        return (
                          <button
                            key={value}
                            type="button"
                            className="body-map__mark"
                            onClick={(event) => {
                              // Taking a mark away is not a tap on the silhouette.
                              event.stopPropagation();
                              mark(value, false);
                            }}
                            aria-label={t('player.removeMark', { icon: t(`player.icons.${icon}`), zone: text(zone.labelKey) })}
                          >
                            <img className="pictogram pictogram--icon" src={`/pictograms/${iconPictograms[icon]}.svg`} alt="" width={24} height={24} />
                          </button>
                        );
                      })}
                  </div>
                );
              })
            : null}
        </div>
        <ul className="body-map__zones">
          {step.zones.map((zone) => (
            <li key={zone.id} className="body-map__zone" data-drop={zone.id}>
              <fieldset className="choice-group choice-group--inline">
                <legend>{text(zone.labelKey)}</legend>
                <ReadAloud text={text(zone.labelKey)} />
                {bodyMapIcons.map((icon) => (
                  <label key={icon} className="pill">
                    <input
                      type="checkbox"
                      name="mark"
                      value={`${icon}@${zone.id}`}
                      checked={marks.includes(`${icon}@${zone.id}`)}
                      onChange={(event) => mark(`${icon}@${zone.id}`, event.currentTarget.checked)}
                    />
                    <img className="pictogram pictogram--icon" src={`/pictograms/${iconPictograms[icon]}.svg`} alt="" width={24} height={24} />
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
