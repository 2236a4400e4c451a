/**
 * Points the dashboard at a deployed stack: reads the stack's outputs (CloudFormation
 * DescribeStacks, default credential chain) and writes them to .env.local.
 *
 *   npx tsx scripts/write-env-from-stack.ts                       stack SalesCdc-dev, ./.env.local
 *   npx tsx scripts/write-env-from-stack.ts --stage prod --region eu-west-1 --force
 *   … --app-url http://localhost:3000      where this copy is opened (default); must be a stack appUrl
 */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { envFileFromOutputs } from '../infra/lib/stack-env';

const { values } = parseArgs({
  options: {
    stage: { type: 'string', default: 'dev' },
    stack: { type: 'string' },
    region: { type: 'string' },
    out: { type: 'string', default: '.env.local' },
    force: { type: 'boolean', default: false },
    // The stack's own AppUrl is the hosted dashboard; a copy on this machine is opened here instead.
    'app-url': { type: 'string', default: 'http://localhost:3000' },
  },
});

async function main() {
  const stackName = values.stack ?? `SalesCdc-${values.stage}`;
  const out = path.resolve(values.out);
  if (existsSync(out) && !values.force) {
    throw new Error(`${out} exists (it may hold your local settings); pass --force to replace it`);
  }
  const client = new CloudFormationClient(values.region ? { region: values.region } : {});
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const stack = Stacks?.[0];
  if (!stack) throw new Error(`stack ${stackName} not found`);
  // A fresh 256-bit cookie key; mode 0600 because the file now holds a secret.
  const sessionSecret = randomBytes(32).toString('base64url');
  writeFileSync(out, envFileFromOutputs(stackName, stack.Outputs ?? [], sessionSecret, values['app-url']), {
    mode: 0o600,
  });
  console.log(
    `wrote ${out} from ${stackName} (${stack.StackStatus}); start the dashboard with \`npm run serve\` to use it`,
  );
}

main().catch((error: Error) => {
  console.error(`✗ ${error.message}`);
  process.exit(1);
});
