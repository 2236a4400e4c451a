/** A construct the local engine refuses or cannot run; `code` is Trino's error code. */
export class DialectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Offset in the text given to rewriteTrino. */
    readonly offset: number,
  ) {
    super(message);
  }
}
