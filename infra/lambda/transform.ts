import {
  transformRecords,
  type FirehoseTransformEvent,
  type FirehoseTransformResult,
  type TransformLogger,
} from '@/lib/cdc/transform';

/**
 * Firehose data-transformation Lambda: a thin wrapper over lib/cdc/transform, the same module the
 * local Firehose worker calls. Firehose ignores a record's errorMessage, so the reason for every
 * dropped or failed record goes to the log as one JSON line keyed by recordId. A CloudWatch metric
 * filter on `result = "ProcessingFailed"` drives the transform-failure alarm.
 */
export const logTransformResult: TransformLogger = (entry) => {
  console.log(JSON.stringify({ level: entry.result === 'Dropped' ? 'INFO' : 'WARN', ...entry }));
};

export function createHandler(log: TransformLogger = logTransformResult) {
  return async (event: FirehoseTransformEvent): Promise<FirehoseTransformResult> =>
    transformRecords(event, log);
}

export const handler = createHandler();
