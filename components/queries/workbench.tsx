'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button-styles';
import { Skeleton } from '@/components/ui/skeleton';
import type { ParamType } from '@/lib/queries/metadata';
import { coerceParam, paramTypesFor, type ParamValue } from '@/lib/queries/parameters';
import { countPlaceholders } from '@/lib/queries/sql-tokens';
import {
  cancelExecution,
  createSavedQuery,
  deleteSavedQuery,
  QueryApiError,
  runQuery,
  updateSavedQuery,
  type QueryCheck,
  type SavedQuery,
} from './api';
import { CostCheck } from './cost-check';
import {
  copyName,
  draftOf,
  EMPTY_DRAFT,
  fieldErrorsOf,
  isDirty,
  shareUrl,
  toRequest,
  type Draft,
} from './draft';
import { HistoryList } from './history-list';
import { LibraryList } from './library-list';
import { ParamInputs } from './param-inputs';
import { QueryDetails } from './query-details';
import {
  executionOptions,
  isFinalState,
  queryKeys,
  savedQueriesOptions,
  schemaOptions,
} from './query-options';
import { ResultsPanel } from './results-panel';
import { RunStatus } from './run-status';
import { SchemaBrowser } from './schema-browser';
import type { SqlEditorHandle } from './sql-editor';

// CodeMirror loads in the browser only, after the page is interactive.
const SqlEditor = dynamic(() => import('./sql-editor'), {
  ssr: false,
  loading: () => <Skeleton className="h-[302px] w-full" />,
});

type Run = { id: string; startedAt: number };

/** What the signed-in person may do, from the server page; the routes check again on every call. */
export type Viewer = { username: string; canAuthor: boolean; canManageAny: boolean };

const mayChange = (query: SavedQuery, viewer: Viewer) =>
  !query.built_in && (viewer.canManageAny || (viewer.canAuthor && query.owner === viewer.username));

