import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  DescribeStreamSummaryCommand,
} from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { getKinesisClient } from '@/lib/aws/kinesis';
import { changeStream } from '@/lib/resources';

describe('Kinesis on the local endpoint', () => {
  it('serves the change stream from lib/resources.ts, ACTIVE with its shards', async () => {
    const kinesis = getKinesisClient();
    const { StreamDescriptionSummary: summary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: changeStream.name }),
    );
    expect(summary).toMatchObject({
      StreamStatus: 'ACTIVE',
      OpenShardCount: changeStream.shardCount,
      RetentionPeriodHours: changeStream.retentionHours,
    });
  });

  it("round-trips a record through the app's Kinesis client (HTTP/1.1 through the gateway)", async () => {
    const kinesis = getKinesisClient();
    const data = Buffer.from(JSON.stringify({ hello: 'kinesis', at: Date.now() }));
    const put = await kinesis.send(
      new PutRecordCommand({ StreamName: changeStream.name, PartitionKey: 'order-1', Data: data }),
    );
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: changeStream.name }));
    expect(Shards.map((s) => s.ShardId)).toContain(put.ShardId);
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: changeStream.name,
        ShardId: put.ShardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: put.SequenceNumber,
      }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
    expect(Buffer.from(Records[0]!.Data!).toString()).toBe(data.toString());
    expect(Records[0]!.PartitionKey).toBe('order-1');
  });
});
