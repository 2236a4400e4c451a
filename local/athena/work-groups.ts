import path from 'node:path';
import { athenaResultsBucket, catalog } from '@/lib/resources';
import { invalidRequest } from './errors';

/**
 * The workgroups the facade knows: `primary`, as infra/ deploys it (enforced configuration, a
 * result location in the results bucket, an optional per-query bytes-scanned cutoff).
 */

export type WorkGroupConfig = {
  name: string;
  description: string;
  outputLocation: string;
  enforceWorkGroupConfiguration: boolean;
  /** Athena cancels a query that would scan more; unset means no limit. */
  bytesScannedCutoffPerQuery?: number;
  creationTime: Date;
};

export const ENGINE_VERSION = {
  SelectedEngineVersion: 'AUTO',
  EffectiveEngineVersion: 'Athena engine version 3',
} as const;

const DEFAULT_OUTPUT_LOCATION = `s3://${athenaResultsBucket.name}/${athenaResultsBucket.prefix}`;

export class WorkGroups {
  private readonly groups: Map<string, WorkGroupConfig>;

  constructor(configs: readonly WorkGroupConfig[]) {
    this.groups = new Map(configs.map((c) => [c.name, c]));
  }

  static primary(options: {
    bytesScannedCutoffPerQuery?: number;
    enforceWorkGroupConfiguration?: boolean;
    now: Date;
  }): WorkGroups {
    return new WorkGroups([
      {
        name: catalog.workGroup,
        description: 'Local workgroup of the sales CDC pipeline (DuckDB behind the Athena API)',
        outputLocation: DEFAULT_OUTPUT_LOCATION,
        enforceWorkGroupConfiguration: options.enforceWorkGroupConfiguration ?? true,
        bytesScannedCutoffPerQuery: options.bytesScannedCutoffPerQuery,
        creationTime: options.now,
      },
    ]);
  }

  all(): WorkGroupConfig[] {
    return [...this.groups.values()];
  }

  /** The named workgroup (default `primary`), or Athena's InvalidRequestException. */
  resolve(name: string | undefined): WorkGroupConfig {
    const group = this.groups.get(name ?? catalog.workGroup);
    if (!group) throw invalidRequest(`WorkGroup ${name} is not found.`);
    return group;
  }
}

const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?(.*)$/;

/** A bucket and key prefix from an `s3://bucket/prefix/` location, or an InvalidRequestException. */
export function parseS3Location(location: string): { bucket: string; prefix: string } {
  const match = S3_URI.exec(location);
  const prefix = match?.[2] ?? '';
  if (!match || prefix.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw invalidRequest(`OutputLocation ${location} is not a valid S3 location such as s3://bucket/prefix/`);
  }
  return {
    bucket: match[1] as string,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
  };
}

/** Where a query's results go: the workgroup's location when enforced, else the caller's if given. */
export function resultLocation(
  group: WorkGroupConfig,
  requested: string | undefined,
  queryExecutionId: string,
  extension: 'csv' | 'txt',
  dataDir: string,
): { uri: string; file: string } {
  const base = group.enforceWorkGroupConfiguration || !requested ? group.outputLocation : requested;
  const { bucket, prefix } = parseS3Location(base);
  const key = `${prefix}${queryExecutionId}.${extension}`;
  return { uri: `s3://${bucket}/${key}`, file: path.join(dataDir, 's3', bucket, ...key.split('/')) };
}
