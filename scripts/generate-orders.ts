/**
 * The tutorial's step 1: generate order traffic against whatever the AWS SDK points at
 * (the local endpoint by default, a deployed stack with AWS credentials, or LocalStack).
 *
 *   npm run generate -- --count 500 --days 30 --seed 7
 *   AWS_ENDPOINT_URL=http://127.0.0.1:4566 npm run generate
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    days: { type: 'string', default: '90' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    concurrency: { type: 'string', default: '16' },
  },
});

async function main() {
  // Local defaults, unless the caller already chose an endpoint or real credentials.
  if (!process.env.AWS_ENDPOINT_URL && !process.env.AWS_PROFILE && !process.env.AWS_ACCESS_KEY_ID) {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${process.env.LOCAL_AWS_PORT ?? 4566}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
  }
  const { seedDemoOrders } = await import('../local/seed');
  const started = performance.now();
  const result = await seedDemoOrders({
    count: Number(values.count),
    days: Number(values.days),
    seed: Number(values.seed),
    concurrency: Number(values.concurrency),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`wrote ${result.orders} orders (${result.writes} writes) in ${seconds.toFixed(1)} s → ${(result.writes / seconds).toFixed(0)} writes/s`);
}

main().catch((error: Error) => {
  console.error(`generate failed: ${error.message}`);
  process.exit(1);
});
