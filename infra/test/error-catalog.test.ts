import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ERROR_COLUMNS,
  ERROR_HOUR_FORMAT,
  ERROR_OUTPUT_TYPES,
  ERROR_PROJECTION_DAYS,
  errorTable,
} from '@/lib/analytics/error-table';
import { FAILED_RECORDS_QUERY } from '@/lib/queries/built-in';
import { catalog } from '@/lib/resources';
import { buildApp } from '../lib/app';
import type { SalesCdcStack } from '../lib/cdc-stack';
import { ERROR_CRAWLER_SCHEDULE } from '../lib/error-catalog';

// Template JSON is untyped; the assertions below are what check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };
type Statement = { Sid: string; Action: string | string[]; Resource: Json; Condition?: Json };

const env = { account: '123456789012', region: 'eu-west-1' };
const outdir = mkdtempSync(path.join(tmpdir(), 'sales-cdc-error-catalog-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

let stack: SalesCdcStack;
let resources: Record<string, Resource>;

// The hosted stack (the default), so the dashboard's task role is in it too.
beforeAll(() => {
  const built = buildApp({ nag: false, env, outdir });
  stack = built.stack;
  resources = Template.fromStack(stack).toJSON().Resources;
});

const idOf = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);
const bucketArn = () => ({ 'Fn::GetAtt': [idOf(stack.storage.changeLog), 'Arn'] });
const objectsArn = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn(), `/${prefix}*`]] });
const statementsOf = (role: IConstruct): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref === idOf(role)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const errorTableResource = () => {
  const found = ofType('AWS::Glue::Table').filter((t) => t.Properties.TableInput.Name === errorTable.name);
  expect(found).toHaveLength(1);
  return found[0]!.Properties;
};

describe('order_change_errors in Glue', () => {
  it('is generated from the definition: columns, partitions, JSON SerDe with camelCase mappings', () => {
    const table = errorTableResource();
    expect(table.DatabaseName).toEqual({ Ref: idOf(stack.analytics.database) });
    const input = table.TableInput;
    expect(input.TableType).toBe('EXTERNAL_TABLE');
    expect(input.StorageDescriptor.Columns.map((c: Json) => [c.Name, c.Type])).toEqual(
      ERROR_COLUMNS.map((c) => [c.name, c.glue]),
    );
    expect(input.PartitionKeys.map((c: Json) => [c.Name, c.Type])).toEqual([
      ['error_output_type', 'string'],
      ['datehour', 'string'],
    ]);
    expect(input.StorageDescriptor.Location).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: idOf(stack.storage.changeLog) }, `/${errorTable.prefix}`]],
    });
    expect(input.StorageDescriptor.InputFormat).toBe('org.apache.hadoop.mapred.TextInputFormat');
    expect(input.StorageDescriptor.SerdeInfo).toEqual({
      SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
      Parameters: {
        'ignore.malformed.json': 'TRUE',
        'case.insensitive': 'TRUE',
        'mapping.error_code': 'errorCode',
        'mapping.error_message': 'errorMessage',
        'mapping.last_error_code': 'lastErrorCode',
        'mapping.last_error_message': 'lastErrorMessage',
        'mapping.raw_data': 'rawData',
        'mapping.attempts_made': 'attemptsMade',
        'mapping.arrival_time': 'arrivalTimestamp',
        'mapping.failure_time': 'attemptEndingTimestamp',
        'mapping.lambda_arn': 'lambdaArn',
        'mapping.sequence_number': 'sequenceNumber',
      },
    });
  });

  it('projects its partitions from the error prefix layout, over the days the bucket keeps errors', () => {
    const parameters = errorTableResource().TableInput.Parameters;
    expect(parameters).toMatchObject({
      classification: 'json',
      'projection.enabled': 'true',
      'projection.error_output_type.type': 'enum',
      'projection.error_output_type.values': ERROR_OUTPUT_TYPES.join(','),
      'projection.datehour.type': 'date',
      'projection.datehour.format': 'yyyy/MM/dd/HH',
      'projection.datehour.range': `NOW-${ERROR_PROJECTION_DAYS}DAYS,NOW`,
      'projection.datehour.interval': '1',
      'projection.datehour.interval.unit': 'HOURS',
    });
    expect(ERROR_HOUR_FORMAT).toBe('yyyy/MM/dd/HH');
    expect(parameters['storage.location.template']).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: idOf(stack.storage.changeLog) }, '/errors/${error_output_type}/${datehour}/']],
    });
    // Every error object the lifecycle has not yet removed is inside the projected range.
    const bucket = resources[idOf(stack.storage.changeLog)]!.Properties;
    const rule = bucket.LifecycleConfiguration.Rules.find((r: Json) => r.Prefix === errorTable.prefix);
    expect(rule.ExpirationInDays).toBeLessThan(ERROR_PROJECTION_DAYS);
  });
});

