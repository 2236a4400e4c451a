'use client';

import { sql, StandardSQL } from '@codemirror/lang-sql';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { SchemaTable } from './api';
import { editorTheme, followColorScheme, sqlHighlighting } from './sql-editor-theme';

/**
 * CodeMirror 6 with its SQL language: highlighting, bracket matching, and completion of the
 * catalog's tables and columns. Loaded only in the browser and only on /queries (the workbench
 * imports it with next/dynamic), so its ~150 KB stay out of every other page's first load.
 */

export type SqlEditorHandle = { insert: (text: string) => void; focus: () => void };

type Props = {
  value: string;
  onChange: (value: string) => void;
  onRun?: () => void;
  tables?: SchemaTable[];
  invalid?: boolean;
  describedBy?: string;
  handleRef?: (handle: SqlEditorHandle | null) => void;
};

function languageFor(tables: SchemaTable[] | undefined) {
  const schema = Object.fromEntries((tables ?? []).map((t) => [t.name, t.columns.map((c) => c.name)]));
  return sql({ dialect: StandardSQL, schema, upperCaseKeywords: true });
}

export default function SqlEditor({ value, onChange, onRun, tables, invalid, describedBy, handleRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const scheme = useRef(new Compartment());
  const latest = useRef({ onChange, onRun });
  useEffect(() => {
    latest.current = { onChange, onRun };
  });

  useEffect(() => {
    if (!host.current) return;
    const colorScheme = followColorScheme(scheme.current, () => view.current);
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([{ key: 'Mod-Enter', run: () => (latest.current.onRun?.(), true) }]),
          basicSetup,
          language.current.of(languageFor(tables)),
          placeholder('SELECT status, count(*) FROM orders_current GROUP BY status'),
          editorTheme,
          sqlHighlighting,
          colorScheme.initial,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'SQL', ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    handleRef?.({
      insert: (text) => {
        const { from, to } = editor.state.selection.main;
        editor.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
        editor.focus();
      },
      focus: () => editor.focus(),
    });
    host.current.setAttribute('data-ready', 'true');
    return () => {
      colorScheme.stop();
      handleRef?.(null);
      editor.destroy();
      view.current = null;
    };
    // Created once; value, tables and callbacks are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Outside changes (opening another query) replace the document; typing round-trips unchanged.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageFor(tables)) });
  }, [tables]);

  return (
    <div
      ref={host}
      data-testid="sql-editor"
      className={`overflow-hidden rounded-md border bg-white shadow-sm focus-within:ring-1 ${
        invalid ? 'border-red-500 focus-within:ring-red-500' : 'border-slate-300 focus-within:border-brand-500 focus-within:ring-brand-500'
      }`}
    />
  );
}
