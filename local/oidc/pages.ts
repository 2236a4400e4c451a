/**
 * The local provider's own pages: plain server-rendered HTML in the dashboard's slate and blue,
 * light or dark as the system asks (the same shades app/globals.css swaps).
 */

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  :root{color-scheme:light dark;--bg:#f1f5f9;--surface:#fff;--text:#0f172a;--muted:#475569;--line:#e2e8f0;--input-line:#94a3b8;
  --accent:#1d4ed8;--accent-hover:#1e40af;--on-accent:#fff;--focus:#2563eb;--error-bg:#fef2f2;--error-text:#991b1b;--error-line:#fecaca;--shadow:rgba(15,23,42,.08)}
  @media (prefers-color-scheme:dark){:root{--bg:#020617;--surface:#0f172a;--text:#f1f5f9;--muted:#cbd5e1;--line:#1e293b;--input-line:#64748b;
  --accent:#93c5fd;--accent-hover:#bfdbfe;--on-accent:#0f172a;--focus:#93c5fd;--error-bg:#450a0a;--error-text:#fecaca;--error-line:#7f1d1d;--shadow:rgba(0,0,0,.4)}}
  *{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);
  font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--text)}
  main{width:min(380px,92vw);background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:28px;box-shadow:0 1px 3px var(--shadow)}
  h1{font-size:20px;margin:0 0 4px}p.lead{margin:0 0 20px;color:var(--muted);font-size:14px}
  label{display:block;font-weight:600;font-size:14px;margin:14px 0 4px}
  input{width:100%;padding:9px 11px;border:1px solid var(--input-line);border-radius:6px;font:inherit;color:var(--text);background:var(--surface)}
  input:focus{outline:2px solid var(--focus);outline-offset:1px;border-color:var(--focus)}
  button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:6px;background:var(--accent);color:var(--on-accent);font:inherit;font-weight:600;cursor:pointer}
  button:hover{background:var(--accent-hover)}button:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
  .error{margin:0 0 12px;padding:9px 11px;border-radius:6px;background:var(--error-bg);color:var(--error-text);border:1px solid var(--error-line);font-size:14px}
  .note{margin-top:20px;padding-top:14px;border-top:1px solid var(--line);color:var(--muted);font-size:13px}
  code{font-family:ui-monospace,monospace;background:var(--bg);padding:1px 4px;border-radius:4px;color:var(--text)}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function signInPage(options: { action: string; client: string; username?: string; error?: string }): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  return page(
    'Sign in · Sales CDC',
    `<h1>Sign in to Sales CDC</h1><p class="lead">to continue to ${escapeHtml(options.client)}</p>${error}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="on">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(options.username ?? '')}"${options.username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${options.username ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<p class="note">Local sign-in (embedded OpenID Connect provider). Demo users: <code>sales</code>, <code>analyst</code>, <code>analyst2</code>, <code>engineer</code>, <code>admin</code>; password <code>local-&lt;name&gt;</code>.</p>`,
  );
}

/** Cognito's /logout asks nothing, so this page submits the provider's logout form by itself. */
export function logoutPage(form: string): string {
  return page(
    'Signing out · Sales CDC',
    `<h1>Signing out…</h1>${form}<noscript><p class="lead">Continue to finish signing out.</p></noscript>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out · Sales CDC', '<h1>You are signed out</h1><p class="lead">You may close this window.</p>');
}

export function errorPage(error: string, description?: string): string {
  return page(
    'Sign-in error · Sales CDC',
    `<h1>Sign-in could not continue</h1><p class="error" role="alert">${escapeHtml(description ?? error)}</p><p class="lead">Go back to the dashboard and sign in again.</p>`,
  );
}
