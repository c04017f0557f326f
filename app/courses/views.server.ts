// What the course pages show, resolved to text in the reader's language on the server:
// routes stay thin and the browser never needs the content files. Answers are never sent
// before she submits (the quiz's correct options stay on the server until then).
import type { Language } from '~/i18n/config';
import type { CertificateView } from './certificates.server';
import { stepPosition } from './flow';
import { type CourseLibrary, courseText, type LoadedCourse } from './load.server';
import type { QuizResult } from './quiz';
import type { CourseFormat, CourseLesson, CourseStep } from './schema';

/** The language the course is shown in: hers when the course has it, else its first. */
export function courseLanguage(loaded: LoadedCourse, language: Language): Language {
  return loaded.course.languages.includes(language) ? language : loaded.course.languages[0]!;
}

export interface CourseSummary {
  id: string;
  version: number;
  title: string;
  summary: string;
  earns: string;
  audience: 'all' | string[];
  format: CourseFormat;
  minutes: number;
  languages: Language[];
  unlocksSessions: boolean;
  attendanceRequired: boolean;
  lessons: { id: string; title: string; minutes?: number; firstStep: string }[];
}

export function courseSummary(loaded: LoadedCourse, language: Language): CourseSummary {
  const { course } = loaded;
  const t = courseText(loaded, courseLanguage(loaded, language));
  return {
    id: course.id,
    version: course.version,
    title: t(course.titleKey),
    summary: t(course.summaryKey),
    earns: t(course.earnsKey),
    audience: course.audience,
    format: course.format,
    minutes: course.minutes,
    languages: course.languages,
    unlocksSessions: course.unlocks.includes('group-sessions'),
    attendanceRequired: course.completion.attendanceRequired,
    lessons: course.lessons.map((lesson) => ({ id: lesson.id, title: t(lesson.titleKey), minutes: lesson.minutes, firstStep: lesson.steps[0]!.id })),
  };
}

/** Every course's title in the reader's language, by course id. */
export function courseTitles(courses: CourseLibrary, language: Language): Record<string, string> {
  return Object.fromEntries(courses.courses.map((loaded) => [loaded.course.id, courseText(loaded, courseLanguage(loaded, language))(loaded.course.titleKey)]));
}

type Section = { heading?: string; body: string };
export type StepView =
  | { type: 'text'; title?: string; sections: Section[] }
  | { type: 'video'; title?: string; src?: string; captions: { language: string; src: string }[]; signLanguage?: string; transcript: string }
  | {
      type: 'case';
      title?: string;
      situation: string;
      prompt: string;
      options: { id: string; label: string }[];
      chosen?: { id: string; label: string; feedback: string };
    }
  | {
      type: 'quiz';
      title?: string;
      intro?: string;
      passMark: number;
      questions: { id: string; question: string; multiple: boolean; options: { id: string; label: string }[] }[];
      result?: QuizResult & { feedback: Record<string, string> };
    }
  | { type: 'material'; title: string; description?: string; kind: 'pdf' | 'file' };

export function stepView(loaded: LoadedCourse, language: Language, step: CourseStep, extra: { choice?: string; result?: QuizResult } = {}): StepView {
  const lang = courseLanguage(loaded, language);
  const t = courseText(loaded, lang);
  const optional = (key: string | undefined) => (key === undefined ? undefined : t(key));
  switch (step.type) {
    case 'text':
      return { type: 'text', title: optional(step.titleKey), sections: step.sections.map((s) => ({ heading: optional(s.headingKey), body: t(s.bodyKey) })) };
    case 'video':
      return {
        type: 'video',
        title: optional(step.titleKey),
        src: step.src,
        captions: Object.entries(step.captions ?? {}).map(([captionLanguage, src]) => ({ language: captionLanguage, src })),
        signLanguage: step.signLanguage,
        transcript: t(step.transcriptKey),
      };
    case 'case': {
      const chosen = step.options.find((option) => option.id === extra.choice);
      return {
        type: 'case',
        title: optional(step.titleKey),
        situation: t(step.situationKey),
        prompt: t(step.promptKey),
        options: step.options.map((option) => ({ id: option.id, label: t(option.labelKey) })),
        chosen: chosen ? { id: chosen.id, label: t(chosen.labelKey), feedback: t(chosen.feedbackKey) } : undefined,
      };
    }
    case 'quiz':
      return {
        type: 'quiz',
        title: optional(step.titleKey),
        intro: optional(step.introKey),
        passMark: step.passMark,
        questions: step.questions.map((question) => ({
          id: question.id,
          question: t(question.questionKey),
          multiple: question.multiple,
          options: question.options.map((option) => ({ id: option.id, label: t(option.labelKey) })),
        })),
        // Which options were right is told only with a submitted attempt's result.
        result: extra.result ? { ...extra.result, feedback: Object.fromEntries(step.questions.map((q) => [q.id, t(q.feedbackKey)])) } : undefined,
      };
    case 'material':
      return { type: 'material', title: t(step.titleKey), description: optional(step.descriptionKey), kind: step.pdf ? 'pdf' : 'file' };
  }
}

export function lessonHeader(loaded: LoadedCourse, language: Language, lesson: CourseLesson, stepId: string) {
  const t = courseText(loaded, courseLanguage(loaded, language));
  const index = loaded.course.lessons.findIndex((candidate) => candidate.id === lesson.id);
  const { position, total } = stepPosition(lesson, stepId);
  return { lessonTitle: t(lesson.titleKey), lessonNumber: index + 1, lessonCount: loaded.course.lessons.length, stepNumber: position, stepCount: total };
}

/** The labels a certificate (PDF or page) shows, in the certificate's own language. */
export function certificateFields(view: CertificateView, t: (key: string, options?: Record<string, unknown>) => string) {
  return [
    { label: t('certificates.fields.holder'), value: view.holderName },
    ...(view.organisationName ? [{ label: t('certificates.fields.organisation'), value: view.organisationName }] : []),
    { label: t('certificates.fields.course'), value: view.courseTitle },
    { label: t('certificates.fields.version'), value: String(view.courseVersion) },
    ...(view.score !== null ? [{ label: t('certificates.fields.score'), value: `${view.score} %` }] : []),
    { label: t('certificates.fields.issued'), value: view.issuedAt.slice(0, 10) },
    { label: t('certificates.fields.expires'), value: view.expiresAt ? view.expiresAt.slice(0, 10) : t('certificates.fields.noExpiry') },
  ];
}
