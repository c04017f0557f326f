// What the course routes do first, once: the learner and the course (and step) of the URL;
// and /verify's answer to a refused code (decision 0022).
import { type AppLoadContext, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { requirePermission } from '~/accounts/guard.server';
import { refusal } from '~/lib/refusal.server';
import { messageOf, statusOf } from '~/reasons';
import { isEnrolled } from './enrolment.server';
import { findStep } from './flow';
import type { CourseLibrary, LoadedCourse } from './load.server';
import type { VerifyRefusal } from './verify.server';

type Params = LoaderFunctionArgs['params'];

/** The course from the URL (404 when unknown). */
export function courseFromParams(courses: CourseLibrary, id: string | undefined): LoadedCourse {
  const loaded = id ? courses.course(id) : undefined;
  if (!loaded) throw refusal('notFound');
  return loaded;
}

/** Someone who may take courses, and the course of the URL. */
export async function learnerCourse(context: AppLoadContext, request: Request, params: Params) {
  const user = await requirePermission(context, request, 'take', 'course');
  return { user, loaded: courseFromParams(context.courses, params.id) };
}

/** The learner's step of the URL (404 when unknown); not enrolled, she is sent to the course's page. */
export async function learnerStep(context: AppLoadContext, request: Request, params: Params) {
  const { user, loaded } = await learnerCourse(context, request, params);
  const found = findStep(loaded.course, params.lesson ?? '', params.step ?? '');
  if (!found) throw refusal('notFound');
  if (!(await isEnrolled(context.db, user.id, loaded.course.id))) throw redirect(`/courses/${loaded.course.id}`);
  return { user, loaded, ...found };
}

/** /verify's answer to a refused code: the form again with the reason's message and status, and Retry-After when she must wait. */
export function refusedVerify(refused: VerifyRefusal, page: { title: string; typed: string }) {
  const { reason } = refused;
  return json(
    { ...page, refused: { reason, message: messageOf(reason) }, certificate: null },
    { status: statusOf(reason), headers: refused.reason === 'verifyTooMany' ? { 'Retry-After': String(refused.retryAfterSeconds) } : undefined },
  );
}
