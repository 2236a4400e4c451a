import { describe, expect, it } from 'vitest';
import { routeFor, type Route } from '@/local/gateway';

const routes: Route[] = [
  { service: 'dynamodb', targetPrefixes: ['DynamoDB_20120810', 'DynamoDBStreams_20120810'], upstreamPort: 1 },
  { service: 'kinesis', targetPrefixes: ['Kinesis_20131202'], upstreamPort: 2 },
];

describe('routeFor', () => {
  it.each([
    ['DynamoDB_20120810.PutItem', 'dynamodb'],
    ['DynamoDBStreams_20120810.GetRecords', 'dynamodb'],
    ['Kinesis_20131202.PutRecord', 'kinesis'],
  ])('routes %s to %s', (target, service) => {
    expect(routeFor(routes, target)?.service).toBe(service);
  });

  it.each([
    undefined,
    '',
    'AmazonAthena.StartQueryExecution',
    'DynamoDB_2012.PutItem',
    'dynamodb_20120810.PutItem',
  ])('has no route for %j', (target) => {
    expect(routeFor(routes, target)).toBeUndefined();
  });
});
