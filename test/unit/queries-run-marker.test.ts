import { describe, expect, it } from 'vitest';
import { checkReadOnly } from '@/lib/queries/read-only-guard';
import { markRunBy, readRunMarker, RUN_MARKER_PREFIX, shiftReasonLines } from '@/lib/queries/run-marker';
import { countPlaceholders } from '@/lib/queries/sql-tokens';
import { bindParameters } from '@/local/athena/sql/parameters';
import { classifyStatement } from '@/local/athena/sql/statement';

describe('the run marker', () => {
  it('puts one comment line before the SQL and reads it back', () => {
    const marked = markRunBy('SELECT 1', 'analyst');
    expect(marked).toBe('-- sales-cdc run by analyst\nSELECT 1');
    expect(readRunMarker(marked)).toEqual({ runBy: 'analyst', sql: 'SELECT 1' });
  });

  it('round-trips usernames of any characters, keeping the marker on one line', () => {
    for (const username of ['dana@example.com', 'o.brien+ops', 'Zoë Müller', '用户', 'a b', 'x?y', "it's", 'tab\there', '~tilde']) {
      const marked = markRunBy('SELECT ?', username);
      expect(marked.split('\n')).toHaveLength(2);
      expect(readRunMarker(marked), username).toEqual({ runBy: username, sql: 'SELECT ?' });
      // A `?` in a name must not become a placeholder.
      expect(countPlaceholders(marked), username).toBe(1);
    }
  });

  it('a user cannot claim someone else’s run with a marker of their own', () => {
    const forged = `${RUN_MARKER_PREFIX}admin\nSELECT secret FROM t`;
    const marked = markRunBy(forged, 'analyst');
    expect(readRunMarker(marked)).toEqual({ runBy: 'analyst', sql: forged });
    // Even a username with a line break and a marker stays in the first line, encoded.
    const sneaky = markRunBy('SELECT 1', `mallory\n${RUN_MARKER_PREFIX}admin`);
    expect(readRunMarker(sneaky).runBy).toBe(`mallory\n${RUN_MARKER_PREFIX}admin`);
    expect(readRunMarker(sneaky).sql).toBe('SELECT 1');
    expect(sneaky.indexOf('\n')).toBe(sneaky.lastIndexOf('\n'));
  });

  it('reads queries it did not mark as nobody’s, unchanged', () => {
    for (const query of [
      'SELECT 1',
      '-- a comment\nSELECT 1',
      `${RUN_MARKER_PREFIX}admin`, // no SQL line: never written by markRunBy
      `${RUN_MARKER_PREFIX}\nSELECT 1`,
      `${RUN_MARKER_PREFIX}ad min\nSELECT 1`,
      `${RUN_MARKER_PREFIX}%ZZ\nSELECT 1`,
      `${RUN_MARKER_PREFIX}%C3\nSELECT 1`,
      `${RUN_MARKER_PREFIX}%61dmin\nSELECT 1`, // "admin" spelled another way
      ` ${RUN_MARKER_PREFIX}admin\nSELECT 1`,
    ]) {
      expect(readRunMarker(query), query).toEqual({ runBy: null, sql: query });
    }
  });

  it('keeps the read-only verdict and the placeholders of the SQL it marks', () => {
    for (const sql of ['SELECT ? AS a, ? AS b', 'WITH x AS (SELECT 1) SELECT * FROM x', 'SHOW TABLES', 'DESCRIBE order_changes']) {
      const marked = markRunBy(sql, 'analyst');
      expect(checkReadOnly(marked), sql).toEqual(checkReadOnly(sql));
      expect(countPlaceholders(marked), sql).toBe(countPlaceholders(sql));
    }
    expect(checkReadOnly(markRunBy('DELETE FROM t', 'analyst')).ok).toBe(false);
  });

  it('reads the same in the local Athena: parameters bind and statements classify as without it', () => {
    const marked = markRunBy('SELECT * FROM t WHERE a = ? AND b = ?', 'analyst');
    expect(bindParameters(marked, ["'x'", '2']).sql).toBe(`${RUN_MARKER_PREFIX}analyst\nSELECT * FROM t WHERE a = 'x' AND b = 2`);
    for (const sql of ['SELECT 1', 'SHOW TABLES', 'DESCRIBE order_changes', 'EXPLAIN SELECT 1']) {
      expect(classifyStatement(markRunBy(sql, 'analyst')), sql).toEqual(classifyStatement(sql));
    }
  });

  it('shifts engine line numbers back by the marker line', () => {
    expect(shiftReasonLines("COLUMN_NOT_FOUND: line 3:8: Column 'x' cannot be resolved")).toBe(
      "COLUMN_NOT_FOUND: line 2:8: Column 'x' cannot be resolved",
    );
    expect(shiftReasonLines('SYNTAX_ERROR: line 1:1: mismatched input')).toBe('SYNTAX_ERROR: line 1:1: mismatched input');
    expect(shiftReasonLines('no position here')).toBe('no position here');
  });
});
