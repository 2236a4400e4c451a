/**
 * An AWS service the app depends on cannot be used right now. The message is safe to show; the
 * SDK error stays in `cause` for the server log. lib/api/responses answers every subclass with
 * 503, so a new service only needs its own message, not its own mapping.
 */
export class ServiceUnavailable extends Error {
  constructor(
    /** What could not be used, for the server log: "store", "feed"… */
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ServiceUnavailable';
  }
}
