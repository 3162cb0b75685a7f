/**
 * The schema of course content. Astro's content collections use it to fail
 * the build on a malformed lesson (naming the file and the field), and the
 * node tests use the same schema, so a lesson that builds is a lesson the
 * tests can read.
 *
 * Layout: one folder per lesson, `lessons/NN-slug/`, holding
 * - `lesson.md`       the text; front matter follows `lessonSchema`;
 * - `exercises.json`  `{ "exercises": [...] }`, following `exercisesFileSchema`;
 * - `questions.json`  `{ "questions": [...] }`, following `questionsFileSchema`.
 */
import { z } from 'astro/zod';

/** The certification exams a question or lesson serves. */
export const examSchema = z.enum(['CLF', 'SAA', 'DVA', 'SOA', 'SCS']);
export type Exam = z.infer<typeof examSchema>;

/** A documentation page a lesson or question rests on. */
export const sourceSchema = z.object({
  /** The page's title, e.g. `IAM User Guide: AWS account root user`. */
  title: z.string().min(1),
  /** The page's address. */
  url: z.url(),
});

/** Front matter of `lesson.md`. */
export const lessonSchema = z.object({
  /** Position in the course (SYLLABUS.md section 1), 1 to 17. */
  number: z.number().int().min(1).max(17),
  /** The lesson's title, shown in the course map and the page heading. */
  title: z.string().min(1),
  /** One sentence that says what the lesson teaches. */
  summary: z.string().min(1),
  /** What the learner can do after the lesson. */
  objectives: z.array(z.string().min(1)).min(1),
  /** The exams the lesson matters most for. */
  exams: z.array(examSchema).min(1),
  /** Reading time in minutes, rounded. */
  minutes: z.number().int().positive(),
  /** The pages the lesson's facts come from; rendered as its Sources list. */
  sources: z.array(sourceSchema).min(1),
});
export type LessonMeta = z.infer<typeof lessonSchema>;

const contextScalar = z.union([z.string(), z.number(), z.boolean()]);

/** A principal, exactly as in shared/conformance/FORMAT.md. */
export const principalSchema = z
  .object({
    arn: z.string().optional(),
    roleArn: z.string().optional(),
    tags: z.record(z.string(), z.string()).optional(),
    service: z.string().optional(),
    anonymous: z.literal(true).optional(),
  })
  .refine((p) => [p.arn, p.service, p.anonymous].filter((v) => v !== undefined).length === 1, {
    message: 'a principal needs exactly one of `arn`, `service` or `anonymous`',
  });

/** A request, exactly as in FORMAT.md. */
export const requestSchema = z.object({
  action: z.string().min(1),
  resource: z.string().min(1),
  resourceAccount: z.string().regex(/^\d{12}$/).optional(),
  context: z.record(z.string(), z.union([contextScalar, z.array(contextScalar)])).optional(),
});

/**
 * A policy: a JSON object (shown pretty-printed), raw text (for a starter
 * that is broken on purpose), or the marker `"@learner"`, which stands for
 * the policy the learner edits.
 */
export const policyValueSchema = z.union([z.record(z.string(), z.unknown()), z.string()]);

/** The policies in force, as in FORMAT.md. */
export const policiesSchema = z.object({
  identity: z.array(policyValueSchema).optional(),
  resource: policyValueSchema.optional(),
  permissionsBoundary: policyValueSchema.optional(),
  session: z.array(policyValueSchema).optional(),
  scp: z.array(z.array(policyValueSchema)).optional(),
  rcp: z.array(z.array(policyValueSchema)).optional(),
});
export type PoliciesValue = z.infer<typeof policiesSchema>;

/** The decision a scenario expects; `Deny` accepts either kind of deny. */
export const expectedSchema = z.enum(['Allow', 'ExplicitDeny', 'ImplicitDeny', 'Deny']);
export type Expected = z.infer<typeof expectedSchema>;

/** One row of the scenario grid: one request and the decision it should get. */
export const scenarioSchema = z.object({
  /** Unique within the exercise; becomes `data-scenario`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** A short label for the row, e.g. `root deletes the trail`. */
  label: z.string().min(1),
  principal: principalSchema,
  request: requestSchema,
  /** Policies for this row only; each slot given here replaces the exercise's. */
  policies: policiesSchema.optional(),
  expect: expectedSchema,
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** The kinds of policy a learner can edit (the validator's grammar). */
export const policyKindSchema = z.enum(['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp']);

const exerciseBase = {
  /** Unique within the lesson; part of the storage key of the learner's text. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  /** What to do, in Markdown. */
  task: z.string().min(1),
  /** The grammar of the learner's policy. */
  kind: policyKindSchema,
  /**
   * The policies in force. Exactly one place holds the string `"@learner"`:
   * the learner's policy goes there.
   */
  policies: policiesSchema,
  /** The policy the learner starts from. */
  starter: policyValueSchema,
  scenarios: z.array(scenarioSchema).min(1),
  /** Revealed one at a time, in order. */
  hints: z.array(z.string().min(1)).default([]),
  /** Shown once the exercise is solved: why the answer works. */
  explanation: z.string().min(1).optional(),
};

/** Edit the policy until every row gets its expected decision. */
export const editExerciseSchema = z.object({
  type: z.literal('edit'),
  ...exerciseBase,
  /** A reference solution; tests prove it passes every row. */
  solution: policyValueSchema,
});

/**
 * Predict each row's decision before the grid shows it. The policy is
 * read-only until every row has a guess.
 */
export const predictExerciseSchema = z.object({
  type: z.literal('predict'),
  ...exerciseBase,
});

export const exerciseSchema = z.discriminatedUnion('type', [editExerciseSchema, predictExerciseSchema]);
export type Exercise = z.infer<typeof exerciseSchema>;

/** `exercises.json` */
export const exercisesFileSchema = z.object({ exercises: z.array(exerciseSchema).min(1) });

/** One answer option of a question. */
export const optionSchema = z.object({
  text: z.string().min(1),
  correct: z.boolean(),
  /** Why this option is right or wrong; shown after answering. */
  why: z.string().min(1),
});

/** An exam-style question. */
export const questionSchema = z
  .object({
    /** Unique within the lesson. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** `single`: one correct option; `multiple`: two or more, and the prompt says how many. */
    type: z.enum(['single', 'multiple']),
    prompt: z.string().min(1),
    options: z.array(optionSchema).min(3).max(6),
    exams: z.array(examSchema).min(1),
    /** Where the answer is stated. */
    source: sourceSchema.optional(),
  })
  .refine((q) => {
    const n = q.options.filter((o) => o.correct).length;
    return q.type === 'single' ? n === 1 : n >= 2;
  }, { message: 'a `single` question needs exactly one correct option, a `multiple` one at least two' });
export type Question = z.infer<typeof questionSchema>;

/** `questions.json` */
export const questionsFileSchema = z.object({ questions: z.array(questionSchema).min(1) });
