/** A payload or message body, collapsed to one line until opened. */
export function PayloadSample({ text, truncated, label = 'Payload' }: { text: string; truncated: boolean; label?: string }) {
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Poison data often is not JSON: show it as it is.
  }
  return (
    <details className="group">
      <summary className="cursor-pointer list-none truncate font-mono text-xs text-slate-600 marker:hidden hover:text-slate-900">
        <span className="mr-1 inline-block text-slate-400 transition-transform group-open:rotate-90">▸</span>
        {label}: {text.slice(0, 90)}
        {text.length > 90 ? '…' : ''}
      </summary>
      <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 ring-1 ring-slate-200">
        {pretty}
        {truncated ? '\n… (cut)' : ''}
      </pre>
    </details>
  );
}
