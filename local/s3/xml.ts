/** Just enough XML for S3's REST answers: escaped text, nested elements, the standard prolog. */
export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | number | boolean | undefined | null | XmlNode | XmlNode[];

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

function renderValue(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => renderValue(name, item)).join('');
  if (typeof value === 'object') return `<${name}>${renderChildren(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function renderChildren(node: XmlNode): string {
  return Object.entries(node)
    .map(([name, value]) => renderValue(name, value))
    .join('');
}

/** A whole document; undefined/null children are left out, arrays repeat their element. */
export function renderXml(root: string, body: XmlNode, namespace: string | null = S3_NAMESPACE): string {
  const open = namespace ? `<${root} xmlns="${namespace}">` : `<${root}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}${renderChildren(body)}</${root}>`;
}

/** S3 timestamps in listings: ISO 8601 with milliseconds, UTC. */
export function isoTime(date: Date): string {
  return date.toISOString();
}
