import { changeStream, deliveryStream } from '@/lib/resources';

/**
 * The deploy-time knobs, read from CDK context (`-c stage=prod`, cdk.json) and validated before
 * any construct exists, so a bad value fails synth with one clear message instead of a deploy
 * that fails half-way.
 */
export type StageConfig = {
  /** Prefix of every physical name, so several stages can share an account. */
  stage: string;
  shardCount: number;
  buffering: { sizeMiB: number; intervalSeconds: number };
  deletionProtection: boolean;
  /** Days change-log objects stay in S3 (0 = forever). */
  changeLogRetentionDays: number;
  /** Athena refuses a query that would scan more than this. */
  bytesScannedCutoffPerQuery: number;
  auth: AuthConfig;
  /** The hosted dashboard; undefined with `-c dashboard=false` (pipeline only). */
  hosting: HostingConfig | undefined;
  /** Who the alarms email (an SNS subscription); undefined: the topic exists with no subscriber. */
  alarmEmail: string | undefined;
};

export type HostingConfig = {
  /**
   * A custom domain served by the load balancer with an ACM certificate validated in this hosted
   * zone. Undefined: CloudFront's own `*.cloudfront.net` name and certificate.
   */
  domain: { name: string; hostedZoneId: string; hostedZoneName: string } | undefined;
  /** Tasks always running (spread over two AZs) and the most auto scaling may add. */
  minTasks: number;
  maxTasks: number;
  /** WAF: requests one client IP may make in 5 minutes before it is blocked for a while. */
  rateLimitPer5Min: number;
};

export type AuthConfig = {
  /**
   * Further places the dashboard is served (no trailing slash), besides the hosted URL the stack
   * adds itself. Each one gets `<url>/auth/callback` and `<url>/signed-out` on the web client.
   */
  appUrls: string[];
  /** `optional`: users may enrol a TOTP app; `required`: nobody signs in without one. */
  mfa: 'optional' | 'required';
  /** Managed-login domain prefix; undefined means `sales-cdc-<stage>-<account>`. */
  domainPrefix: string | undefined;
};

export class InfraConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InfraConfigError';
  }
}

/** Lower case, 2-10 characters: the longest bucket name (results bucket + stage + account + region) stays within 63. */
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,8}[a-z0-9]$/;

// Firehose's documented limits for an S3 destination.
const BUFFER_SIZE_MIB = { min: 1, max: 128 };
const BUFFER_INTERVAL_S = { min: 0, max: 900 };
// Kinesis: on-demand is a different mode; provisioned streams take 1..(account quota) shards.
const SHARDS = { min: 1, max: 500 };
// Dynamic partitioning raises Firehose's minimums (the L2 enforces them too, less clearly).
const DYNAMIC_PARTITIONING_MIN = { sizeMiB: 64, intervalSeconds: 60 };
/** Only the dev stage may default to a local dashboard; every other stage names its own URL. */
export const DEV_APP_URL = 'http://localhost:3000';
const MFA_MODES = ['optional', 'required'] as const;
// Cognito prefix domains: lower-case letters, digits and hyphens, at most 63, and none of its reserved words.
const DOMAIN_PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DOMAIN_PREFIX_RESERVED = /aws|amazon|cognito/;

export const DEFAULT_STAGE_CONFIG: StageConfig = {
  stage: 'dev',
  shardCount: changeStream.shardCount,
  buffering: { ...deliveryStream.buffering.aws },
  deletionProtection: false,
  changeLogRetentionDays: 0,
  bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
  auth: { appUrls: [DEV_APP_URL], mfa: 'optional', domainPrefix: undefined },
  hosting: { domain: undefined, minTasks: 2, maxTasks: 4, rateLimitPer5Min: 3_000 },
  alarmEmail: undefined,
};

// Two AZs need two tasks; Kinesis allows 20 enhanced fan-out consumers, a sane ceiling for readers too.
const TASKS = { min: 2, max: 20 };
// WAF's own limits for a rate-based rule over a 5-minute window.
const RATE_LIMIT = { min: 100, max: 2_000_000_000 };
const DOMAIN_PATTERN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOSTED_ZONE_ID_PATTERN = /^Z[A-Z0-9]{1,31}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type ContextValue = unknown;

function toNumber(key: string, value: ContextValue, fallback: number): number {
  if (value === undefined) return fallback;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n))
    throw new InfraConfigError(`${key} must be a number, got ${JSON.stringify(value)}`);
  return n;
}

function toBoolean(key: string, value: ContextValue, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new InfraConfigError(`${key} must be true or false, got ${JSON.stringify(value)}`);
}

