/**
 * Names and shapes of every pipeline resource. The local launcher creates these on the
 * embedded emulators and the CDK app in infra/ deploys the same definitions to AWS.
 * Plain data only: no SDK or CDK imports, so both sides can read it.
 */

export type KeyAttribute = { name: string; type: 'S' | 'N' };

export type IndexDefinition = {
  name: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
};

export type TableDefinition = {
  name: string;
  partitionKey: KeyAttribute;
  /** Only the orders table streams its changes (into the CDC pipeline). */
  stream?: 'NEW_AND_OLD_IMAGES';
  indexes: readonly IndexDefinition[];
  /** A Number attribute of epoch seconds after which DynamoDB's TTL deletes the item. */
  timeToLiveAttribute?: string;
};

export const ORDERS_INDEX = {
  /** All orders by order_date, under 8 sharded partition values (lib/orders/date-shards.ts). */
  byDate: 'by_date',
  /** Orders of one status by order_date. */
  byStatus: 'by_status',
} as const;

export const ordersTable = {
  name: 'orders',
  partitionKey: { name: 'order_id', type: 'S' },
  stream: 'NEW_AND_OLD_IMAGES',
  indexes: [
    {
      name: ORDERS_INDEX.byDate,
      partitionKey: { name: 'entity', type: 'S' },
      sortKey: { name: 'order_date', type: 'S' },
    },
    {
      name: ORDERS_INDEX.byStatus,
      partitionKey: { name: 'status', type: 'S' },
      sortKey: { name: 'order_date', type: 'S' },
    },
  ],
} satisfies TableDefinition;

/**
 * One item per saved-query name, claimed with a conditional PutItem before the named query is
 * written: Athena's CreateNamedQuery has no condition, so this table is what makes two saves of
 * one name unable to both succeed (lib/queries/name-claims.ts).
 */
export const queryNamesTable = {
  name: 'query-names',
  /** The normalised name (lib/queries/query-name.ts). */
  partitionKey: { name: 'name_key', type: 'S' },
  indexes: [],
} satisfies TableDefinition;

/**
 * The live feed's shared GetRecords budget: one counter per shard per wall-clock second, taken
 * with a conditional UpdateItem before each call, so every server process together stays within
 * Kinesis's per-shard read limit (lib/feed/read-budget.ts). Items are worthless a second later.
 */
export const feedReadBudgetTable = {
  name: 'feed-read-budget',
  /** `<stream>#<shardId>#<epoch second>`. */
  partitionKey: { name: 'pk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  indexes: [],
} satisfies TableDefinition;

/** Attribute definitions for CreateTable: every key attribute of the table and its indexes, once. */
export function keyAttributesOf(table: TableDefinition): KeyAttribute[] {
  const all = [table.partitionKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return [...new Map(all.map((a) => [a.name, a])).values()];
}

/* ---- The CDC pipeline: DynamoDB stream → Pipe → Kinesis → Firehose (+ Lambda) → S3 → Glue → Athena ---- */

/** Kinesis Data Stream that the pipe writes every order change to (partition key = order id). */
export const changeStream = {
  name: 'order-changes',
  shardCount: 2,
  retentionHours: 24,
} as const;

/** EventBridge Pipe: DynamoDB stream → Kinesis. Bounded retries so a poison batch never blocks a shard. */
export const ordersPipe = {
  name: 'orders-to-kinesis',
  batchSize: 100,
  // 0 = forward as soon as records arrive (the Pipes default for streams); latency over batching.
  maximumBatchingWindowSeconds: 0,
  maximumRetryAttempts: 5,
  partitionKeyPath: '$.dynamodb.Keys.order_id.S',
  startingPosition: 'TRIM_HORIZON',
} as const;

/** The change log in S3, as Firehose writes it. Logical names; infra/ adds account and region. */
export const changeLogBucket = {
  name: 'sales-cdc-changes',
  /** Firehose prefix; `dt` comes from the transform (change time, UTC), not from arrival time. */
  dataPrefix: 'order_changes_v2/dt=!{partitionKeyFromLambda:dt}/',
  /** Where Glue and Athena read the change log (schema version 2: typed time columns). */
  tablePrefix: 'order_changes_v2/',
  /**
   * Where change logs written before schema version 2 stay (time columns as strings). Athena
   * fails on a Parquet column whose type differs from its table's, so they keep a table of
   * their own (`order_changes_v1`) rather than sharing the new one.
   */
  legacyTablePrefix: 'order_changes/',
  /** Firehose converts each record to Parquet (Snappy) and names data objects `….parquet`. */
  dataFileExtension: '.parquet',
  /** Hourly folders, like Firehose's default layout; one expression, so local and AWS render it alike. */
  errorPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH}/',
} as const;

export const athenaResultsBucket = { name: 'sales-cdc-athena-results', prefix: 'results/' } as const;

/** Firehose delivery stream. Local buffering is small so changes are queryable in about a second. */
export const deliveryStream = {
  name: 'order-changes-to-s3',
  buffering: {
    local: { sizeBytes: 1024 * 1024, intervalMs: 1_000 },
    /** Firehose allows 1–128 MiB and 0–900 s; 60 s keeps files few and latency about a minute. */
    aws: { sizeMiB: 64, intervalSeconds: 60 },
  },
  /** Attempts to invoke the transform or write an object before the records go to the error prefix. */
  retryAttempts: 3,
  /** The Lambda that runs lib/cdc/transform (locally the worker calls the module itself). */
  transformFunctionName: 'order-changes-transform',
} as const;

/** Names analysts write SQL against: the same on AWS (Glue/Athena) and locally (DuckDB). */
export const catalog = {
  database: 'sales_cdc',
  changeTable: 'order_changes',
  /** Changes written before schema version 2, time columns as strings; orders_current reads both. */
  legacyChangeTable: 'order_changes_v1',
  currentView: 'orders_current',
  workGroup: 'primary',
} as const;
