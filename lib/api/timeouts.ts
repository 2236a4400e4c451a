/**
 * The longest a route waits for an Athena query before answering with its own timeout error.
 * Behind CloudFront the origin read timeout (60 s by default quota) bounds every request, so this
 * stays well inside it: a slow query gets the app's readable error, not CloudFront's bare 504.
 * infra/test/hosting.test.ts holds the two in step.
 */
export const ROUTE_QUERY_TIMEOUT_MS = 45_000;
