import 'server-only';
import {
  BatchGetNamedQueryCommand,
  CreateNamedQueryCommand,
  DeleteNamedQueryCommand,
  GetNamedQueryCommand,
  ListNamedQueriesCommand,
  UpdateNamedQueryCommand,
  type NamedQuery,
} from '@aws-sdk/client-athena';
import { parseWith } from '@/lib/api/responses';
import { getAthenaClient } from '@/lib/aws/athena';
import { getConfig } from '@/lib/config';
import { ValidationError, type FieldIssue } from '@/lib/orders/errors';
import { callAthena, translateAthenaError } from './athena-errors';
import { BUILT_IN_QUERIES } from './built-in';
import { BuiltInQueryReadOnly, SavedQueryNameTaken, SavedQueryNotFound } from './errors';
import { DESCRIPTION_MAX, savedQueryInputSchema } from './input';
import { decodeDescription, encodeDescription, type ParamType } from './metadata';
import { abandonClaim, claimName, confirmClaim, isClaimLost, releaseName, type NameClaim } from './name-claims';
import { paramTypesFor } from './parameters';
import { nameTakenMessage, normalizeQueryName } from './query-name';
import { checkReadOnly } from './read-only-guard';
import { countPlaceholders } from './sql-tokens';
import { assertAllowed } from '@/lib/auth/authorize';
import { Forbidden } from '@/lib/auth/errors';
import { can, rolesFor, type Caller } from '@/lib/auth/roles';

/**
 * The saved query library, stored as Athena named queries of the app's workgroup (the local
 * facade's, or Athena's own). Folder, tags and parameter types ride in the description header
 * (metadata.ts). Names are unique (normalizeQueryName): a save first claims its name with a
 * conditional write (name-claims.ts), then makes one Athena call, so of two saves of one name
 * only one succeeds, and a refused save leaves nothing behind.
 */

export type SavedQuery = {
  id: string;
  name: string;
  description: string;
  sql: string;
  folder: string | null;
  tags: string[];
  param_types: ParamType[];
  built_in: boolean;
  owner: string | null;
};

export function toSavedQuery(named: NamedQuery): SavedQuery {
  const { description, meta } = decodeDescription(named.Description);
  const sql = named.QueryString ?? '';
  return {
    id: named.NamedQueryId ?? '',
    name: named.Name ?? '',
    description,
    sql,
    folder: meta.folder ?? null,
    tags: meta.tags,
    param_types: paramTypesFor(countPlaceholders(sql), meta.paramTypes),
    built_in: meta.builtIn,
    owner: meta.owner ?? null,
  };
}

const byName = (a: SavedQuery, b: SavedQuery) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

export async function listSavedQueries(): Promise<SavedQuery[]> {
  const client = getAthenaClient();
  const { workGroup } = getConfig().athena;
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAthena(() =>
      client.send(new ListNamedQueriesCommand({ WorkGroup: workGroup, NextToken: nextToken, MaxResults: 50 })),
    );
    ids.push(...(page.NamedQueryIds ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const queries: SavedQuery[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    const batch = await callAthena(() =>
      client.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids.slice(i, i + 50) })),
    );
    queries.push(...(batch.NamedQueries ?? []).map(toSavedQuery));
  }
  return queries.sort(byName);
}

export async function getSavedQuery(id: string): Promise<SavedQuery> {
  let named: NamedQuery | undefined;
  try {
    ({ NamedQuery: named } = await getAthenaClient().send(new GetNamedQueryCommand({ NamedQueryId: id })));
  } catch (error) {
    // Athena answers an unknown id with InvalidRequestException.
    if ((error as Error).name === 'InvalidRequestException') throw new SavedQueryNotFound(id);
    throw translateAthenaError(error);
  }
  if (!named || (named.WorkGroup && named.WorkGroup !== getConfig().athena.workGroup)) throw new SavedQueryNotFound(id);
  return toSavedQuery(named);
}

type Prepared = { name: string; description: string; sql: string };

/** Validates everything a save needs, including the name being free; nothing is written here. */
async function prepareSave(body: unknown, owner: string, exceptId?: string): Promise<Prepared> {
  const input = parseWith(savedQueryInputSchema, body);
  const issues: FieldIssue[] = [];
  const verdict = checkReadOnly(input.sql);
  if (!verdict.ok) issues.push({ path: 'sql', message: verdict.reason });
  const placeholders = countPlaceholders(input.sql);
  const description = encodeDescription(input.description, {
    folder: input.folder,
    tags: input.tags,
    paramTypes: paramTypesFor(placeholders, input.param_types),
    builtIn: false,
    owner,
  });
  if (description.length > DESCRIPTION_MAX) {
    issues.push({
      path: 'description',
      message: `Description, folder, tags and parameter types together must fit in ${DESCRIPTION_MAX} characters (${description.length} now)`,
    });
  }
  const taken = await findNameHolder(input.name, exceptId);
  if (issues.length > 0) {
    throw new ValidationError(taken ? [{ path: 'name', message: nameTakenMessage(taken) }, ...issues] : issues);
  }
  if (taken) throw new SavedQueryNameTaken(taken);
  return { name: input.name, description, sql: input.sql };
}

const BUILT_IN_NAMES = new Map(BUILT_IN_QUERIES.map((q) => [normalizeQueryName(q.name), q.name]));

/**
 * The name as spelled by a built-in or an existing named query that already has it. Queries
 * without a claim (saved before claims, or in the console) are only found here; the claim then
 * decides between saves racing for a free name.
 */
