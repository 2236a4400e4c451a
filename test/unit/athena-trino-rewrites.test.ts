import { describe, expect, it } from 'vitest';
import { CHANGE_ROW_COLUMNS, LINE_ITEM_FIELDS } from '@/lib/cdc/change-row';
import { jodaToStrftime, JodaPatternError } from '@/local/athena/sql/joda';
import { DialectError, rewriteTrino } from '@/local/athena/sql/trino-rewrites';

const sql = (text: string) => rewriteTrino(text).sql;

describe('Joda patterns as strftime formats', () => {
  it('translates letters by count, quoted text and percent signs', () => {
    expect(jodaToStrftime('yyyy-MM-dd HH:mm:ss.SSS')).toBe('%Y-%m-%d %H:%M:%S.%g');
    expect(jodaToStrftime('EEE, d MMM yy h:mm a')).toBe('%a, %-d %b %y %-I:%M %p');
    expect(jodaToStrftime("EEEE MMMM 'at' H 'o''clock' 100%")).toBe("%A %B at %-H o'clock 100%%");
    expect(jodaToStrftime("''")).toBe("'");
  });

  it('refuses letters strftime cannot print', () => {
    expect(() => jodaToStrftime('yyyy-MM-dd k')).toThrow(JodaPatternError);
    expect(() => jodaToStrftime('SS')).toThrow("pattern letter 'SS' is not supported locally");
  });
});

describe('Trino rewrites', () => {
  it('expands UNNEST in a FROM list into a lateral unnest of every field, zipped, with ordinality', () => {
    expect(sql('SELECT t.sku FROM o CROSS JOIN UNNEST(o.items) AS t(sku, name)')).toBe(
      'SELECT t.sku FROM o CROSS JOIN LATERAL (SELECT unnest(o.items, max_depth := 2)) AS t(sku, name)',
    );
    expect(sql('SELECT * FROM UNNEST(a, b) WITH ORDINALITY AS t(x, y, n)')).toBe(
      "SELECT * NOT LIKE '$path' FROM LATERAL (SELECT unnest(a, max_depth := 2), unnest(b, max_depth := 2), unnest(generate_series(1, greatest(len(a), len(b))))) AS t(x, y, n)",
    );
    expect(sql('SELECT x FROM t, UNNEST(t.xs) AS u(x)')).toContain('FROM t, LATERAL (SELECT unnest(t.xs, max_depth := 2)) AS u(x)');
  });

  it('leaves unnest outside a FROM list alone', () => {
    expect(sql('SELECT unnest(xs), f(a, unnest(b)) FROM t')).toBe("SELECT unnest(xs), f(a, unnest(b)) FROM t");
  });

  it('reads a timestamp as UTC before AT TIME ZONE, whatever the operand looks like', () => {
    expect(sql("SELECT ts AT TIME ZONE 'Asia/Tokyo' FROM t")).toBe(
      "SELECT timezone('Asia/Tokyo', CAST(ts AS TIMESTAMPTZ)) FROM t",
    );
    expect(sql("SELECT TIMESTAMP '2012-10-31 01:00' AT TIME ZONE z")).toBe(
      "SELECT timezone(z, CAST(TIMESTAMP '2012-10-31 01:00' AS TIMESTAMPTZ))",
    );
    expect(sql("SELECT date_trunc('day', o.order_date) AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris'")).toBe(
      "SELECT timezone('Europe/Paris', CAST(timezone('UTC', CAST(date_trunc('day', o.order_date) AS TIMESTAMPTZ)) AS TIMESTAMPTZ))",
    );
    expect(sql("SELECT a + (b) AT TIME ZONE 'UTC'")).toBe("SELECT a + timezone('UTC', CAST((b) AS TIMESTAMPTZ))");
  });

  it("keeps concat NULL when an argument is, and DOW as Trino counts it", () => {
    expect(sql("SELECT concat(a, 'b', f(c, d))")).toBe("SELECT (a || 'b' || f(c, d))");
    expect(sql('SELECT extract(DOW FROM d), extract(year FROM d)')).toBe('SELECT extract(isodow FROM d), extract(year FROM d)');
  });

  it('rewrites lambda predicates and Joda functions with literal patterns', () => {
    expect(sql('SELECT any_match(xs, x -> x > 1)')).toBe('SELECT coalesce(list_bool_or(list_transform(xs, x -> x > 1)), false)');
    expect(sql("SELECT format_datetime(ts, 'yyyy-MM')")).toBe("SELECT strftime(ts, '%Y-%m')");
    // The predicate's `)` ends exactly where the enclosing concat's comma starts.
    expect(sql("SELECT concat(any_match(xs, x -> x > 1),'!')")).toBe(
      "SELECT (coalesce(list_bool_or(list_transform(xs, x -> x > 1)), false) ||'!')",
    );
  });

  it('wraps bare VALUES items, not rows', () => {
    expect(sql('SELECT * FROM (VALUES 1, 2 + 3, f(4)) AS t (x)')).toBe('SELECT * NOT LIKE \'$path\' FROM (VALUES (1), (2 + 3), (f(4))) AS t (x)');
    expect(sql("VALUES (1, 'a'), (2, 'b')")).toBe("VALUES (1, 'a'), (2, 'b')");
  });

  it('never touches literals or identifiers that look like constructs', () => {
    const text = "SELECT 'x AT TIME ZONE y', \"concat\", t.unnest FROM t WHERE s = 'UNNEST(a)'";
    expect(sql(text)).toBe(text);
  });

  it('names what it cannot run, at its position in the query', () => {
    const error = (() => {
      try {
        rewriteTrino('SELECT a,\n  reduce(xs, 0, (s, x) -> s + x, s -> s)');
      } catch (e) {
        return e as DialectError;
      }
    })();
    expect(error).toBeInstanceOf(DialectError);
    expect(error?.code).toBe('NOT_SUPPORTED');
    expect(error?.message).toContain("Function 'reduce'");
    expect(error?.offset).toBe(12);
    expect(() => rewriteTrino('SELECT format_datetime(ts, fmt)')).toThrow('needs a literal Joda pattern');
    expect(() => rewriteTrino("SELECT format_datetime(ts, 'kk')")).toThrow(DialectError);
  });

  it('maps an offset in the rewritten text back to the query sent', () => {
    const original = "SELECT concat(a, b), nope FROM t CROSS JOIN UNNEST(xs) AS u(x)";
    const rewritten = rewriteTrino(original);
    expect(rewritten.toOriginalOffset(rewritten.sql.indexOf('nope'))).toBe(original.indexOf('nope'));
  });
});

describe('line item fields', () => {
  it('list every field of items in the column type, in order', () => {
    const items = CHANGE_ROW_COLUMNS.find((c) => c.name === 'items')!;
    const fields = [...items.glue.matchAll(/(\w+):/g)].map((m) => m[1]);
    expect(fields).toEqual([...LINE_ITEM_FIELDS]);
  });
});
