/**
 * The course at build time: the 17 lessons of SYLLABUS.md section 1 in
 * teaching order, joined with the lessons that exist in `lessons/`.
 * Used by the course map, the lesson pages and the 404 page.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Exercise, Question } from '../../lessons/schema.ts';

/** A lesson the course plans, whether or not it is written yet. */
export interface OutlineEntry {
  number: number;
  title: string;
  summary: string;
}

/** The course outline (SYLLABUS.md section 1); a written lesson's front matter takes precedence. */
export const OUTLINE: readonly OutlineEntry[] = [
  { number: 1, title: 'The root user', summary: 'The all-powerful account owner: what only it can do, how to lock it away, and what can still restrict it.' },
  { number: 2, title: 'IAM in one picture', summary: 'Identities, principals, requests and the request context; IAM is global, eventually consistent and audited by CloudTrail.' },
  { number: 3, title: 'IAM users and their credentials', summary: 'Password, up to two access keys, MFA; humans versus workloads; a new user can do nothing.' },
  { number: 4, title: 'User groups', summary: 'Permission bundles for users: many groups per user, no nesting, never a principal.' },
  { number: 5, title: 'Anatomy of a policy', summary: 'Version, Statement, Effect, Action, Resource, Condition; ARNs, wildcards, NotAction.' },
  { number: 6, title: 'Managed vs inline policies and least privilege', summary: 'AWS managed, customer managed, inline; attachment and size quotas; trimming permissions.' },
  { number: 7, title: 'Roles and AWS STS', summary: 'Trust policy plus permissions policy, temporary credentials, EC2 instance profiles, PassRole.' },
  { number: 8, title: 'Policy evaluation logic', summary: 'Implicit deny, explicit deny, the order of checks, and the identity-plus-resource union in one account.' },
  { number: 9, title: 'Conditions', summary: 'Operators, AND/OR rules, missing keys, IfExists, set operators, MFA and IP conditions.' },
  { number: 10, title: 'Policy variables and ABAC', summary: 'Variables such as ${aws:username}, principal, resource and request tags: one policy for many people.' },
  { number: 11, title: 'Resource-based policies and the Principal element', summary: 'Bucket, key and trust policies; naming a user versus naming an account; anonymous access.' },
  { number: 12, title: 'Cross-account access', summary: 'Two gates, as both accounts must allow; resource policy versus role; external ID.' },
  { number: 13, title: 'Permissions boundaries', summary: 'A ceiling that grants nothing; intersection with identity policies; safe delegation.' },
  { number: 14, title: 'Organization guardrails: SCPs and RCPs', summary: 'Ceilings for principals (SCP) and for resources (RCP) across member accounts.' },
  { number: 15, title: 'Session policies and temporary credentials', summary: 'Narrowing a session when it is created; AssumeRole, GetFederationToken and GetSessionToken.' },
  { number: 16, title: 'Federation and IAM Identity Center', summary: 'SAML 2.0, OIDC, web identity and Cognito: workforce access without IAM users.' },
  { number: 17, title: 'Best practices, MFA and audit', summary: 'The best-practice list, enforcing MFA, protecting CloudTrail, IAM Access Analyzer.' },
];

/** The certification exams, for `<abbr title>`. */
export const EXAM_NAMES: Record<string, string> = {
  CLF: 'AWS Certified Cloud Practitioner',
  SAA: 'AWS Certified Solutions Architect – Associate',
  DVA: 'AWS Certified Developer – Associate',
  SOA: 'AWS Certified SysOps Administrator – Associate',
  SCS: 'AWS Certified Security – Specialty',
};

/** A written lesson with its exercises and questions. */
export interface Lesson {
  /** The folder name, e.g. `01-root-user`; the id of its entries in every collection. */
  id: string;
  /** The URL slug, e.g. `root-user`. */
  slug: string;
  /** `/lessons/root-user/` */
  href: string;
  entry: CollectionEntry<'lessons'>;
  exercises: Exercise[];
  questions: Question[];
}

/** A place in the course map: planned, and written when `lesson` is set. */
export interface CourseSlot extends OutlineEntry {
  lesson: Lesson | null;
}

/** `01-root-user` -> `root-user` */
export function slugOf(folder: string): string {
  return folder.replace(/^\d+-/, '');
}

/** `root-user` -> `/lessons/root-user/` */
export function lessonHref(slug: string): string {
  return `/lessons/${slug}/`;
}

/**
 * The written lessons in course order. Fails the build when two lesson
 * folders claim the same number or the same slug.
 */
export async function getLessons(): Promise<Lesson[]> {
  const [lessons, exercises, questions] = await Promise.all([
    getCollection('lessons'),
    getCollection('exercises'),
    getCollection('questions'),
  ]);
  const exercisesById = new Map(exercises.map((e) => [e.id, e.data.exercises]));
  const questionsById = new Map(questions.map((q) => [q.id, q.data.questions]));

  const result = lessons
    .map((entry): Lesson => {
      const slug = slugOf(entry.id);
      return {
        id: entry.id,
        slug,
        href: lessonHref(slug),
        entry,
        exercises: exercisesById.get(entry.id) ?? [],
        questions: questionsById.get(entry.id) ?? [],
      };
    })
    .sort((a, b) => a.entry.data.number - b.entry.data.number);

  for (let i = 1; i < result.length; i++) {
    const prev = result[i - 1]!;
    const here = result[i]!;
    if (prev.entry.data.number === here.entry.data.number) {
      throw new Error(
        `lessons/${prev.id}/lesson.md and lessons/${here.id}/lesson.md both have \`number: ${here.entry.data.number}\`; each lesson needs its own number`,
      );
    }
  }
  const seen = new Map<string, string>();
  for (const lesson of result) {
    const other = seen.get(lesson.slug);
    if (other) throw new Error(`lessons/${other}/ and lessons/${lesson.id}/ both give the URL slug \`${lesson.slug}\``);
    seen.set(lesson.slug, lesson.id);
  }
  return result;
}

/** All 17 places of the course, each with its lesson when written. */
export async function getCourse(): Promise<CourseSlot[]> {
  const lessons = await getLessons();
  const byNumber = new Map(lessons.map((l) => [l.entry.data.number, l]));
  return OUTLINE.map((o) => {
    const lesson = byNumber.get(o.number) ?? null;
    return lesson
      ? { number: o.number, title: lesson.entry.data.title, summary: lesson.entry.data.summary, lesson }
      : { ...o, lesson: null };
  });
}
