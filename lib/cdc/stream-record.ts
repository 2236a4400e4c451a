import { z } from 'zod';

/**
 * A DynamoDB stream record exactly as EventBridge Pipes delivers it to a Kinesis target (and as
 * Lambda sees it): AttributeValue images, ApproximateCreationDateTime in epoch seconds.
 */
const attributeMap = z.record(z.string(), z.unknown());

export const streamRecordSchema = z.object({
  eventID: z.string().min(1, 'eventID is missing'),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE'], { error: 'eventName must be INSERT, MODIFY or REMOVE' }),
  eventVersion: z.string().optional(),
  eventSource: z.string().optional(),
  awsRegion: z.string().optional(),
  eventSourceARN: z.string().optional(),
  dynamodb: z.object(
    {
      ApproximateCreationDateTime: z.number({ error: 'dynamodb.ApproximateCreationDateTime must be epoch seconds' }),
      Keys: attributeMap,
      NewImage: attributeMap.optional(),
      OldImage: attributeMap.optional(),
      SequenceNumber: z.string().regex(/^\d{1,40}$/, 'dynamodb.SequenceNumber must be a decimal string'),
      SizeBytes: z.number().optional(),
      StreamViewType: z.string().optional(),
    },
    { error: 'dynamodb is missing' },
  ),
});

export type StreamRecord = z.infer<typeof streamRecordSchema>;

/** Sequence numbers compare correctly as strings once zero-padded to DynamoDB's 40 digits. */
export function padSequenceNumber(sequenceNumber: string): string {
  return sequenceNumber.padStart(40, '0');
}
