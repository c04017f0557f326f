import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { i18next } from '~/i18n/i18next.server';
import type { ShellHandle } from '~/root';

// The neutral page quick exit lands on: nothing on it points back to the platform.
export const handle: ShellHandle & { i18n: string } = { bare: true, i18n: 'common' };

export const meta = ({ data }: { data?: { title: string } }) => [{ title: data?.title ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  return json({ title: t('neutral.title') });
}

export default function NeutralRecipe() {
  const { t } = useTranslation();
  const steps = t('neutral.steps', { returnObjects: true }) as string[];
  const ingredients = t('neutral.ingredients', { returnObjects: true }) as string[];
  return (
    <main className="neutral">
      <h1>{t('neutral.title')}</h1>
      <h2>{t('neutral.ingredientsTitle')}</h2>
      <ul>
        {ingredients.map((ingredient) => (
          <li key={ingredient}>{ingredient}</li>
        ))}
      </ul>
      <h2>{t('neutral.stepsTitle')}</h2>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </main>
  );
}