export function Workbench({
  initialId,
  initialParams,
  viewer,
}: {
  initialId: string | null;
  initialParams: string[];
  viewer: Viewer;
}) {
  const client = useQueryClient();
  const saved = useQuery(savedQueriesOptions());
  const schema = useQuery(schemaOptions());
  const [selectedId, setSelectedId] = useState<string | null>(initialId);
  const selected = useMemo(() => saved.data?.find((q) => q.id === selectedId), [saved.data, selectedId]);
  const [draft, setDraft] = useState<Draft>(() => (selected ? draftOf(selected) : EMPTY_DRAFT));
  const [values, setValues] = useState<string[]>(initialParams);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [paramErrors, setParamErrors] = useState<Record<number, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const [check, setCheck] = useState<QueryCheck | undefined>();
  const editor = useRef<SqlEditorHandle | null>(null);
  const loadedId = useRef<string | null>(selected ? selected.id : null);

  // A shared link names a query the list had not loaded yet: open it once it arrives.
  useEffect(() => {
    if (selected && loadedId.current !== selected.id) {
      loadedId.current = selected.id;
      setDraft(draftOf(selected));
    }
  }, [selected]);

  const placeholders = countPlaceholders(draft.sql);
  const types = paramTypesFor(placeholders, draft.paramTypes);
  const paramValues: ParamValue[] = types.map((_, i) => values[i] ?? '');
  const readOnly = selected ? !mayChange(selected, viewer) : !viewer.canAuthor;
  const dirty = isDirty(draft, selected);

  // The shareable URL follows the open query and its values. Next.js syncs the native history
  // API with its router, so this updates the address bar without a server round trip or remount.
  const setUrl = useCallback((id: string | null, params: readonly string[] = []) => {
    window.history.replaceState(null, '', shareUrl('', id, params));
  }, []);

  function open(query: SavedQuery | null, params: string[] = []) {
    setSelectedId(query?.id ?? null);
    loadedId.current = query?.id ?? null;
    setDraft(query ? draftOf(query) : EMPTY_DRAFT);
    setValues(params);
    setErrors({});
    setParamErrors({});
    setNotice(null);
    setConfirmDelete(false);
    setUrl(query?.id ?? null, params);
  }

  const refreshLibrary = () => client.invalidateQueries({ queryKey: queryKeys.saved });
  // Field issues go next to their fields; anything else above the form.
  const showSaveErrors = (error: Error) =>
    setErrors(
      error instanceof QueryApiError && error.body.issues
        ? fieldErrorsOf(error.body.issues)
        : { form: error.message },
    );

  const save = useMutation({
    mutationFn: () =>
      selected && !readOnly
        ? updateSavedQuery(selected.id, toRequest(draft))
        : createSavedQuery(toRequest(draft)),
    onSuccess: async (query) => {
      await refreshLibrary();
      setSelectedId(query.id);
      loadedId.current = query.id;
      setDraft(draftOf(query));
      setErrors({});
      setNotice(`Saved “${query.name}”.`);
      setUrl(query.id, values);
    },
    onError: showSaveErrors,
  });

  const duplicate = useMutation({
    mutationFn: () =>
      createSavedQuery({
        ...toRequest(draft),
        name: copyName(
          draft.name || 'Untitled',
          (saved.data ?? []).map((q) => q.name),
        ),
      }),
    onSuccess: async (query) => {
      await refreshLibrary();
      open(query, values);
      setNotice(`Duplicated as “${query.name}”. Edit and save it.`);
    },
    onError: showSaveErrors,
  });

  const remove = useMutation({
    mutationFn: (id: string) => deleteSavedQuery(id),
    onSuccess: async () => {
      const name = selected?.name;
      await refreshLibrary();
      open(null);
      setNotice(`Deleted “${name}”.`);
    },
    onError: (error) => setErrors({ form: error.message }),
  });

  const start = useMutation({
    mutationFn: (input: { sql: string; params: ParamValue[]; types?: ParamType[]; savedId?: string }) =>
      runQuery(
        input.savedId
          ? { id: input.savedId, params: input.params }
          : { sql: input.sql, params: input.params, param_types: input.types },
      ),
    onSuccess: (id) => {
      setRun({ id, startedAt: Date.now() });
      setParamErrors({});
      setErrors({});
    },
    onError: (error) => {
      setRun(null);
      if (error instanceof QueryApiError && error.body.issues) {
        const byIndex: Record<number, string> = {};
        const other: { path: string; message: string }[] = [];
        for (const issue of error.body.issues) {
          const match = /^params\.(\d+)$/.exec(issue.path);
          if (match) byIndex[Number(match[1])] = issue.message;
          else other.push(issue);
        }
        setParamErrors(byIndex);
        setErrors(fieldErrorsOf(other.map((i) => (i.path === 'params' ? { ...i, path: 'run' } : i))));
      } else setErrors({ run: error.message });
    },
  });

  function runCurrent() {
    // Check types in the browser first, so mistakes show next to their inputs without a round trip.
    const local: Record<number, string> = {};
    types.forEach((type, i) => {
      const result = coerceParam(paramValues[i] ?? '', type);
      if ('error' in result) local[i] = result.error;
    });
    setParamErrors(local);
    if (Object.keys(local).length > 0 || start.isPending) return;
    const useSaved = selected && !dirty;
    start.mutate({ sql: draft.sql, params: paramValues, types, savedId: useSaved ? selected.id : undefined });
    if (useSaved) setUrl(selected.id, values.slice(0, types.length));
  }

  const execution = useQuery({ ...executionOptions(run?.id ?? ''), enabled: run !== null });
  const finished = isFinalState(execution.data?.state);
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: queryKeys.history });
  }, [finished, client]);

  const cancel = useMutation({
    mutationFn: () => cancelExecution(run?.id ?? ''),
    onSuccess: (status) => client.setQueryData(executionOptions(status.id).queryKey, status),
  });

  const onCheck = useCallback((result: QueryCheck | undefined) => setCheck(result), []);
  const refused = check !== undefined && !check.allowed;

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[240px_minmax(0,1fr)]">
      <aside className="space-y-3">
        {viewer.canAuthor && (
          <button type="button" className={buttonClass('primary', 'w-full')} onClick={() => open(null)}>
            New query
          </button>
        )}
        <LibraryList selectedId={selectedId} onSelect={(q) => open(q)} />
      </aside>

      <div className="min-w-0 space-y-4">
        <section
          aria-label="Query"
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="mr-auto text-base font-semibold text-slate-900">
              {selected ? selected.name : 'New query'}
              {selected?.built_in && (
                <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">
                  built-in{viewer.canAuthor ? ' · duplicate to edit' : ''}
                </span>
              )}
              {selected && !selected.built_in && (
                <span data-testid="query-owner" className="ml-2 text-xs font-normal text-slate-600">
                  by {selected.owner ?? 'unknown'}
                  {readOnly && viewer.canAuthor ? ' · duplicate to edit' : ''}
                </span>
              )}
              {selected && !readOnly && dirty && (
                <span className="ml-2 text-xs font-normal text-amber-700">unsaved changes</span>
              )}
            </h2>
            {!readOnly && (
              <button
                type="button"
                className={buttonClass('secondary')}
                onClick={() => save.mutate()}
                disabled={save.isPending}
              >
                {save.isPending ? 'Saving…' : selected ? 'Save' : 'Save query'}
              </button>
            )}
            {selected && viewer.canAuthor && (
              <button
                type="button"
                className={buttonClass('secondary')}
                onClick={() => duplicate.mutate()}
                disabled={duplicate.isPending}
              >
                Duplicate
              </button>
            )}
            {selected &&
              !readOnly &&
              (confirmDelete ? (
                <span className="flex items-center gap-1">
                  <button
                    type="button"
                    className={buttonClass('danger')}
                    onClick={() => remove.mutate(selected.id)}
                    disabled={remove.isPending}
                  >
                    {remove.isPending ? 'Deleting…' : 'Confirm delete'}
                  </button>
                  <button
                    type="button"
                    className={buttonClass('ghost')}
                    onClick={() => setConfirmDelete(false)}
                  >
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className={buttonClass('ghost', 'text-red-700 hover:bg-red-50')}
                  onClick={() => setConfirmDelete(true)}
                >
                  Delete
                </button>
              ))}
            {selected && <CopyLink id={selected.id} values={values.slice(0, types.length)} />}
          </div>
          {notice && (
            <p
              role="status"
              className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
            >
              {notice}
            </p>
          )}
          {errors.form && (
            <p
              role="alert"
              className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
            >
              {errors.form}
            </p>
          )}
          <QueryDetails
            draft={draft}
            errors={errors}
            readOnly={readOnly}
            onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          />
          <div className="grid grid-cols-1 gap-3 xl:grid-cols-[minmax(0,1fr)_250px]">
            <div>
              {viewer.canAuthor ? (
                <SqlEditor
                  value={draft.sql}
                  onChange={(sql) => setDraft((d) => ({ ...d, sql }))}
                  onRun={runCurrent}
                  tables={schema.data}
                  invalid={Boolean(errors.sql)}
                  describedBy={errors.sql ? 'sql-error' : undefined}
                  handleRef={(handle) => {
                    editor.current = handle;
                  }}
                />
              ) : (
                // Running one's own SQL is for analysts, engineers and admins: others run saved queries as they are.
                <pre
                  aria-label="SQL"
                  className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs text-slate-800"
                >
                  {draft.sql || 'Choose a saved query from the library to run it.'}
                </pre>
              )}
              {errors.sql && (
                <p id="sql-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
                  {errors.sql}
                </p>
              )}
            </div>
            <SchemaBrowser onInsert={(text) => editor.current?.insert(text)} />
          </div>
          <ParamInputs
            types={types}
            values={values}
            errors={paramErrors}
            onType={(i, type) =>
              setDraft((d) => ({ ...d, paramTypes: types.map((t, j) => (j === i ? type : t)) }))
            }
            onValue={(i, value) => setValues((v) => types.map((_, j) => (j === i ? value : (v[j] ?? ''))))}
          />
          <CostCheck sql={draft.sql} params={paramValues} onResult={onCheck} />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={buttonClass('primary')}
              onClick={runCurrent}
              disabled={
                start.isPending ||
                draft.sql.trim() === '' ||
                refused ||
                (execution.data !== undefined && !finished)
              }
            >
              {start.isPending ? 'Starting…' : 'Run'}
            </button>
            <span className="text-xs text-slate-500">Ctrl/⌘ + Enter in the editor</span>
            {errors.run && (
              <p role="alert" className="text-sm font-medium text-red-700">
                {errors.run}
              </p>
            )}
          </div>
        </section>

        {run && (
          <section
            aria-label="Run"
            className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            {execution.isError ? (
              <p role="alert" className="text-sm text-red-800">
                The query&apos;s state could not be read: {execution.error.message}
              </p>
            ) : (
              <RunStatus
                status={execution.data}
                startedAt={run.startedAt}
                onCancel={() => cancel.mutate()}
                cancelling={cancel.isPending}
              />
            )}
            {execution.data?.state === 'SUCCEEDED' && <ResultsPanel key={run.id} executionId={run.id} />}
          </section>
        )}

        <HistoryList
          onOpen={(sql) => {
            open(null);
            setDraft({ ...EMPTY_DRAFT, sql });
          }}
          onRerun={(sql, params) => {
            // Literals keep their kind: 42 stays a number, true a boolean, quoted text a string.
            const kinds = params.map((p): ParamType =>
              typeof p === 'number' ? 'number' : typeof p === 'boolean' ? 'boolean' : 'string',
            );
            open(
              null,
              params.map((p) => (p === null ? '' : String(p))),
            );
            setDraft({ ...EMPTY_DRAFT, sql, paramTypes: kinds });
            start.mutate({ sql, params, types: kinds });
          }}
        />
      </div>
    </div>
  );
}

function CopyLink({ id, values }: { id: string; values: string[] }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass('ghost')}
      onClick={async () => {
        await navigator.clipboard
          ?.writeText(shareUrl(window.location.origin, id, values))
          .catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Link copied' : 'Copy link'}
    </button>
  );
}
