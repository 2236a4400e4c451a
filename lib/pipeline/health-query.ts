import { z } from 'zod';

/** `GET /api/pipeline/health?samples=N`: how many error records and dead letters to sample. */
export const healthQuerySchema = z
  .object({
    samples: z.coerce
      .number({ error: 'samples must be a number' })
      .int('samples must be a whole number')
      .min(0, 'samples must be at least 0')
      .max(10, 'samples must be at most 10')
      .default(5),
  })
  .strict();

export type HealthQuery = z.infer<typeof healthQuerySchema>;
