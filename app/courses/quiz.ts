// Quiz scoring (decision 0016). Pure: the server scores the attempt it stores, the page shows
// the same result. A question counts as right only when exactly its correct options were
// chosen; the score is the share of right questions in per cent, rounded down.
import type { QuizStep } from './schema';

export type QuizAnswers = Record<string, string[]>;

export interface QuestionResult {
  id: string;
  right: boolean;
  chosen: string[];
  correctOptions: string[];
}

export interface QuizResult {
  questions: QuestionResult[];
  correct: number;
  total: number;
  /** Per cent, rounded down. */
  score: number;
  passed: boolean;
}

export function scoreQuiz(quiz: QuizStep, answers: QuizAnswers): QuizResult {
  const questions = quiz.questions.map((question) => {
    const known = new Set(question.options.map((option) => option.id));
    const chosen = [...new Set(answers[question.id] ?? [])].filter((id) => known.has(id));
    const correctOptions = question.options.filter((option) => option.correct).map((option) => option.id);
    const right = chosen.length === correctOptions.length && correctOptions.every((id) => chosen.includes(id));
    return { id: question.id, right, chosen, correctOptions };
  });
  const correct = questions.filter((question) => question.right).length;
  const total = questions.length;
  const score = Math.floor((correct * 100) / total);
  return { questions, correct, total, score, passed: score >= quiz.passMark };
}

/** The answers as the form sent them: `q.<questionId>` → one value or several. */
export function quizAnswersFromForm(quiz: QuizStep, form: Record<string, string | string[]>): QuizAnswers {
  const answers: QuizAnswers = {};
  for (const question of quiz.questions) {
    const value = form[`q.${question.id}`];
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    // A question with one answer keeps at most one option, whatever was posted.
    answers[question.id] = question.multiple ? list.slice(0, question.options.length) : list.slice(0, 1);
  }
  return answers;
}
