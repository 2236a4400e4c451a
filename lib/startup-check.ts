import { getConfig } from '@/lib/config';
import { getAuthSettings } from '@/lib/auth/settings';

/**
 * What would make every request fail: an environment lib/config.ts rejects, or sign-in without
 * its issuer, client or session key. The message names the variables; it never echoes values.
 * Undefined when the server can serve.
 */
export function checkStartupConfig(): string | undefined {
  try {
    getConfig();
    getAuthSettings();
    return undefined;
  } catch (error) {
    return `cannot serve: ${(error as Error).message}`;
  }
}

/** Logs the problem and ends the process; kept out of instrumentation.ts, which Next also checks for the edge runtime. */
export function exitIfUnservable(): void {
  const problem = checkStartupConfig();
  if (!problem) return;
  console.error(`[startup] ${problem}`);
  process.exit(1);
}
