import { type ActionFunctionArgs, json } from '@remix-run/node';
import { z } from 'zod';
import { lessonEventSchema } from '~/lessons/compile';
import { readJson } from '~/lib/read-body.server';
import { appendForPlayer, participantForAppend } from '~/play/participant.server';
import { MAX_EVENT_BYTES } from '~/progress/progress.server';
import { afterProgress, progressGate } from '~/sessions/participation.server';

// A malformed event (no type, an unknown type, stray fields) is not an event at all: 400, not 422.
const postSchema = z.object({ sequence: z.number().int().min(1).max(10_000), event: lessonEventSchema }).strict();

export async function loader() {
  return json({ reason: 'methodNotAllowed' }, { status: 405, headers: { Allow: 'POST' } });
}

/**
 * The player's background post: one event with its sequence number. 200 when written (or
 * already written: the same event twice is one), 409 when the sequence is taken or skips
 * ahead, 422 when the lesson does not allow it, 400/413/415 for what is not an event at all.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const found = await participantForAppend(params.participant, request);
  const { participant } = found;
  const body = await readJson(request, MAX_EVENT_BYTES * 2);
  if (!body.ok) return json({ error: body.error }, { status: body.status });
  const payload = body.value;
  const parsed = postSchema.safeParse(payload);
  if (!parsed.success) return json({ error: 'badRequest', reason: parsed.error.issues[0]?.message }, { status: 400 });
  const closed = await progressGate(participant);
  if (closed) return json({ error: 'sessionClosed', reason: closed }, { status: 409 });
  const outcome = await appendForPlayer(found, parsed.data.sequence, parsed.data.event);
  await afterProgress(participant, outcome);
  switch (outcome.kind) {
    case 'appended':
    case 'duplicate':
      return json({ saved: outcome.sequence, duplicate: outcome.kind === 'duplicate' });
    case 'conflict':
    case 'gap':
      return json({ error: outcome.kind, expected: outcome.expected }, { status: 409 });
    case 'refused':
      return json({ error: 'notAllowed', reason: outcome.reason }, { status: 422 });
  }
}
