/**
 * Joda-Time patterns (Trino's format_datetime/parse_datetime) as DuckDB strftime/strptime
 * formats. Sessions are UTC (DIALECT.md), so zone letters print UTC's offset and name.
 */

export class JodaPatternError extends Error {}

type Rule = (count: number) => string | undefined;

const byCount =
  (...forms: [number, string][]): Rule =>
  (count) =>
    forms.find(([upTo]) => count <= upTo)?.[1];

const LETTERS: Readonly<Record<string, Rule>> = {
  y: (n) => (n === 2 ? '%y' : '%Y'),
  Y: (n) => (n === 2 ? '%y' : '%Y'),
  x: (n) => (n === 2 ? undefined : '%G'),
  M: byCount([1, '%-m'], [2, '%m'], [3, '%b'], [Infinity, '%B']),
  d: byCount([1, '%-d'], [2, '%d']),
  D: byCount([1, '%-j'], [3, '%j']),
  H: byCount([1, '%-H'], [2, '%H']),
  h: byCount([1, '%-I'], [2, '%I']),
  m: byCount([1, '%-M'], [2, '%M']),
  s: byCount([1, '%-S'], [2, '%S']),
  // Fractions: Joda truncates to the letter count; strftime has milli-, micro- and nanoseconds.
  S: (n) => ({ 3: '%g', 6: '%f', 9: '%n' })[n],
  a: () => '%p',
  E: (n) => (n <= 3 ? '%a' : '%A'),
  e: () => '%u',
  w: byCount([1, '%-V'], [2, '%V']),
  G: () => 'AD',
  Z: (n) => (n === 1 ? '+0000' : n === 2 ? '+00:00' : 'UTC'),
  z: (n) => (n <= 3 ? 'UTC' : 'Coordinated Universal Time'),
};

/** `format` as a strftime format; letters strftime cannot express raise a JodaPatternError. */
export function jodaToStrftime(format: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c === "'") {
      // Quoted literal text; '' is a single quote, inside or outside quotes.
      if (format[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < format.length) {
        if (format[j] === "'" && format[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (format[j] === "'") break;
        else text += format[j++];
      }
      out += text.replaceAll('%', '%%');
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (format[j] === c) j++;
      const count = j - i;
      const rule = LETTERS[c];
      const translated = rule?.(count);
      if (translated === undefined) {
        throw new JodaPatternError(`pattern letter '${c.repeat(count)}' is not supported locally`);
      }
      out += translated;
      i = j;
      continue;
    }
    out += c === '%' ? '%%' : c;
    i++;
  }
  return out;
}
