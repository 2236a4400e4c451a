import { describe, expect, it } from 'vitest';
import { dialectEdits } from '@/local/athena/sql/dialect';
import { applyEdits } from '@/local/athena/sql/parameters';

const rewrite = (sql: string) => applyEdits(sql, dialectEdits(sql));

describe('"$path" pseudo-column in the local Athena dialect', () => {
  it('leaves the pseudo-column out of every select-list star, as Athena does', () => {
    expect(rewrite('SELECT * FROM order_changes')).toBe("SELECT * NOT LIKE '$path' FROM order_changes");
    expect(rewrite('SELECT c.*, 1 FROM order_changes c')).toBe(
      "SELECT c.* NOT LIKE '$path', 1 FROM order_changes c",
    );
    expect(rewrite('SELECT DISTINCT * FROM (SELECT a, * FROM t)')).toBe(
      "SELECT DISTINCT * NOT LIKE '$path' FROM (SELECT a, * NOT LIKE '$path' FROM t)",
    );
  });

  it('never touches count(*), multiplication or stars inside literals and comments', () => {
    for (const sql of [
      'SELECT count(*) FROM t',
      'SELECT units * 2, total_cents*100 FROM t',
      "SELECT '*' AS star, \"*\" FROM t -- SELECT * FROM t",
      'SELECT "$path" FROM order_changes WHERE order_id = ?',
    ]) {
      expect(rewrite(sql)).toBe(sql);
    }
  });
});
