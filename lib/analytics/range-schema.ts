import { z } from 'zod';
import { CURRENCIES } from '@/lib/orders/money';
import { daysBetween, isCalendarDate, isTimeZone, MAX_RANGE_DAYS } from './range';

/** Query string of every analytics route: from, to (inclusive, YYYY-MM-DD), tz, currency. */
export const rangeQuerySchema = z
  .object({
    from: z.string({ error: 'from is required (YYYY-MM-DD)' }).refine(isCalendarDate, 'from must be a date such as 2026-11-01'),
    to: z.string({ error: 'to is required (YYYY-MM-DD)' }).refine(isCalendarDate, 'to must be a date such as 2026-11-30'),
    tz: z
      .string()
      .max(64, 'tz is too long')
      .refine(isTimeZone, 'tz must be an IANA time zone such as UTC or America/New_York')
      .default('UTC'),
    currency: z.enum(CURRENCIES, { error: `currency must be one of ${CURRENCIES.join(', ')}` }).default('USD'),
  })
  .superRefine((value, ctx) => {
    if (!isCalendarDate(value.from) || !isCalendarDate(value.to)) return;
    const days = daysBetween(value.from, value.to) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be on or before to' });
    else if (days > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the range may span at most ${MAX_RANGE_DAYS} days` });
  });


