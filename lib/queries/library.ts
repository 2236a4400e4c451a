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
import { BuiltInQueryReadOnly, SavedQueryNotFound } from './errors';
import { DESCRIPTION_MAX, savedQueryInputSchema } from './input';
import { decodeDescription, encodeDescription, type ParamType } from './metadata';
import { paramTypesFor } from './parameters';
import { checkReadOnly } from './read-only-guard';
import { countPlaceholders } from './sql-tokens';
import { assertAllowed } from '@/lib/auth/authorize';
import { Forbidden } from '@/lib/auth/errors';
import { can, rolesFor, type Caller } from '@/lib/auth/roles';

/**
 * The saved query library, stored as Athena named queries of the app's workgroup (the local
 * facade's, or Athena's own). Folder, tags and parameter types ride in the description header
 * (metadata.ts). Every write is one Athena call made after all validation, so a refused save
 * leaves nothing behind.
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
  const existing = await listSavedQueries();
  const clash = existing.find((q) => q.id !== exceptId && q.name.toLowerCase() === input.name.toLowerCase());
  if (clash) issues.push({ path: 'name', message: `A saved query named "${clash.name}" already exists; choose another name` });
  if (issues.length > 0) throw new ValidationError(issues);
  return { name: input.name, description, sql: input.sql };
}

export async function createSavedQuery(body: unknown, caller: Caller): Promise<SavedQuery> {
  assertAllowed(caller, 'queries:author');
  const prepared = await prepareSave(body, caller.username);
  const { athena } = getConfig();
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
  return getSavedQuery(NamedQueryId ?? '');
}

export async function updateSavedQuery(id: string, body: unknown, caller: Caller): Promise<SavedQuery> {
  const current = await getSavedQuery(id);
  if (current.built_in) throw new BuiltInQueryReadOnly(current.name);
  assertMayChange(current, caller);
  // The owner stays who saved it, even when an admin edits.
  const prepared = await prepareSave(body, current.owner ?? caller.username, id);
  await callAthena(() =>
    getAthenaClient().send(
      new UpdateNamedQueryCommand({
        NamedQueryId: id,
        Name: prepared.name,
        Description: prepared.description,
        QueryString: prepared.sql,
      }),
    ),
  );
  return getSavedQuery(id);
}

export async function deleteSavedQuery(id: string, caller: Caller): Promise<void> {
  const current = await getSavedQuery(id);
  if (current.built_in) throw new BuiltInQueryReadOnly(current.name);
  assertMayChange(current, caller);
  await callAthena(() => getAthenaClient().send(new DeleteNamedQueryCommand({ NamedQueryId: id })));
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
