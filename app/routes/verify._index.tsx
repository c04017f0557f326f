import { type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { VerifyForm } from '~/components/courses/VerifyForm';
import { formatCertificateCode, normaliseCertificateCode } from '~/courses/certificate-code';
import { refusedVerify } from '~/courses/route-helpers.server';
import { verifyHeaders, verifyMeta } from '~/courses/verify-page';
import { verifyCertificate } from '~/courses/verify.server';
import { i18next } from '~/i18n/i18next.server';

export const handle = { i18n: ['common', 'courses'] };
export const meta = verifyMeta;
export const headers = verifyHeaders;

/** The public form: a GET with ?code= (works without JavaScript and from a typed URL). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request, 'courses');
  const title = t('verify.title');
  const typed = new URL(request.url).searchParams.get('code');
  if (typed === null) return json({ title, typed: '', refused: null, certificate: null });
  const code = normaliseCertificateCode(typed.slice(0, 64));
  if (code) throw redirect(`/verify/${formatCertificateCode(code)}`);
  // Not even the shape of a code: a wrong code all the same (counted).
  const outcome = await verifyCertificate(context.db, typed, context.clientIp);
  if (outcome.ok) throw redirect(`/verify/${formatCertificateCode(outcome.value.code)}`);
  return refusedVerify(outcome, { title, typed: typed.slice(0, 64) });
}

export default function Verify() {
  const { typed, refused } = useLoaderData<typeof loader>();
  return <VerifyForm code={typed} refused={refused} />;
}
