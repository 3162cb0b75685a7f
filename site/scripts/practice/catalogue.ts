/**
 * Builds the practice page's data from the course content, at build time
 * (in `site/pages/practice/index.astro`). Not for the browser: it imports
 * part of the engine. No `astro:content` either, so the node tests import it.
 */
import { policyText, resourceKindFor } from '../../../lessons/exercise.ts';
import type { Exercise, Question } from '../../../lessons/schema.ts';
import { examsInOrder as exams, questionKey, type PracticeData, type PracticeExercise, type PracticeQuestion } from './types.ts';

/** A written lesson with its content, as the page hands it over. */
export interface LessonContent {
  slug: string;
  number: number;
  title: string;
  href: string;
  exams: readonly string[];
  questions: readonly Question[];
  exercises: readonly Exercise[];
}


/** The page's data: every lesson's questions and every exercise's scenarios. */
export function buildPracticeData(lessons: readonly LessonContent[]): PracticeData {
  const questions: PracticeQuestion[] = [];
  const exercises: PracticeExercise[] = [];
  for (const lesson of lessons) {
    for (const q of lesson.questions) {
      questions.push({
        key: questionKey(lesson.slug, q.id),
        lesson: lesson.slug,
        type: q.type,
        prompt: q.prompt,
        options: q.options.map((o) => ({ text: o.text, correct: o.correct, why: o.why })),
        exams: exams(q.exams),
        ...(q.source ? { source: { title: q.source.title, url: q.source.url } } : {}),
      });
    }
    for (const ex of lesson.exercises) {
      exercises.push({
        lesson: lesson.slug,
        id: ex.id,
        title: ex.title,
        kind: ex.kind,
        policies: ex.policies,
        learner: policyText(ex.type === 'edit' ? ex.solution : ex.starter),
        scenarios: ex.scenarios.map((s) => ({
          id: s.id,
          principal: s.principal,
          request: s.request,
          ...(s.policies ? { policies: s.policies } : {}),
          trust: resourceKindFor(ex.kind, s.request) === 'trust',
        })),
      });
    }
  }
  return {
    lessons: lessons.map((l) => ({ slug: l.slug, number: l.number, title: l.title, href: l.href, exams: exams(l.exams) })),
    questions,
    exercises,
  };
}