function inRange(
  key: string,
  value: number,
  range: { min: number; max: number },
  unit: string,
  integer = true,
): number {
  if ((integer && !Number.isInteger(value)) || value < range.min || value > range.max) {
    throw new InfraConfigError(
      `${key} must be ${integer ? 'an integer ' : ''}from ${range.min} to ${range.max} ${unit}, got ${value}`,
    );
  }
  return value;
}

/**
 * `appUrl`: one base URL or a comma list. Cognito accepts HTTPS callback URLs, and plain HTTP only
 * for localhost; a query or fragment would not survive the `/auth/callback` suffix.
 */
function toAppUrls(value: ContextValue, stage: string, hosted: boolean): string[] {
  if (value === undefined) {
    if (stage === DEFAULT_STAGE_CONFIG.stage) return [DEV_APP_URL];
    if (hosted) return [];
    throw new InfraConfigError(
      `appUrl is required for stage ${stage} when the stack does not host the dashboard (-c dashboard=false): pass the dashboard's base URL, e.g. -c appUrl=https://sales.example.com (only the dev stage defaults to ${DEV_APP_URL})`,
    );
  }
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : [value];
  const urls = items.map((item) => {
    const problem = appUrlProblem(item);
    if (problem) {
      throw new InfraConfigError(
        `appUrl must be the dashboard's base URL (https://host[/path], or http://localhost:port), comma-separated for several; ${JSON.stringify(item)} ${problem}`,
      );
    }
    return (item as string).replace(/\/+$/, '');
  });
  return [...new Set(urls)];
}

function appUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'is empty';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'is not http(s)';
  if (url.protocol === 'http:' && url.hostname !== 'localhost') {
    return 'uses http, which Cognito allows only for localhost';
  }
  if (url.username || url.password) return 'has credentials in it';
  if (url.search || url.hash || value.includes('?') || value.includes('#')) return 'has a query or fragment';
  return undefined;
}

function toAuthConfig(context: (key: string) => ContextValue, stage: string, hosted: boolean): AuthConfig {
  const mfa = context('mfa') ?? DEFAULT_STAGE_CONFIG.auth.mfa;
  if (!MFA_MODES.includes(mfa as AuthConfig['mfa'])) {
    throw new InfraConfigError(`mfa must be ${MFA_MODES.join(' or ')}, got ${JSON.stringify(mfa)}`);
  }
  const domainPrefix = context('authDomainPrefix');
  if (
    domainPrefix !== undefined &&
    (typeof domainPrefix !== 'string' ||
      !DOMAIN_PREFIX_PATTERN.test(domainPrefix) ||
      DOMAIN_PREFIX_RESERVED.test(domainPrefix))
  ) {
    throw new InfraConfigError(
      `authDomainPrefix must be 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen and not containing aws, amazon or cognito (it names https://<prefix>.auth.<region>.amazoncognito.com), got ${JSON.stringify(domainPrefix)}`,
    );
  }
  return {
    appUrls: toAppUrls(context('appUrl'), stage, hosted),
    mfa: mfa as AuthConfig['mfa'],
    domainPrefix: domainPrefix as string | undefined,
  };
}

/**
 * Validates the stage configuration. `context` is `(key) => app.node.tryGetContext(key)` in the
 * CDK app, or a plain object in tests. Throws InfraConfigError naming the bad key and its limits.
 */
