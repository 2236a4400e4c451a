import { OUTPUT_ENV } from './outputs';

export type StackOutput = { OutputKey?: string; OutputValue?: string };

/**
 * The `.env.local` text that points the dashboard at a deployed stack, from its CloudFormation
 * outputs. Throws if an output the app needs is missing (an older or different stack).
 * `sessionSecret` (the cookie key) is not a stack output: it is made on this machine and stays here.
 * `appUrl` replaces the stack's APP_URL (the hosted dashboard) with where this copy is opened, such
 * as http://localhost:3000; that URL must be one of the stack's `appUrl` callback URLs.
 */
export function envFileFromOutputs(
  stackName: string,
  outputs: readonly StackOutput[],
  sessionSecret?: string,
  appUrl?: string,
): string {
  const byKey = new Map(outputs.map((o) => [o.OutputKey, o.OutputValue]));
  const missing = Object.keys(OUTPUT_ENV).filter((key) => !byKey.get(key));
  if (missing.length) {
    throw new Error(
      `stack ${stackName} has no output ${missing.join(', ')}; deploy this version of infra/ first`,
    );
  }
  const lines = Object.entries(OUTPUT_ENV).map(
    ([key, env]) => `${env}=${env === OUTPUT_ENV.AppUrl && appUrl ? appUrl : byKey.get(key)}`,
  );
  return [
    `# Written by scripts/write-env-from-stack.ts from stack ${stackName}. The app uses the default`,
    '# AWS credential chain; no AWS_ENDPOINT_URL, so every client talks to AWS itself.',
    ...lines,
    ...(sessionSecret
      ? [
          '# Encrypts the session cookie. Keep it secret; changing it signs everyone out.',
          `SESSION_SECRET=${sessionSecret}`,
        ]
      : []),
    '',
  ].join('\n');
}
