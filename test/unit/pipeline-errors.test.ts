import { describe, expect, it } from 'vitest';
import { describeFailure } from '@/lib/pipeline/errors';

describe('describeFailure', () => {
  it('says a service is unreachable, with the system code, when the connection fails', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(describeFailure(refused)).toBe('unreachable (ECONNREFUSED)');
  });

  it('names an SDK error, with its code when that differs, and never its message', () => {
    const sdk = Object.assign(new Error('secret detail'), { name: 'NoSuchBucket' });
    expect(describeFailure(sdk)).toBe('NoSuchBucket');
    const coded = Object.assign(new Error('x'), { name: 'S3ServiceException', Code: 'AccessDenied' });
    expect(describeFailure(coded)).toBe('S3ServiceException (AccessDenied)');
    expect(describeFailure('boom')).toBe('unknown error');
  });
});
