/**
 * The tutorial's step 1: order traffic at a steady rate, with a mix of inserts, edits and
 * deletes, against whatever the AWS SDK points at: the local endpoint by default, a deployed
 * stack (AWS credentials + ORDERS_TABLE_NAME), or LocalStack (AWS_ENDPOINT_URL).
 *
 *   npm run generate                                   10 ops/s for 30 s, mix 60:30:10
 *   npm run generate -- --rate 50 --duration 120 --mix 70:25:5
 */
import { parseArgs } from 'node:util';
import { parseMix, runTraffic } from './lib/traffic';

const HELP = `usage: npm run generate -- [--rate N] [--duration SECONDS] [--mix INSERT:EDIT:DELETE] [--days N] [--seed N] [--concurrency N]`;

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '10' },
    duration: { type: 'string', default: '30' },
    mix: { type: 'string', default: '60:30:10' },
    days: { type: 'string', default: '90' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    concurrency: { type: 'string', default: '8' },
    help: { type: 'boolean', default: false },
  },
});

function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (got "${text}")\n${HELP}`);
  return value;
}

async function main() {
  if (values.help) return console.log(HELP);
  const options = {
    rate: positive('rate', values.rate),
    durationMs: positive('duration', values.duration) * 1000,
    mix: parseMix(values.mix!),
    days: positive('days', values.days),
    seed: Number(values.seed),
    concurrency: Math.round(positive('concurrency', values.concurrency)),
  };
  // Local defaults, unless the caller already chose an endpoint or real credentials.
  if (!process.env.AWS_ENDPOINT_URL && !process.env.AWS_PROFILE && !process.env.AWS_ACCESS_KEY_ID) {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${process.env.LOCAL_AWS_PORT ?? 4566}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
  }
  console.log(`writing ~${options.rate} ops/s for ${options.durationMs / 1000} s (mix ${values.mix}) to ${process.env.AWS_ENDPOINT_URL ?? 'AWS'}`);
  const report = await runTraffic(options);
  const seconds = report.elapsedMs / 1000;
  const ops = report.inserts + report.edits + report.deletes;
  console.log(
    `done in ${seconds.toFixed(1)} s: ${report.inserts} inserts, ${report.edits} edits, ${report.deletes} deletes ` +
      `(${(ops / seconds).toFixed(1)} ops/s), ${report.conflicts} conflicts retried, ${report.errors} errors`,
  );
  if (report.errors > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(`generate failed: ${error.message}`);
  process.exit(1);
});
