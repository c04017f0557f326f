import type { ReactNode } from 'react';
import type { HelpResource } from '~/help/resources.server';

/**
 * The help resources as one list wherever they appear (the about page, the help step, the
 * tablet's closing screen): name, phone and e-mail as links a tablet can follow, description.
 * `describe` renders the description (the player adds read-aloud in the Roma variant).
 */
export function HelpResourceList({
  resources,
  heading: Heading = 'h2',
  name = (resource) => <Heading>{resource.name}</Heading>,
  describe = (text) => <p>{text}</p>,
}: {
  resources: HelpResource[];
  heading?: 'h2' | 'h3';
  /** Renders the name as a heading (the player adds read-aloud in the Roma variant). */
  name?: (resource: HelpResource) => ReactNode;
  describe?: (text: string) => ReactNode;
}) {
  return (
    <ul className="help-list">
      {resources.map((resource) => (
        <li key={resource.id} className="help-list__item">
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
          {describe(resource.description)}
        </li>
      ))}
    </ul>
  );
}
