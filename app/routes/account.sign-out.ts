import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { endAllAuthSessions, endAuthSession, getSignedInUser } from '~/accounts/auth-session.server';
import { readForm } from '~/lib/read-body.server';

export async function loader() {
  return redirect('/account');
}

/** Signs out here, or everywhere (`everywhere=yes`): every session of hers ends. */
export async function action({ request, context }: ActionFunctionArgs) {
  const database = context.db;
  const everywhere = (await readForm(request)).everywhere === 'yes';
  const user = await getSignedInUser(context.db, request);
  if (user && everywhere) await endAllAuthSessions(database, user.id);
  const clear = await endAuthSession(database, request);
  return redirect(`/account/sign-in?notice=${everywhere ? 'signedOutEverywhere' : 'signedOut'}`, { headers: { 'Set-Cookie': clear } });
}
