import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** Lessons live in `content/lessons/{lang}/NN-slug.mdx`; the `NN-` prefix orders them and the URL drops it. */
const lessons = defineCollection({
  // The glob loader resolves `base` from the project root, not from srcDir.
  loader: glob({ pattern: '**/*.mdx', base: './site/content/lessons' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    order: z.number().int().positive(),
    lang: z.enum(['ja', 'en']),
  }),
});

export const collections = { lessons };
