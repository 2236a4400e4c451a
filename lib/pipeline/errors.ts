import { ServiceUnavailable } from '@/lib/service-unavailable';

/** A pipeline store (S3, SQS, Kinesis, the stream) cannot be read; the message is safe to show. */
export class PipelineSourceUnavailable extends ServiceUnavailable {
  constructor(
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(source, `The pipeline's ${source} cannot be read right now. Try again in a moment.`, options);
    this.name = 'PipelineSourceUnavailable';
  }
}

/** A short, safe description of an SDK failure for status reasons: the error's name, never its stack. */
export function describeFailure(error: unknown): string {
  // A refused or dropped connection surfaces as a bare Error; its system code is what tells people why.
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (typeof systemCode === 'string' && /^E[A-Z]+$/.test(systemCode)) return `unreachable (${systemCode})`;
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') {
    const code = (error as { Code?: unknown }).Code;
    return typeof code === 'string' && code !== error.name ? `${error.name} (${code})` : error.name;
  }
  return 'unknown error';
}
