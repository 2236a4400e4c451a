import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { getConfig } from '@/lib/config';
import { isStoreUnavailable } from '@/lib/orders/store-errors';
import { QueryNamesUnavailable, SavedQueryNameTaken } from './errors';
import { normalizeQueryName } from './query-name';

/**
 * Saved-query names are unique through a claim per name in a DynamoDB table (resources.ts
 * `queryNamesTable`), because Athena's CreateNamedQuery and UpdateNamedQuery take no condition.
 *
 * Why this shape: a conditional PutItem (`attribute_not_exists`) is the one atomic "only if
 * nobody has it" available, and Athena ids only exist after CreateNamedQuery. So a save claims
 * the name first as `pending`, writes the named query, then confirms the claim as `held` with
 * the query's id, conditional on its own claim token. A crash leaves one of two leftovers, and
 * both can be taken over, again only by a conditional write on the exact claim judged stale:
 *  - a `held` claim whose named query is gone, or now has another name (a crash between a
 *    delete or rename and releasing the claim);
 *  - a `pending` claim older than PENDING_LEASE_MS (a crash mid-save). A save finishes in a few
 *    seconds; one that outlives the lease finds its claim gone at confirm and undoes its write.
 * A named query that exists without a claim (saved before claims existed, or by a crash after
 * CreateNamedQuery) is still found by the library's listing check, which runs before claiming.
 */

export const PENDING_LEASE_MS = 5 * 60_000;

export type ClaimState = 'pending' | 'held';

/** What the table stores per name. */
export type NameClaimItem = {
  name_key: string;
  /** The name as saved, for messages. */
  name: string;
  claim_token: string;
  state: ClaimState;
  /** Set once known: at once for an update, at confirm for a create. */
  query_id?: string;
  owner: string;
  claimed_at: string;
};

/** A claim this process holds: `fresh` when it was made now (and so is undone if the save fails). */
export type NameClaim = { key: string; token: string; fresh: boolean };

/** Reads a named query's current name; undefined when it no longer exists. */
export type FindQueryName = (id: string) => Promise<string | undefined>;

const table = () => getConfig().queryNamesTableName;

class ClaimLost extends Error {}

async function guardClaims<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isStoreUnavailable(error)) throw new QueryNamesUnavailable({ cause: error });
    throw error;
  }
}

/** True when the claim may be taken over (see the module comment); false while someone holds it. */
export async function isStaleClaim(
  claim: NameClaimItem,
  findQueryName: FindQueryName,
  now = Date.now(),
): Promise<boolean> {
  if (claim.state === 'pending') return now - Date.parse(claim.claimed_at) > PENDING_LEASE_MS;
  if (!claim.query_id) return false;
  const current = await findQueryName(claim.query_id);
  return current === undefined || normalizeQueryName(current) !== claim.name_key;
}

async function putClaim(
  item: NameClaimItem,
  condition: { expression: string; values?: Record<string, unknown> },
) {
  try {
    await guardClaims(() =>
      getDynamoDbClient().send(
        new PutCommand({
          TableName: table(),
          Item: item,
          ConditionExpression: condition.expression,
          ExpressionAttributeValues: condition.values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    return { ok: true as const };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return {
      ok: false as const,
      current: error.Item ? (unmarshall(error.Item) as NameClaimItem) : undefined,
    };
  }
}

/**
 * Claims `name` for a save, or throws SavedQueryNameTaken. `queryId` is the query being updated
 * (undefined for a create); a claim it already holds is returned as it is.
 */
export async function claimName(
  name: string,
  options: { queryId?: string; owner: string; findQueryName: FindQueryName },
): Promise<NameClaim> {
  const key = normalizeQueryName(name);
  const item: NameClaimItem = {
    name_key: key,
    name,
    claim_token: randomUUID(),
    state: 'pending',
    ...(options.queryId ? { query_id: options.queryId } : {}),
    owner: options.owner,
    claimed_at: new Date().toISOString(),
  };
  let attempt = await putClaim(item, { expression: 'attribute_not_exists(name_key)' });
  // A claim that changed while we judged it (another save took it over, or released it) is judged again.
  for (let round = 0; round < 3 && !attempt.ok; round++) {
    const current = attempt.current;
    if (!current) {
      attempt = await putClaim(item, { expression: 'attribute_not_exists(name_key)' });
      continue;
    }
    // Already this query's (its own earlier save); left as it is.
    if (options.queryId && current.query_id === options.queryId)
      return { key, token: current.claim_token, fresh: false };
    if (!(await isStaleClaim(current, options.findQueryName))) throw new SavedQueryNameTaken(current.name);
    attempt = await putClaim(item, {
      expression: 'claim_token = :seen',
      values: { ':seen': current.claim_token },
    });
  }
  if (!attempt.ok) throw new SavedQueryNameTaken(attempt.current?.name ?? name);
  return { key, token: item.claim_token, fresh: true };
}

/** Marks a fresh claim `held` by the saved query; throws ClaimLost if it was taken over meanwhile. */
export async function confirmClaim(claim: NameClaim, queryId: string): Promise<void> {
  if (!claim.fresh) return;
  try {
    await guardClaims(() =>
      getDynamoDbClient().send(
        new UpdateCommand({
          TableName: table(),
          Key: { name_key: claim.key },
          UpdateExpression: 'SET #state = :held, query_id = :id',
          ConditionExpression: 'claim_token = :token',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':held': 'held', ':id': queryId, ':token': claim.token },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new ClaimLost('the name claim was taken over', { cause: error });
    throw error;
  }
}

export const isClaimLost = (error: unknown) => error instanceof ClaimLost;

async function deleteIf(key: string, expression: string, values: Record<string, unknown>): Promise<void> {
  try {
    await guardClaims(() =>
      getDynamoDbClient().send(
        new DeleteCommand({
          TableName: table(),
          Key: { name_key: key },
          ConditionExpression: expression,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  } catch (error) {
    // Not ours (any more): someone else's claim stays.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Gives up a fresh claim after its save failed; a claim made earlier stays. */
export async function abandonClaim(claim: NameClaim): Promise<void> {
  if (claim.fresh) await deleteIf(claim.key, 'claim_token = :token', { ':token': claim.token });
}

/** Frees `name` if the saved query `queryId` holds it (after a delete or a rename). */
export async function releaseName(name: string, queryId: string): Promise<void> {
  await deleteIf(normalizeQueryName(name), 'query_id = :id', { ':id': queryId });
}
