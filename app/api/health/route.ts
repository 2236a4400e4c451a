import { handle, json } from '@/lib/api/responses';
import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => {
  const health = await checkHealth();
  return json(health, health.status === 'ok' ? 200 : 503);
});
