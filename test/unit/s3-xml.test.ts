import { describe, expect, it } from 'vitest';
import { S3ApiError } from '@/local/s3/errors';
import { escapeXml, renderXml } from '@/local/s3/xml';

describe('renderXml', () => {
  it('renders nested elements, repeats arrays and leaves out undefined children', () => {
    const xml = renderXml('ListBucketResult', {
      Name: 'b',
      Prefix: undefined,
      KeyCount: 2,
      IsTruncated: false,
      Contents: [{ Key: 'a' }, { Key: 'b' }],
      CommonPrefixes: [],
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Name>b</Name><KeyCount>2</KeyCount><IsTruncated>false</IsTruncated>' +
        '<Contents><Key>a</Key></Contents><Contents><Key>b</Key></Contents></ListBucketResult>',
    );
  });

  it('escapes text so keys with markup characters stay text', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(renderXml('R', { Key: '<x>' }, null)).toContain('<Key>&lt;x&gt;</Key>');
  });
});

describe('S3ApiError', () => {
  it('renders the Error document S3 sends, with its extra fields', () => {
    const error = new S3ApiError('NoSuchKey', 'The specified key does not exist.', 404, { Key: 'k' });
    expect(error.toXml('/b/k', 'REQ1')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>' +
        '<Key>k</Key><Resource>/b/k</Resource><RequestId>REQ1</RequestId></Error>',
    );
  });
});
