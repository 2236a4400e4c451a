import { formatDate } from '@/components/ui/format';

export { formatBytes, formatDuration } from '@/lib/format-units';

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** 10:04:05.123, with the date only when it is not today's: stage times are close together. */
export function formatStageTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  return sameDay ? clock.format(at) : `${formatDate(iso)}, ${clock.format(at)}`;
}
