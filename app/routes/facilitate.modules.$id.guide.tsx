import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { HelpResourceList } from '~/components/HelpResourceList';
import { organisationHelpRegion } from '~/help/region.server';
import { helpResourcesFor, type HelpRegion } from '~/help/resources.server';
import { languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { moduleGuide } from '~/lessons/guide.server';
import { lessonVariants } from '~/lessons/schema';
import { titleFromLoader } from '~/lib/meta';
import { refusal } from '~/lib/refusal.server';

export const meta = titleFromLoader;

const query = z.object({ variant: z.enum(lessonVariants).catch('standard') });
const languageRegion: Record<string, HelpRegion> = { nl: 'flanders', fr: 'wallonia', en: 'brussels' };

/** The printable guide of a girls' module (decision 0010), per variant, in the page's language. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'preview', 'module');
  const locale = await i18next.getLocale(request);
  const language = languageOr(locale);
  const { variant } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const library = context.lessons;
  const set = library.modules.find((candidate) => candidate.id === params.id && candidate.variants.standard.module.audience === 'girls');
  if (!set) throw refusal('notFound');
  const guide = moduleGuide(set.variants[variant], language);
  // The help list of the facilitator's own organisation's region (a coordinator without one: the language's).
  const region = (user.organisationId ? await organisationHelpRegion(context.db, user.organisationId) : undefined) ?? languageRegion[language] ?? 'flanders';
  const t = await i18next.getFixedT(language);
  return json({
    title: `${guide.shared.headings.guide} · ${guide.title}`,
    moduleId: set.id,
    variant,
    variants: lessonVariants.filter((name) => set.variants[name]),
    variantNames: Object.fromEntries(lessonVariants.map((name) => [name, t(`play.variants.${name}`)])),
    guide,
    region,
    help: helpResourcesFor(language, region),
  });
}

/** A guide text: paragraphs split by a blank line; lines starting with "- " are a list. */
function GuideText({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\n+/)
        .filter((block) => block.trim())
        .map((block, index) => {
          const lines = block.split('\n');
          if (lines.every((line) => line.startsWith('- '))) {
            return (
              <ul key={index}>
                {lines.map((line, i) => (
                  <li key={i}>{line.slice(2)}</li>
                ))}
              </ul>
            );
          }
          return <p key={index}>{block}</p>;
        })}
    </>
  );
}

export default function ModuleGuidePage() {
  const { moduleId, variant, variants, variantNames, guide, region, help } = useLoaderData<typeof loader>();
  const { i18n } = useTranslation();
  const h = guide.shared.headings as Record<string, string> & { region: Record<string, string> };
  const fill = (template: string, minutes: number) => template.replace('{{minutes}}', String(minutes));
  return (
    <article className="page guide" lang={i18n.language}>
      <header className="guide__header">
        <p className="muted">{h.guide}</p>
        <h1>{guide.title}</h1>
        <p>
          {h.variant}: <strong>{variantNames[variant]}</strong> · {fill(h.duration!, guide.durationMinutes)}
        </p>
        <nav className="guide__variants no-print" aria-label={h.variant}>
          {variants.map((name) => (
            <Link key={name} to={`/facilitate/modules/${moduleId}/guide?variant=${name}`} className="pill" aria-current={name === variant ? 'page' : undefined}>
              {variantNames[name]}
            </Link>
          ))}{' '}
          <PrintButton label={h.print!} />
        </nav>
      </header>

      <section aria-labelledby="guide-aims">
        <h2 id="guide-aims">{h.aims}</h2>
        <GuideText text={guide.aims} />
      </section>
      <section aria-labelledby="guide-key">
        <h2 id="guide-key">{h.keyMessages}</h2>
        <ol className="guide__key-messages">
          {guide.keyMessages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="guide-background">
        <h2 id="guide-background">{h.background}</h2>
        <GuideText text={guide.background} />
      </section>
      <section aria-labelledby="guide-preparation">
        <h2 id="guide-preparation">{h.preparation}</h2>
        <GuideText text={guide.preparation} />
      </section>
      <section aria-labelledby="guide-script">
        <h2 id="guide-script">{h.script}</h2>
        <ol className="guide__script">
          {guide.steps.map((step) => (
            <li key={step.id} data-step={step.id}>
              <h3>
                {step.label} {step.minutes ? <span className="muted">({fill(h.minutes!, step.minutes)})</span> : null}
              </h3>
              <p>{step.note || h.noNote}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="guide-offline">
        <h2 id="guide-offline">{h.offline}</h2>
        <GuideText text={guide.offline} />
        {guide.printables.length ? (
          <>
            <h3>{h.materials}</h3>
            <ul>
              {guide.printables.map((file) => (
                <li key={file}>
                  <a href={file}>{file.split('/').pop()}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="guide-disclosure" className="guide__disclosure">
        <h2 id="guide-disclosure">{h.disclosure}</h2>
        <GuideText text={guide.shared.disclosure} />
      </section>
      <section aria-labelledby="guide-aftercare">
        <h2 id="guide-aftercare">{h.aftercare}</h2>
        <GuideText text={guide.aftercare} />
        <GuideText text={guide.shared.aftercare} />
      </section>
      <section aria-labelledby="guide-help">
        <h2 id="guide-help">
          {h.help}: {h.region[region]}
        </h2>
        <HelpResourceList resources={help} heading="h3" />
      </section>
      <section aria-labelledby="guide-evaluation">
        <h2 id="guide-evaluation">{h.evaluation}</h2>
        <GuideText text={guide.shared.evaluation} />
      </section>
    </article>
  );
}

/** Prints the page (with JavaScript; without it the browser's own print does the same). */
function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
