import { z } from 'zod';
import type { SignedInUser } from '~/accounts/auth-session.server';
import { requirePermission } from '~/accounts/guard.server';
import type { AppServices } from '~/context.server';
import type { GroupSession } from '~/db/schema.server';
import { lessonOf } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { joinOrigin } from '~/lib/lan-address.server';
import { refusal } from '~/lib/refusal.server';
import { moduleText } from '~/play/texts';
import { findGroupSession } from './group-sessions.server';
import { readSessionViews } from './read-views.server';

/**
 * A session the signed-in facilitator may run: her own organisation's. Another
 * organisation's session answers 404, as if it did not exist.
 */
export async function requireOwnSession(
  services: Pick<AppServices, 'db' | 'lessons'>,
  request: Request,
  id: string | undefined,
): Promise<{ user: SignedInUser; session: GroupSession; lesson: ResolvedLesson }> {
  const user = await requirePermission(services, request, 'run', 'group-session');
  const session = z.string().uuid().safeParse(id).success ? await findGroupSession(services.db, id!) : undefined;
  if (!session) throw refusal('notFound');
  await requirePermission(services, request, 'run', 'group-session', session.organisation_id);
  const lesson = lessonOf(services.lessons, session);
  if (!lesson) throw refusal('notFound');
  return { user, session, lesson };
}

/**
 * What the facilitator's own screens (the console and the projector) start from: her
 * session, read once, as its module's text in the session's language.
 */
export async function facilitatorScreen(services: Pick<AppServices, 'db' | 'lessons'>, request: Request, id: string | undefined) {
  const { session, lesson } = await requireOwnSession(services, request, id);
  const views = await readSessionViews(services.db, services.lessons, session.id, true);
  if (!views) throw refusal('notFound');
  const { language } = session;
  const texts = lesson.texts[language] ?? {};
  const join = joinOrigin(request);
  return {
    session,
    language,
    screen: {
      title: moduleText(texts, lesson.module.titleKey),
      joinUrl: `${join.origin}/j/${session.join_code}`,
      // The link names this computer's local-network address: the console says so, and offers the others.
      joinOnLocalNetwork: join.localNetwork,
      otherJoinUrls: join.otherOrigins.map((origin) => `${origin}/j/${session.join_code}`),
      module: lesson.module,
      texts,
      view: views.facilitator,
    },
  };
}
