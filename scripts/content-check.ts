// `npm run content:check`: loads every module × variant, runs the content check, prints one
// line each, and exits 1 with every problem (file, step, field) when there is one.
// Optional arguments: another content root and public folder, to check a module elsewhere.
import path from 'node:path';
import { checkLesson, countRoutes, readingAims, readingLevel } from '../app/lessons/check';
import { supportedLanguages } from '../app/i18n/config';
import { defaultContentRoot, publicFileExists, readLessonModules } from '../app/lessons/load.server';
import { ContentError, formatProblem } from '../app/lessons/problems';
import { lessonVariants } from '../app/lessons/schema';
import { defaultCourseRoot, readCourses } from '../app/courses/load.server';

const contentRoot = process.argv[2] ? path.resolve(process.argv[2]) : defaultContentRoot();
const fileExists = publicFileExists(process.argv[3] ? path.resolve(process.argv[3]) : undefined);

let failed = false;
try {
  const modules = readLessonModules(contentRoot);
  if (!modules.length) console.log(`no modules (${path.relative(process.cwd(), contentRoot) || contentRoot})`);
  for (const set of modules) {
    for (const variant of lessonVariants) {
      const lesson = set.variants[variant];
      const problems = checkLesson(lesson, fileExists);
      const counts = `${lesson.module.steps.length} steps, ${countRoutes(lesson.module)} paths`;
      console.log(`${set.id} × ${variant}: ${counts}, ${problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''}` : 'ok'}`);
      for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
      if (lesson.module.audience === 'girls') {
        // The reading level on the girls' screens: words per sentence, average and longest (decision 0010).
        const aim = variant === 'roma' ? readingAims.roma : readingAims.standard;
        const figures = supportedLanguages.map((language) => {
          const level = readingLevel(lesson, language);
          const over = level.average > aim.average || level.longest > aim.longest ? ' (above the aim)' : '';
          return `${language} ${level.average.toFixed(1)} avg / ${level.longest} longest${over}`;
        });
        console.log(`  reading level (words a sentence; aim ≤ ${aim.average} avg, ≤ ${aim.longest} longest): ${figures.join(' · ')}`);
      }
      failed ||= problems.length > 0;
    }
  }
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.log(`content does not load:\n${error.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
  failed = true;
}
// The courses for professionals (decision 0016): loading them runs their content check.
if (!process.argv[2]) {
  try {
    for (const { course } of readCourses(defaultCourseRoot())) {
      const steps = course.lessons.reduce((sum, lesson) => sum + lesson.steps.length, 0);
      console.log(`course ${course.id} v${course.version}: ${course.lessons.length} lessons, ${steps} steps, ${course.languages.join('/')}, ok`);
    }
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    console.log(`courses do not load:\n${error.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
