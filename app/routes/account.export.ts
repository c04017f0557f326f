import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireSignedIn } from '~/accounts/guard.server';
import { exportUserData } from '~/accounts/users.server';

/** Everything stored about her, as a JSON download. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireSignedIn(context, request);
  const data = await exportUserData(context.db, user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="weerbaar-my-data.json"',
      'Cache-Control': 'no-store',
    },
  });
}
