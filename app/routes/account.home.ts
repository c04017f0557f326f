import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { homeFor } from '~/accounts/home';
import { requireSignedIn } from '~/accounts/guard.server';

/** After sign-in: the page for her roles and status. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return redirect(homeFor(await requireSignedIn(context, request)));
}
