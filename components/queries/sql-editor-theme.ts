import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * The SQL editor's look in the app's colour variables, so it follows the colour scheme with the
 * page (app/globals.css). CodeMirror's own defaults (selection, cursor, tooltips, search panel)
 * switch with its dark flag, which `followColorScheme` keeps in step with the system setting.
 */

const v = (name: string) => `var(--color-${name})`;

export const editorTheme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: v('white'), color: v('slate-900'), minHeight: '300px' },
  '.cm-content': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    padding: '10px 0',
    caretColor: v('slate-900'),
  },
  // CodeMirror's base theme removes the content's outline; keyboard focus shows one, inset so the
  // editor's rounded, clipped frame does not hide it.
  '.cm-content:focus-visible': { outline: `2px solid ${v('brand-600')}`, outlineOffset: '-2px' },
  '.cm-cursor': { borderLeftColor: v('slate-900') },
  '.cm-gutters': {
    backgroundColor: v('slate-50'),
    color: v('slate-500'),
    border: 'none',
    borderRight: `1px solid ${v('slate-200')}`,
  },
  '.cm-activeLineGutter': { backgroundColor: v('slate-100'), color: v('slate-700') },
  '.cm-scroller': { minHeight: '300px', maxHeight: '480px' },
  '&.cm-focused': { outline: 'none' },
  // CodeMirror's default #888 placeholder is 3.4:1 on the active-line tint, and its dark tint is
  // teal; this tint and slate-600 keep the placeholder above 4.5:1 in both schemes.
  '.cm-activeLine': { backgroundColor: `color-mix(in oklab, ${v('brand-50')} 60%, transparent)` },
  '.cm-placeholder': { color: v('slate-600') },
});

/** Replaces the light-only default highlight style (purple keywords on a dark page are 2:1). */
export const sqlHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.keyword, color: v('brand-700') },
    { tag: [tags.string, tags.special(tags.string)], color: v('emerald-800') },
    { tag: [tags.number, tags.literal], color: v('amber-800') },
    { tag: [tags.bool, tags.null, tags.atom], color: v('rose-800') },
    { tag: [tags.typeName, tags.standard(tags.name)], color: v('sky-800') },
    { tag: tags.comment, color: v('slate-500'), fontStyle: 'italic' },
    { tag: tags.invalid, color: v('red-700') },
  ]),
);

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** CodeMirror's dark flag, now and whenever the system setting changes; returns the unsubscribe. */
export function followColorScheme(compartment: Compartment, view: () => EditorView | null) {
  const query = darkQuery();
  const onChange = () =>
    view()?.dispatch({ effects: compartment.reconfigure(EditorView.darkTheme.of(query.matches)) });
  query.addEventListener('change', onChange);
  return {
    initial: compartment.of(EditorView.darkTheme.of(query.matches)),
    stop: () => query.removeEventListener('change', onChange),
  };
}
