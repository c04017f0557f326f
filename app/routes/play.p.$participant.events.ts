import { type ActionFunctionArgs, json } from '@remix-run/node';
import { z } from 'zod';
import { lessonEventSchema } from '~/lessons/compile';
import { readJsonBody } from '~/lib/read-body.server';
import { refusal } from '~/lib/refusal.server';
import { participantForAppend, playEvent } from '~/play/participant.server';
import { MAX_EVENT_BYTES } from '~/progress/progress.server';

// A malformed event (no type, an unknown type, stray fields) is not an event at all: 400, not 422.
const postSchema = z.object({ sequence: z.number().int().min(1).max(10_000), event: lessonEventSchema }).strict();

export async function loader() {
  return refusal('methodNotAllowed', { headers: { Allow: 'POST' } });
}

/**
 * The player's background post: one event with its sequence number. 200 when written (or
 * already written: the same event twice is one), 409 when the sequence is taken or skips
 * ahead or her group session is not open to her own steps, 422 when the lesson does not allow
 * it, 400/413/415 for what is not an event at all.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = await participantForAppend(context, request, params.participant);
  const body = await readJsonBody(request, postSchema, MAX_EVENT_BYTES * 2);
  if (!body.ok) return refusal(body.reason);
  const played = await playEvent(context, found, body.value.sequence, body.value.event);
  return played.ok ? json({ saved: played.value.sequence, duplicate: played.value.duplicate }) : refusal(played.reason);
}
