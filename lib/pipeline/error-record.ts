import { z } from 'zod';
import { readOrderRef } from './order-ref';

/** One line of a Firehose error object, as Firehose writes it (processing-failed and partitioning-failed). */
const errorLineSchema = z.object({
  attemptsMade: z.number().optional(),
  arrivalTimestamp: z.number().optional(),
  errorCode: z.string(),
  errorMessage: z.string(),
  attemptEndingTimestamp: z.number().optional(),
  rawData: z.string(),
  lambdaArn: z.string().optional(),
});

export type ErrorRecordView = {
  /** The S3 object the record is in, and its line (0-based). */
  key: string;
  line: number;
  /** `processing-failed`, `partitioning-failed`, … (from the key, as the error prefix puts it there). */
  errorOutputType: string | null;
  errorCode: string;
  errorMessage: string;
  attemptsMade: number | null;
  arrivedAt: string | null;
  failedAt: string | null;
  /** The record's data as text (base64-decoded), cut to MAX_PAYLOAD characters. */
  payload: string;
  payloadTruncated: boolean;
  orderId: string | null;
  eventName: string | null;
};

export const MAX_PAYLOAD = 4_000;

const isoOrNull = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

/** `errors/<type>/yyyy/…` → `<type>`, for the prefix infra and local both render. */
export function errorOutputTypeOf(key: string, prefix = 'errors/'): string | null {
  if (!key.startsWith(prefix)) return null;
  const type = key.slice(prefix.length).split('/')[0];
  return type ? type : null;
}

/** Parses an error object (newline-delimited JSON); lines that are not error records are skipped. */
export function parseErrorObject(key: string, body: string): ErrorRecordView[] {
  const views: ErrorRecordView[] = [];
  body.split('\n').forEach((text, line) => {
    if (!text.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = errorLineSchema.safeParse(json);
    if (!parsed.success) return;
    const record = parsed.data;
    const decoded = Buffer.from(record.rawData, 'base64').toString('utf8');
    const ref = readOrderRef(decoded);
    views.push({
      key,
      line,
      errorOutputType: errorOutputTypeOf(key),
      errorCode: record.errorCode,
      errorMessage: record.errorMessage,
      attemptsMade: record.attemptsMade ?? null,
      arrivedAt: isoOrNull(record.arrivalTimestamp),
      failedAt: isoOrNull(record.attemptEndingTimestamp),
      payload: decoded.slice(0, MAX_PAYLOAD),
      payloadTruncated: decoded.length > MAX_PAYLOAD,
      orderId: ref.orderId,
      eventName: ref.eventName,
    });
  });
  return views;
}
