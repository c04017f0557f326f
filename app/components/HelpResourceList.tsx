import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpResource } from '~/help/resources.server';

/**
 * The help lines as one list wherever they appear (the about page, the help step, the
 * tablet's closing screen, the guide): name, phone and e-mail as links a tablet can follow,
 * chat and website as text, the description, and what the line is: the languages it answers
 * in, free, anonymous, 24/7. `describe` renders the description (the player adds read-aloud).
 */
export function HelpResourceList({
  resources,
  heading: Heading = 'h2',
  name = (resource) => <Heading>{resource.name}</Heading>,
  describe = (text) => <p>{text}</p>,
  detail = (text, className) => <p className={className}>{text}</p>,
}: {
  resources: HelpResource[];
  heading?: 'h2' | 'h3';
  /** Renders the name as a heading (the player adds read-aloud). */
  name?: (resource: HelpResource) => ReactNode;
  describe?: (text: string) => ReactNode;
  /** Renders a line of detail: the chat, and what the line is (the player adds read-aloud). */
  detail?: (text: string, className: string) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const languageName = (lng: string) => {
    const named = t(`language.names.${lng}`);
    return i18n.language === 'fr' ? named.toLocaleLowerCase('fr') : named;
  };
  return (
    <ul className="help-list">
      {resources.map((resource) => (
        <li key={resource.id} className="help-list__item" data-help-line={resource.id}>
          {name(resource)}
          {resource.phone ? (
            <p className="help-list__phone">
              <a href={`tel:${resource.phone.replace(/\s/g, '')}`}>{resource.phone}</a>
            </p>
          ) : null}
          {resource.email ? (
            <p className="help-list__email">
              <a href={`mailto:${resource.email}`}>{resource.email}</a>
            </p>
          ) : null}
          {resource.chat ? detail(t('helpLine.chat', { where: resource.chat }), 'help-list__chat') : null}
          {describe(resource.description)}
          {detail(
            [
              t('helpLine.languages', { list: resource.languages.map(languageName).join(', ') }),
              resource.free ? t('helpLine.free') : null,
              resource.anonymous ? t('helpLine.anonymous') : null,
              resource.allDay ? t('helpLine.allDay') : null,
              resource.audience === 'professionals' ? t('helpLine.professionals') : null,
            ]
              .filter(Boolean)
              .join(' · '),
            'help-list__facts muted',
          )}
        </li>
      ))}
    </ul>
  );
}
