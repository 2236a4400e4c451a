import { z } from 'zod';
import { FOLDER_PATTERN, PARAM_TYPES, TAG_PATTERN } from './metadata';

/** Request bodies of the query library API, validated the same way in routes and forms. */

export const NAME_MAX = 128;
/** Athena's Description limit is 1024 characters; the metadata header takes part of it. */
export const DESCRIPTION_MAX = 1024;
export const SQL_MAX = 262_144;

export const savedQueryInputSchema = z
  .object({
    name: z
      .string({ error: 'Give the query a name' })
      .trim()
      .min(1, 'Give the query a name')
      .max(NAME_MAX, `The name must be at most ${NAME_MAX} characters`),
    description: z.string().trim().max(DESCRIPTION_MAX, `The description must be at most ${DESCRIPTION_MAX} characters`).default(''),
    sql: z
      .string({ error: 'Write the SQL to save' })
      .trim()
      .min(1, 'Write the SQL to save')
      .max(SQL_MAX, `The SQL must be at most ${SQL_MAX} characters`),
    folder: z
      .string()
      .trim()
      .max(64, 'The folder must be at most 64 characters')
      .regex(FOLDER_PATTERN, 'A folder name cannot contain ; or =')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    tags: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .max(32, 'A tag must be at most 32 characters')
          .regex(TAG_PATTERN, 'Tags are lower-case letters, digits, - and _ (no spaces or commas)'),
      )
      .max(10, 'At most 10 tags')
      .default([])
      .transform((tags) => [...new Set(tags)]),
    param_types: z.array(z.enum(PARAM_TYPES, { error: `Parameter types are ${PARAM_TYPES.join(', ')}` })).max(100).optional(),
  })
  .strict();

export type SavedQueryInput = z.infer<typeof savedQueryInputSchema>;

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'A parameter value is a string, number, boolean or null',
});

export const runRequestSchema = z
  .object({
    sql: z.string().max(SQL_MAX, `The SQL must be at most ${SQL_MAX} characters`).optional(),
    id: z.string().min(1).max(128).optional(),
    params: z.array(paramValue).max(100).default([]),
    param_types: z.array(z.enum(PARAM_TYPES, { error: `Parameter types are ${PARAM_TYPES.join(', ')}` })).max(100).optional(),
  })
  .strict()
  .refine((body) => (body.sql === undefined) !== (body.id === undefined), {
    message: 'Send either sql (text to run) or id (a saved query), not both',
    path: ['sql'],
  });

export type RunRequest = z.infer<typeof runRequestSchema>;

export const estimateRequestSchema = z
  .object({
    sql: z.string().max(SQL_MAX),
    params: z.array(paramValue).max(100).default([]),
  })
  .strict();

export const HISTORY_SCOPES = ['mine', 'all'] as const;
export type HistoryScope = (typeof HISTORY_SCOPES)[number];

/** `GET /api/queries/executions?scope=mine|all`: one's own runs by default. */
export const historyQuerySchema = z.object({
  scope: z.enum(HISTORY_SCOPES, { error: 'scope is mine (your own runs) or all (everyone\'s)' }).default('mine'),
});