async function findNameHolder(name: string, exceptId: string | undefined): Promise<string | undefined> {
  const key = normalizeQueryName(name);
  const builtIn = BUILT_IN_NAMES.get(key);
  if (builtIn) return builtIn;
  const existing = await listSavedQueries();
  return existing.find((q) => q.id !== exceptId && normalizeQueryName(q.name) === key)?.name;
}

/** A named query's name now, for judging whether a claim on it is stale. */
async function findQueryName(id: string): Promise<string | undefined> {
  try {
    return (await getSavedQuery(id)).name;
  } catch (error) {
    if (error instanceof SavedQueryNotFound) return undefined;
    throw error;
  }
}

/** Runs the Athena write of a save under its claim: undone if the write fails or the claim was lost. */
async function writeUnderClaim<T>(
  claim: NameClaim,
  name: string,
  write: () => Promise<T>,
  confirm: (result: T) => Promise<void>,
  undo: (result: T) => Promise<unknown>,
): Promise<T> {
  let result: T;
  try {
    result = await write();
  } catch (error) {
    await abandonClaim(claim).catch(logCleanupFailure);
    throw error;
  }
  try {
    await confirm(result);
  } catch (error) {
    await undo(result).catch(logCleanupFailure);
    await abandonClaim(claim).catch(logCleanupFailure);
    throw isClaimLost(error) ? new SavedQueryNameTaken(name, { cause: error }) : error;
  }
  return result;
}

// A leftover claim is repaired later (name-claims.ts); the caller still gets the first error.
function logCleanupFailure(error: unknown): void {
  console.error('[queries] name claim cleanup failed:', (error as Error).message);
}

export async function createSavedQuery(body: unknown, caller: Caller): Promise<SavedQuery> {
  assertAllowed(caller, 'queries:author');
  const prepared = await prepareSave(body, caller.username);
  const claim = await claimName(prepared.name, { owner: caller.username, findQueryName });
  const { athena } = getConfig();
  const id = await writeUnderClaim(
    claim,
    prepared.name,
    async () => {
      const { NamedQueryId } = await callAthena(() =>
        getAthenaClient().send(
          new CreateNamedQueryCommand({
            Name: prepared.name,
            Description: prepared.description,
            QueryString: prepared.sql,
            Database: athena.database,
            WorkGroup: athena.workGroup,
          }),
        ),
      );
      if (!NamedQueryId) throw new Error('Athena returned no NamedQueryId');
      return NamedQueryId;
    },
    (created) => confirmClaim(claim, created),
    (created) => getAthenaClient().send(new DeleteNamedQueryCommand({ NamedQueryId: created })),
  );
  return getSavedQuery(id);
}

export async function updateSavedQuery(id: string, body: unknown, caller: Caller): Promise<SavedQuery> {
  const current = await getSavedQuery(id);
  if (current.built_in) throw new BuiltInQueryReadOnly(current.name);
  assertMayChange(current, caller);
  // The owner stays who saved it, even when an admin edits.
  const prepared = await prepareSave(body, current.owner ?? caller.username, id);
  // Claims the new name before the rename (or the name it keeps, if saved before claims existed).
  const claim = await claimName(prepared.name, { queryId: id, owner: current.owner ?? caller.username, findQueryName });
  const update = (to: { name: string; description: string; sql: string }) =>
    callAthena(() =>
      getAthenaClient().send(
        new UpdateNamedQueryCommand({ NamedQueryId: id, Name: to.name, Description: to.description, QueryString: to.sql }),
      ),
    );
  await writeUnderClaim(
    claim,
    prepared.name,
    () => update(prepared),
    () => confirmClaim(claim, id),
    () => update({ name: current.name, description: encodeCurrentDescription(current), sql: current.sql }),
  );
  if (normalizeQueryName(current.name) !== claim.key) {
    // A crash before this leaves a claim that points at a query now named otherwise: stale, so free.
    await releaseName(current.name, id).catch(logCleanupFailure);
  }
  return getSavedQuery(id);
}

/** The stored description of a query as read, to put it back when a rename must be undone. */
function encodeCurrentDescription(query: SavedQuery): string {
  return encodeDescription(query.description, {
    folder: query.folder ?? undefined,
    tags: query.tags,
    paramTypes: query.param_types,
    builtIn: false,
    owner: query.owner ?? undefined,
  });
}

export async function deleteSavedQuery(id: string, caller: Caller): Promise<void> {
  const current = await getSavedQuery(id);
  if (current.built_in) throw new BuiltInQueryReadOnly(current.name);
  assertMayChange(current, caller);
  await callAthena(() => getAthenaClient().send(new DeleteNamedQueryCommand({ NamedQueryId: id })));
  // If this fails the claim points at a deleted query, which makes it stale and free to take.
  await releaseName(current.name, id).catch(logCleanupFailure);
}

/** Whether the caller may edit or delete a saved query: its owner (with queries:author) or an admin. */
export function mayChange(query: Pick<SavedQuery, 'owner' | 'built_in'>, caller: Caller): boolean {
  if (query.built_in) return false;
  if (can(caller, 'queries:manage-any')) return true;
  return can(caller, 'queries:author') && query.owner !== null && query.owner === caller.username;
}

function assertMayChange(query: SavedQuery, caller: Caller): void {
  if (!mayChange(query, caller)) {
    throw new Forbidden(`"${query.name}" belongs to ${query.owner ?? 'nobody (saved before owners existed)'}; only its owner or an admin may change it`, rolesFor('queries:manage-any'));
  }
}
