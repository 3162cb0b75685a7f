/**
 * The course content as Astro content collections.
 *
 * Each lesson folder `lessons/NN-slug/` contributes one entry to each
 * collection, and every entry's id is the folder name (`01-root-user`), so
 * the three files of one lesson share an id. The schemas are the ones in
 * `lessons/schema.ts`: a malformed file fails `astro build` with a message
 * that names the file and the field.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { exercisesFileSchema, lessonSchema, questionsFileSchema } from '../lessons/schema.ts';

/** `01-root-user/lesson.md` -> `01-root-user` */
function folderId({ entry }: { entry: string }): string {
  const folder = entry.split('/')[0];
  // INVARIANT: the patterns below match files exactly one folder deep.
  return folder ?? entry;
}

const lessons = defineCollection({
  loader: glob({ base: './lessons', pattern: '*/lesson.md', generateId: folderId }),
  schema: lessonSchema,
});

const exercises = defineCollection({
  loader: glob({ base: './lessons', pattern: '*/exercises.json', generateId: folderId }),
  schema: exercisesFileSchema,
});

const questions = defineCollection({
  loader: glob({ base: './lessons', pattern: '*/questions.json', generateId: folderId }),
  schema: questionsFileSchema,
});

export const collections = { lessons, exercises, questions };