describe('the JSON classifier and the crawler that uses it', () => {
  it('defines a JSON classifier with JsonPath $', () => {
    const classifiers = ofType('AWS::Glue::Classifier');
    expect(classifiers).toHaveLength(1);
    expect(classifiers[0]!.Properties).toEqual({
      JsonClassifier: { Name: `dev-${errorTable.classifier.name}`, JsonPath: '$' },
    });
  });

  it('crawls the error table weekly with the classifier, logging drift without changing the table', () => {
    const crawler = resources[idOf(stack.errorCatalog.crawler)]!.Properties;
    expect(crawler).toMatchObject({
      Name: `dev-${errorTable.name}-crawler`,
      Role: { 'Fn::GetAtt': [idOf(stack.errorCatalog.crawlerRole), 'Arn'] },
      DatabaseName: catalog.database,
      Classifiers: [{ Ref: idOf(stack.errorCatalog.classifier) }],
      Targets: { CatalogTargets: [{ DatabaseName: catalog.database, Tables: [errorTable.name] }] },
      Schedule: { ScheduleExpression: ERROR_CRAWLER_SCHEDULE },
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
    });
  });

  it('gives the crawler role the error prefix, the error table (read only) and its logs, nothing else', () => {
    const statements = statementsOf(stack.errorCatalog.crawlerRole);
    expect(Object.fromEntries(statements.map((s) => [s.Sid, [s.Action].flat().sort()]))).toEqual({
      ReadErrorTable: ['glue:BatchGetPartition', 'glue:GetDatabase', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable'],
      ListErrorPrefix: ['s3:ListBucket'],
      ReadErrorPrefix: ['s3:GetObject'],
      CrawlerLogs: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    });
    const sid = (name: string) => statements.find((s) => s.Sid === name)!;
    expect(JSON.stringify(sid('ReadErrorTable').Resource)).toContain(`table/${catalog.database}/${errorTable.name}"`);
    expect(JSON.stringify(sid('ReadErrorTable').Resource)).not.toContain('*');
    expect(sid('ListErrorPrefix')).toMatchObject({
      Resource: bucketArn(),
      Condition: { StringLike: { 's3:prefix': [`${errorTable.prefix}*`] } },
    });
    expect(sid('ReadErrorPrefix').Resource).toEqual(objectsArn(errorTable.prefix));
    expect(JSON.stringify(sid('CrawlerLogs').Resource)).toContain('log-group:/aws-glue/crawlers:*');
    const role = resources[idOf(stack.errorCatalog.crawlerRole)]!.Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
  });
});

describe('reading it from the dashboard', () => {
  it("lets the task role query the table: its Glue definition, the bucket's listing and the error objects", () => {
    const statements = statementsOf(stack.dashboard!.taskDefinition.taskRole);
    const sid = (name: string) => statements.find((s) => s.Sid === name)!;
    expect([sid('GlueCatalogRead').Action].flat()).toEqual(expect.arrayContaining(['glue:GetDatabase', 'glue:GetTable']));
    expect(JSON.stringify(sid('GlueCatalogRead').Resource)).toContain(`table/${catalog.database}/*`);
    expect([sid('ChangeLogList').Action].flat()).toContain('s3:ListBucket');
    expect(sid('ChangeLogList').Resource).toEqual(bucketArn());
    expect([sid('ChangeLogRead').Resource].flat()).toContainEqual(objectsArn(errorTable.prefix));
  });

  it('deploys the "Failed records" saved query over the table', () => {
    const query = ofType('AWS::Athena::NamedQuery').find((q) => q.Properties.Name === FAILED_RECORDS_QUERY);
    expect(query?.Properties.QueryString).toContain(`FROM ${catalog.database}.${errorTable.name}`);
    expect(query?.Properties.QueryString).toContain('from_utf8(from_base64(raw_data))');
  });
});
