/**
 * The data of the practice page: what the server embeds in the page as
 * JSON (built from the lesson collections by `catalogue.ts`) and the items
 * a round is made of. Plain data, no DOM.
 *
 * An item is either an exam-style question from a lesson's
 * `questions.json` or a predict-the-decision drill: one scenario row of a
 * lesson exercise, shown with the policies in force, whose answer the
 * engine decides when the drill is shown.
 */
import type { PolicyKind, PrincipalInput, RequestInput } from '../../../engine/types.ts';
import type { PoliciesValue } from '../../../lessons/schema.ts';
import { isRecord } from '../data.ts';

/** The certification exams, in the order the filter lists them. */
export const EXAMS = ['CLF', 'SAA', 'DVA', 'SOA', 'SCS'] as const;
export type ExamCode = (typeof EXAMS)[number];

/** The known exams of a list, in EXAMS' order, so that every page lists them alike. */
export function examsInOrder(list: readonly string[]): ExamCode[] {
  return EXAMS.filter((e) => list.includes(e));
}

/** A written lesson, as the filters and score lists name it. */
export interface PracticeLesson {
  /** URL slug, e.g. `root-user`; the key of its score. */
  slug: string;
  number: number;
  title: string;
  /** `/lessons/root-user/` */
  href: string;
  /** The exams the lesson serves; a drill from it counts for these. */
  exams: ExamCode[];
}

/** One answer option; `why` is shown for every option after answering. */
export interface PracticeOption {
  text: string;
  correct: boolean;
  why: string;
}

/** An exam-style question. */
export interface PracticeQuestion {
  /** `q:<lesson slug>:<question id>`: unique across the course, the key of its review box. */
  key: string;
  lesson: string;
  type: 'single' | 'multiple';
  prompt: string;
  options: PracticeOption[];
  exams: ExamCode[];
  source?: { title: string; url: string };
}

/** A scenario row of an exercise, without its label and expectation (the engine decides). */
export interface PracticeScenario {
  id: string;
  principal: PrincipalInput;
  request: RequestInput;
  /** Slots that replace the exercise's for this row only (may hold `"@learner"`). */
  policies?: PoliciesValue;
  /** True when the resource slot holds a role trust policy for this row. */
  trust: boolean;
}

/** An exercise whose scenario rows become drills. */
export interface PracticeExercise {
  lesson: string;
  id: string;
  title: string;
  kind: PolicyKind;
  /** The policies in force; `"@learner"` marks where `learner` goes. */
  policies: PoliciesValue;
  /**
   * The policy text in the learner's slot: the reference solution of an
   * edit exercise, the starter of a predict exercise.
   */
  learner: string;
  scenarios: PracticeScenario[];
}

/** Everything the page embeds. */
export interface PracticeData {
  lessons: PracticeLesson[];
  questions: PracticeQuestion[];
  exercises: PracticeExercise[];
}

/** A question item of a round. */
export interface QuestionItem {
  kind: 'question';
  key: string;
  lesson: string;
  exams: ExamCode[];
  question: PracticeQuestion;
}

/** A drill item of a round: one scenario of one exercise. */
export interface DrillItem {
  kind: 'drill';
  /** `d:<lesson slug>:<exercise id>:<scenario id>` */
  key: string;
  lesson: string;
  exams: ExamCode[];
  exercise: PracticeExercise;
  scenario: PracticeScenario;
}

export type PracticeItem = QuestionItem | DrillItem;

/** The three answers of a drill, as the engine names them. */
export const DECISIONS = ['Allow', 'ExplicitDeny', 'ImplicitDeny'] as const;
export type DrillDecision = (typeof DECISIONS)[number];

/** How each decision is written on the page. */
export const DECISION_LABEL: Record<DrillDecision, string> = {
  Allow: 'Allow',
  ExplicitDeny: 'Explicit deny',
  ImplicitDeny: 'Implicit deny',
};

/** The key of a question's review box: `q:<lesson slug>:<question id>`. */
export const questionKey = (lesson: string, id: string): string => `q:${lesson}:${id}`;
/** The key of a drill's review box: `d:<lesson slug>:<exercise id>:<scenario id>`. */
export const drillKey = (lesson: string, exercise: string, scenario: string): string => `d:${lesson}:${exercise}:${scenario}`;

/** Whether a string is one of the exam codes. */
export function isExam(value: unknown): value is ExamCode {
  return typeof value === 'string' && (EXAMS as readonly string[]).includes(value);
}

/**
 * Accepts the embedded data's outer shape (the server wrote it from
 * validated collections; this only guards against a damaged page).
 */
export function isPracticeData(value: unknown): value is PracticeData {
  if (!isRecord(value)) return false;
  const { lessons, questions, exercises } = value;
  return (
    Array.isArray(lessons) &&
    lessons.every((l) => isRecord(l) && typeof l.slug === 'string' && typeof l.title === 'string' && Array.isArray(l.exams)) &&
    Array.isArray(questions) &&
    questions.every((q) => isRecord(q) && typeof q.key === 'string' && typeof q.prompt === 'string' && Array.isArray(q.options)) &&
    Array.isArray(exercises) &&
    exercises.every((e) => isRecord(e) && typeof e.id === 'string' && isRecord(e.policies) && Array.isArray(e.scenarios))
  );
}
