// What every course route does first: the course from the URL (404 when unknown).
import { json } from '@remix-run/node';
import type { CourseLibrary, LoadedCourse } from './load.server';

export function courseFromParams(courses: CourseLibrary, id: string | undefined): LoadedCourse {
  const loaded = id ? courses.course(id) : undefined;
  if (!loaded) throw json({ reason: 'notFound' }, { status: 404 });
  return loaded;
}