export function readStageConfig(context: (key: string) => ContextValue): StageConfig {
  const d = DEFAULT_STAGE_CONFIG;
  const stageValue = context('stage') ?? d.stage;
  if (typeof stageValue !== 'string' || !STAGE_PATTERN.test(stageValue)) {
    throw new InfraConfigError(
      `stage must be 2-10 characters of lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen (it prefixes bucket and function names), got ${JSON.stringify(stageValue)}`,
    );
  }
  const buffering = {
    sizeMiB: inRange(
      'bufferSizeMiB',
      toNumber('bufferSizeMiB', context('bufferSizeMiB'), d.buffering.sizeMiB),
      BUFFER_SIZE_MIB,
      'MiB (Firehose limit)',
    ),
    intervalSeconds: inRange(
      'bufferIntervalSeconds',
      toNumber('bufferIntervalSeconds', context('bufferIntervalSeconds'), d.buffering.intervalSeconds),
      BUFFER_INTERVAL_S,
      'seconds (Firehose limit)',
    ),
  };
  if (
    buffering.sizeMiB < DYNAMIC_PARTITIONING_MIN.sizeMiB ||
    buffering.intervalSeconds < DYNAMIC_PARTITIONING_MIN.intervalSeconds
  ) {
    throw new InfraConfigError(
      `with dynamic partitioning (by dt) Firehose needs bufferSizeMiB >= ${DYNAMIC_PARTITIONING_MIN.sizeMiB} and bufferIntervalSeconds >= ${DYNAMIC_PARTITIONING_MIN.intervalSeconds}, got ${buffering.sizeMiB} MiB and ${buffering.intervalSeconds} s`,
    );
  }
  const hosting = toHostingConfig(context);
  return {
    stage: stageValue,
    shardCount: inRange(
      'shardCount',
      toNumber('shardCount', context('shardCount'), d.shardCount),
      SHARDS,
      'shards',
    ),
    buffering,
    deletionProtection: toBoolean('deletionProtection', context('deletionProtection'), d.deletionProtection),
    changeLogRetentionDays: inRange(
      'changeLogRetentionDays',
      toNumber('changeLogRetentionDays', context('changeLogRetentionDays'), d.changeLogRetentionDays),
      { min: 0, max: 36_500 },
      'days',
    ),
    bytesScannedCutoffPerQuery: inRange(
      'bytesScannedCutoffPerQuery',
      toNumber(
        'bytesScannedCutoffPerQuery',
        context('bytesScannedCutoffPerQuery'),
        d.bytesScannedCutoffPerQuery,
      ),
      { min: 10_000_000, max: Number.MAX_SAFE_INTEGER },
      'bytes (Athena minimum 10 MB)',
    ),
    auth: toAuthConfig(context, stageValue, hosting !== undefined),
    hosting,
    alarmEmail: toAlarmEmail(context('alarmEmail')),
  };
}

function toHostingConfig(context: (key: string) => ContextValue): HostingConfig | undefined {
  if (!toBoolean('dashboard', context('dashboard'), true)) return undefined;
  const d = DEFAULT_STAGE_CONFIG.hosting!;
  const minTasks = inRange('minTasks', toNumber('minTasks', context('minTasks'), d.minTasks), TASKS, 'tasks');
  const maxTasks = inRange(
    'maxTasks',
    toNumber('maxTasks', context('maxTasks'), Math.max(d.maxTasks, minTasks)),
    TASKS,
    'tasks',
  );
  if (maxTasks < minTasks)
    throw new InfraConfigError(`maxTasks (${maxTasks}) must be at least minTasks (${minTasks})`);
  return {
    domain: toDomain(context),
    minTasks,
    maxTasks,
    rateLimitPer5Min: inRange(
      'rateLimit',
      toNumber('rateLimit', context('rateLimit'), d.rateLimitPer5Min),
      RATE_LIMIT,
      'requests per client IP in 5 minutes (WAF limit)',
    ),
  };
}

/** `domainName` needs its hosted zone (id and name) too: the certificate is validated by DNS there. */
function toDomain(context: (key: string) => ContextValue): HostingConfig['domain'] {
  const [name, hostedZoneId, hostedZoneName] = (
    ['domainName', 'hostedZoneId', 'hostedZoneName'] as const
  ).map((key) => context(key));
  if (name === undefined && hostedZoneId === undefined && hostedZoneName === undefined) return undefined;
  if (typeof name !== 'string' || !DOMAIN_PATTERN.test(name)) {
    throw new InfraConfigError(
      `domainName must be a lower-case DNS name such as sales.example.com (given with hostedZoneId and hostedZoneName), got ${JSON.stringify(name)}`,
    );
  }
  if (typeof hostedZoneId !== 'string' || !HOSTED_ZONE_ID_PATTERN.test(hostedZoneId)) {
    throw new InfraConfigError(
      `hostedZoneId must be the Route 53 zone id of ${name} (Z followed by letters and digits), got ${JSON.stringify(hostedZoneId)}`,
    );
  }
  const zone = typeof hostedZoneName === 'string' ? hostedZoneName.replace(/\.$/, '') : hostedZoneName;
  if (typeof zone !== 'string' || !(name === zone || name.endsWith(`.${zone}`))) {
    throw new InfraConfigError(
      `hostedZoneName must be the zone that holds ${name} (e.g. ${name.split('.').slice(1).join('.') || name}), got ${JSON.stringify(hostedZoneName)}`,
    );
  }
  return { name, hostedZoneId, hostedZoneName: zone };
}

function toAlarmEmail(value: ContextValue): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !EMAIL_PATTERN.test(value)) {
    throw new InfraConfigError(`alarmEmail must be an email address, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Physical names: the logical names of lib/resources.ts with the stage in front. */
export function physicalName(stage: string, logicalName: string): string {
  return `${stage}-${logicalName}`;
}
