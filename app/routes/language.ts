import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { supportedLanguages } from '~/i18n/config';
import { readForm } from '~/lib/read-body.server';
import { refusal } from '~/lib/refusal.server';
import { appCookie } from '~/security/cookie-policy.server';
import { safeRedirectPath } from '~/lib/safe-redirect';

const languageForm = z.object({
  language: z.enum(supportedLanguages),
  redirectTo: z.string().max(2000).optional(),
});

/** The language switcher posts here; remembers the choice in a cookie and goes back. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = languageForm.safeParse(await readForm(request));
  if (!parsed.success) throw refusal('badRequest');
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    status: 303,
    headers: { 'Set-Cookie': await appCookie('language', request).serialize(parsed.data.language) },
  });
}

export function loader() {
  return redirect('/');
}
