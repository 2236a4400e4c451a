import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { streamRecordSchema } from '@/lib/cdc/stream-record';
import { toChangeRow } from '@/lib/cdc/change-row';
import { ordersPipe } from '@/lib/resources';
import { partitionKeyAt, toPipeRecord } from '@/local/pipe-records';
import { storedOrder } from '../support/stream-records';

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-03-10T00:00:00.000';

/** A record as the DynamoDB Streams client returns it: Date times, Uint8Array binaries. */
function sdkRecord(overrides: Partial<_Record> = {}): _Record {
  const image = marshall(storedOrder());
  return {
    eventID: 'e-1',
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: new Date('2026-03-10T12:00:01.000Z'),
      Keys: { order_id: image.order_id! },
      NewImage: image,
      SequenceNumber: '000000000000000000042',
      SizeBytes: 321,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    ...overrides,
  };
}

describe('toPipeRecord', () => {
  it('produces the JSON Pipes puts on Kinesis, which the transform turns into a change row', () => {
    const record = toPipeRecord(sdkRecord(), ARN, 'us-east-1');
    const json = JSON.parse(JSON.stringify(record));
    expect(streamRecordSchema.parse(json)).toEqual(json);
    expect(json).toMatchObject({
      eventID: 'e-1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      eventSourceARN: ARN,
      dynamodb: {
        ApproximateCreationDateTime: 1_773_144_001,
        Keys: { order_id: { S: '01JD0000000000000000000001' } },
        SizeBytes: 321,
      },
    });
    expect(json.dynamodb.OldImage).toBeUndefined();
    expect(toChangeRow(JSON.stringify(record)).row).toMatchObject({
      event_name: 'INSERT',
      change_time: '2026-03-10T12:00:01.000Z',
    });
  });

  it('writes binary attributes as base64, at any depth', () => {
    const bytes = new Uint8Array([1, 2, 255]);
    const record = toPipeRecord(
      sdkRecord({
        dynamodb: {
          ApproximateCreationDateTime: new Date(0),
          Keys: { order_id: { S: 'x' } },
          NewImage: {
            order_id: { S: 'x' },
            blob: { B: bytes },
            nested: { M: { list: { L: [{ BS: [bytes] }, { N: '1' }, { NULL: true }] } } },
          },
          SequenceNumber: '1',
        },
      }),
      ARN,
      'us-east-1',
    );
    expect(JSON.parse(JSON.stringify(record.dynamodb.NewImage))).toEqual({
      order_id: { S: 'x' },
      blob: { B: 'AQL/' },
      nested: { M: { list: { L: [{ BS: ['AQL/'] }, { N: '1' }, { NULL: true }] } } },
    });
  });
});

describe('partitionKeyAt', () => {
  it("reads the order id with the pipe's partition key path", () => {
    expect(partitionKeyAt(toPipeRecord(sdkRecord(), ARN, 'us-east-1'), ordersPipe.partitionKeyPath)).toBe(
      '01JD0000000000000000000001',
    );
  });

  it('finds nothing where the path leads nowhere or to an empty value', () => {
    expect(partitionKeyAt({ dynamodb: { Keys: {} } }, ordersPipe.partitionKeyPath)).toBeUndefined();
    expect(
      partitionKeyAt({ dynamodb: { Keys: { order_id: { S: '' } } } }, ordersPipe.partitionKeyPath),
    ).toBeUndefined();
    expect(partitionKeyAt(null, ordersPipe.partitionKeyPath)).toBeUndefined();
  });
});
