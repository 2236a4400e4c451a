import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getBreakdownRoute } from '@/app/api/analytics/breakdown/[dimension]/route';
import { GET as getCustomersRoute } from '@/app/api/analytics/customers/route';
import { GET as getFreshnessRoute } from '@/app/api/analytics/freshness/route';
import { GET as getKpisRoute } from '@/app/api/analytics/kpis/route';
import { GET as getSummaryRoute } from '@/app/api/analytics/summary/route';
import { GET as getTimeseriesRoute } from '@/app/api/analytics/timeseries/route';
import { setAthenaClient } from '@/lib/aws/athena';
import type { Order } from '@/lib/orders/schema';
import { createOrder, deleteOrder } from '@/lib/orders/service';
import type { Pipeline } from '@/local/pipeline';
import { getRequest } from '../support/api';
import { startAthenaHarness, type AthenaHarness } from '../support/athena';
import { editOrder, redeliver } from '../support/order-changes';
import { orderInput } from '../support/orders';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

/**
 * The dashboard equals the source of truth: orders go through the order service and the whole
 * local pipeline (stream → pipe → Kinesis → Firehose → S3) into the Athena API, and every KPI,
 * breakdown and time bucket the analytics routes answer must equal what a DynamoDB scan gives,
 * to the cent. The range is two days in New York, so orders on either side of local midnight
 * (whose UTC date is the other day) test the day boundaries.
 */
const fixture = setupPipeline('analytics');
let athena: AthenaHarness;
let pipeline: Pipeline;

const TZ = 'America/New_York';
const FROM = '2026-03-09';
const TO = '2026-03-10';
// EDT (UTC−4) since 2026-03-08: the range is [2026-03-09T04:00Z, 2026-03-11T04:00Z).
const START = '2026-03-09T04:00:00.000Z';
const END = '2026-03-11T04:00:00.000Z';
// The previous period, 2026-03-07..08, straddles the DST change (EST then EDT).
const PREV_START = '2026-03-07T05:00:00.000Z';
const QUERY = `from=${FROM}&to=${TO}&tz=${encodeURIComponent(TZ)}`;

beforeAll(async () => {
  pipeline = await fixture.start();
  athena = await startAthenaHarness({ dataDir: fixture.dataDir() });
  setAthenaClient(athena.client);
});

afterAll(async () => {
  setAthenaClient(undefined);
  await athena?.stop();
});

const update = editOrder;
const redeliverBatch = (count: number) => redeliver(fixture.kinesis(), fixture.streamName, count);

async function body<T = Record<string, unknown>>(response: Response | Promise<Response>): Promise<T> {
  const r = await response;
  const json = (await r.json()) as T;
  expect(r.status, JSON.stringify(json)).toBe(200);
  return json;
}

type Row = { key: string; label: string; orders: number; revenue_cents: number; units: number };

/** Rows sorted like the queries sort them: revenue descending, then key (binary order). */
function ranked(map: Map<string, Row>, limit = Infinity): Row[] {
  return [...map.values()]
    .sort((a, b) => b.revenue_cents - a.revenue_cents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);
}

function add(map: Map<string, Row>, key: string, label: string, orders: number, cents: number, units: number) {
  const row = map.get(key) ?? { key, label, orders: 0, revenue_cents: 0, units: 0 };
  row.orders += orders;
  row.revenue_cents += cents;
  row.units += units;
  map.set(key, row);
}

/** `YYYY-MM-DD HH` of an instant's local wall time, computed independently of lib/analytics/range. */
function localHour(iso: string, tz = TZ): string {
  const text = new Date(iso).toLocaleString('sv-SE', { timeZone: tz, hour12: false });
  return `${text.slice(0, 10)} ${text.slice(11, 13)}`;
}

/** Every figure of the dashboard, computed from a DynamoDB scan. */
async function truth() {
  const all = (await fixture.table.snapshot()).map((item) => unmarshall(item) as Order);
  const usd = all.filter((o) => o.currency === 'USD');
  const inRange = (o: Order, start: string, end: string) => o.order_date >= start && o.order_date < end;
  const paid = (o: Order) => o.status === 'paid' || o.status === 'shipped';
  const totals = (orders: Order[]) => {
    const revenue = orders.filter(paid);
    const revenueCents = revenue.reduce((s, o) => s + o.total_cents, 0);
    return {
      revenue_cents: revenueCents,
      orders: revenue.length,
      aov_cents: revenue.length ? Math.round(revenueCents / revenue.length) : 0,
      units: revenue.reduce((s, o) => s + o.items.reduce((u, i) => u + i.quantity, 0), 0),
      pending_cents: orders.filter((o) => o.status === 'pending').reduce((s, o) => s + o.total_cents, 0),
      cancelled_refunded_cents: orders
        .filter((o) => o.status === 'cancelled' || o.status === 'refunded')
        .reduce((s, o) => s + o.total_cents, 0),
    };
  };
  const current = usd.filter((o) => inRange(o, START, END));
  const previous = usd.filter((o) => inRange(o, PREV_START, START));
  const units = (o: Order) => o.items.reduce((u, i) => u + i.quantity, 0);
  const region = new Map<string, Row>();
  const channel = new Map<string, Row>();
  const status = new Map<string, Row>();
  const product = new Map<string, Row>();
  const category = new Map<string, Row>();
  const customer = new Map<string, Row>();
  const hours = new Map<string, { revenue_cents: number; orders: number }>();
  for (const o of current) {
    add(status, o.status, o.status, 1, o.total_cents, units(o));
    if (!paid(o)) continue;
    add(region, o.region, o.region, 1, o.total_cents, units(o));
    add(channel, o.channel, o.channel, 1, o.total_cents, units(o));
    add(customer, o.customer.email, o.customer.name, 1, o.total_cents, units(o));
    const hour = hours.get(localHour(o.order_date)) ?? { revenue_cents: 0, orders: 0 };
    hour.revenue_cents += o.total_cents;
    hour.orders += 1;
    hours.set(localHour(o.order_date), hour);
    const skus = new Set<string>();
    const categories = new Set<string>();
    for (const line of o.items) {
      add(product, line.sku, line.name, skus.has(line.sku) ? 0 : 1, line.quantity * line.unit_price_cents, line.quantity);
      add(category, line.category, line.category, categories.has(line.category) ? 0 : 1, line.quantity * line.unit_price_cents, line.quantity);
      skus.add(line.sku);
      categories.add(line.category);
    }
  }
  return {
    all,
    current: totals(current),
    previous: totals(previous),
    region: ranked(region),
    channel: ranked(channel),
    status: ranked(status),
    product: ranked(product, 10),
    category: ranked(category, 12),
    customer: ranked(customer, 10),
    hours,
  };
}

const line = (sku: string, name: string, category: string, quantity: number, unit_price_cents: number) => ({
  sku,
  name,
  category,
  quantity,
  unit_price_cents,
});

describe('analytics routes equal a DynamoDB scan', () => {
  it('refuses a bad range with the reason, before running anything', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026-03-10&to=2026-03-09', /from must be on or before to/],
      ['from=2026-02-30&to=2026-03-09', /from must be a date/],
      ['from=2026-03-01&to=2026-03-09&tz=Mars/Olympus', /tz must be an IANA time zone/],
      ['to=2026-03-09', /from is required/],
      ['from=2000-01-01&to=2026-03-09', /at most/],
    ];
    for (const [query, reason] of cases) {
      const response = await getSummaryRoute(getRequest(`/api/analytics/summary?${query}`));
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(reason);
    }
    const dimension = await getBreakdownRoute(getRequest(`/api/analytics/breakdown/planet?${QUERY}`), {
      params: Promise.resolve({ dimension: 'planet' }),
    });
    expect(dimension.status).toBe(400);
  });

  it('after orders across local midnight, edits of status and lines, deletes and a redelivered batch', async () => {
    const laptop = line('LAP-13', 'Laptop 13"', 'Computers', 1, 129_900);
    const mouse = line('MOU-WL', 'Wireless Mouse', 'Accessories', 3, 4_999);
    const cable = line('CBL-USB', 'USB-C Cable', 'Accessories', 2, 1_250);
    const desk = line('DSK-01', 'Standing Desk', 'Furniture', 1, 54_900);
    const specs: Parameters<typeof orderInput>[0][] = [
      // 23:59:59.999 on Mar 8 in New York: the previous period, though its UTC date is Mar 9.
      { order_date: '2026-03-09T03:59:59.999Z', status: 'paid', items: [laptop], customer: { name: 'Prev Night', email: 'prev@example.com' } },
      // The first instant of Mar 9 in New York.
      { order_date: START, status: 'paid', region: 'NA', channel: 'web', items: [laptop, mouse], customer: { name: 'Ann Early', email: 'ann@example.com' } },
      // 23:59 on Mar 10 in New York, whose UTC date is Mar 11: inside the range.
      { order_date: '2026-03-11T03:59:00.000Z', status: 'shipped', region: 'EU', channel: 'store', items: [desk, cable], customer: { name: 'Bo Late', email: 'bo@example.com' } },
      // The first instant of Mar 11 in New York: outside.
      { order_date: END, status: 'paid', items: [desk], customer: { name: 'Out After', email: 'out@example.com' } },
      { order_date: '2026-03-10T12:00:00.000Z', status: 'pending', region: 'APAC', channel: 'phone', items: [mouse], customer: { name: 'Cy Pend', email: 'cy@example.com' } },
      { order_date: '2026-03-10T13:30:00.000Z', status: 'pending', region: 'APAC', channel: 'partner', items: [laptop, cable], customer: { name: 'Di Later', email: 'di@example.com' } },
      { order_date: '2026-03-09T18:00:00.000Z', status: 'paid', region: 'LATAM', channel: 'web', items: [mouse, cable, desk], customer: { name: 'Ann Early', email: 'ann@example.com' } },
      { order_date: '2026-03-09T20:00:00.000Z', status: 'paid', region: 'EU', channel: 'phone', items: [laptop], customer: { name: 'Ed Gone', email: 'ed@example.com' } },
      { order_date: '2026-03-10T09:15:00.000Z', status: 'refunded', region: 'NA', channel: 'store', items: [desk], customer: { name: 'Flo Back', email: 'flo@example.com' } },
      { order_date: '2026-03-10T10:00:00.000Z', status: 'paid', currency: 'EUR', items: [laptop], customer: { name: 'Eu Ro', email: 'euro@example.com' } },
      { order_date: '2026-03-08T06:00:00.000Z', status: 'shipped', region: 'NA', items: [mouse], customer: { name: 'Prev Day', email: 'prevday@example.com' } },
      { order_date: '2026-03-10T02:00:00.000Z', status: 'pending', region: 'EU', channel: 'web', items: [cable], customer: { name: 'Gil Wait', email: 'gil@example.com' } },
    ];
    const created: Order[] = [];
    for (const spec of specs) created.push(await createOrder(orderInput(spec), { by: TEST_WRITER }));
    let writes = created.length;

    // Status edits: pending → paid → shipped, and paid → cancelled.
    const nowPaid = await update(created[4]!, { status: 'paid', version: created[4]!.version });
    await update(nowPaid, { status: 'shipped', version: nowPaid.version });
    await update(created[1]!, { status: 'cancelled', version: created[1]!.version });
    // Line edits: one line dropped, a quantity raised and a line added.
    await update(created[6]!, { items: [mouse, desk], version: created[6]!.version });
    await update(created[2]!, { items: [desk, { ...cable, quantity: 5 }, mouse], version: created[2]!.version });
    // A delete after an edit, and a plain delete.
    const edited = await update(created[7]!, { status: 'shipped', version: created[7]!.version });
    await deleteOrder(edited.order_id, edited.version, { by: TEST_WRITER });
    await deleteOrder(created[5]!.order_id, created[5]!.version, { by: TEST_WRITER });
    // Six edits, and two deletes of two changes each (the stamp of who deleted, then the REMOVE).
    writes += 6 + 2 * 2;

    await waitFor(() => fixture.changeRows(), (rows) => rows.length >= writes, 30_000, 'every change in S3');
    expect(await redeliverBatch(6)).toBe(6);
    const rows = await waitFor(() => fixture.changeRows(), (r) => r.length >= writes + 6, 30_000, 'redelivered rows');
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(writes);

    const expected = await truth();
    // The scenario is not trivially empty: revenue, pending and cancelled/refunded all present.
    expect(expected.current.orders).toBe(3);
    expect(expected.current.pending_cents).toBe(cable.quantity * cable.unit_price_cents);
    expect(expected.current.cancelled_refunded_cents).toBeGreaterThan(0);
    expect(expected.previous.orders).toBe(2);

    // The contract.
    const summary = await body(getSummaryRoute(getRequest(`/api/analytics/summary?${QUERY}`)));
    const newest = rows.map((r) => r.change_time).sort().at(-1);
    expect(summary).toEqual({ ...expected.current, as_of: newest });
    // `to` inclusive and tz applied: a UTC reading of the same days differs.
    const utc = await body(getSummaryRoute(getRequest(`/api/analytics/summary?from=${FROM}&to=${TO}`)));
    expect(utc.revenue_cents).not.toBe(expected.current.revenue_cents);

    const kpis = await body<{ current: unknown; previous: unknown; stats: { queries: number; bytes_scanned: number } }>(
      getKpisRoute(getRequest(`/api/analytics/kpis?${QUERY}`)),
    );
    expect(kpis.current).toEqual(expected.current);
    expect(kpis.previous).toEqual(expected.previous);
    // The summary just ran the same KPI query over the same log: Athena result reuse, nothing scanned.
    expect(kpis.stats.queries).toBe(1);
    expect(kpis.stats.bytes_scanned).toBe(0);

    for (const dimension of ['region', 'channel', 'status', 'product', 'category'] as const) {
      const result = await body<{ rows: Row[] }>(
        getBreakdownRoute(getRequest(`/api/analytics/breakdown/${dimension}?${QUERY}`), {
          params: Promise.resolve({ dimension }),
        }),
      );
      expect(result.rows, dimension).toEqual(expected[dimension]);
    }
    const customers = await body<{ rows: Row[] }>(getCustomersRoute(getRequest(`/api/analytics/customers?${QUERY}`)));
    expect(customers.rows).toEqual(expected.customer);
    // Product and category lines add up to the revenue KPI.
    expect(expected.category.reduce((s, r) => s + r.revenue_cents, 0)).toBe(expected.current.revenue_cents);

    const series = await body<{ granularity: string; points: { key: string; revenue_cents: number; orders: number }[] }>(
      getTimeseriesRoute(getRequest(`/api/analytics/timeseries?${QUERY}`)),
    );
    expect(series.granularity).toBe('hour');
    expect(series.points).toHaveLength(48);
    expect(series.points[0]!.key).toBe('2026-03-09 00');
    expect(series.points.at(-1)!.key).toBe('2026-03-10 23');
    const charted = new Map(series.points.filter((p) => p.orders > 0).map((p) => [p.key, { revenue_cents: p.revenue_cents, orders: p.orders }]));
    expect(charted).toEqual(expected.hours);

    // A zone 5:45 ahead of UTC: buckets still follow local hours and local days.
    const nepal = await body<{ points: { key: string; revenue_cents: number; orders: number }[] }>(
      getTimeseriesRoute(getRequest(`/api/analytics/timeseries?from=${FROM}&to=${TO}&tz=Asia%2FKathmandu`)),
    );
    const nepalTruth = new Map<string, { revenue_cents: number; orders: number }>();
    for (const o of expected.all) {
      const inNepalRange = o.order_date >= '2026-03-08T18:15:00.000Z' && o.order_date < '2026-03-10T18:15:00.000Z';
      if (o.currency !== 'USD' || !inNepalRange || (o.status !== 'paid' && o.status !== 'shipped')) continue;
      const hour = nepalTruth.get(localHour(o.order_date, 'Asia/Kathmandu')) ?? { revenue_cents: 0, orders: 0 };
      hour.revenue_cents += o.total_cents;
      hour.orders += 1;
      nepalTruth.set(localHour(o.order_date, 'Asia/Kathmandu'), hour);
    }
    expect(nepalTruth.size).toBeGreaterThan(0);
    expect(new Map(nepal.points.filter((p) => p.orders > 0).map((p) => [p.key, { revenue_cents: p.revenue_cents, orders: p.orders }]))).toEqual(nepalTruth);

    // Nothing is waiting: DynamoDB holds nothing newer than what Athena sees.
    const settled = await body<{ orders: number; value_cents: number; complete: boolean }>(
      getFreshnessRoute(getRequest(`/api/analytics/freshness?${QUERY}`)),
    );
    expect(settled).toMatchObject({ orders: 0, value_cents: 0, complete: true });

    // Written but not yet queryable: with the pipeline stopped, a new paid order is counted.
    await pipeline.stop();
    const late = await createOrder(
      orderInput({ order_date: '2026-03-10T15:00:00.000Z', status: 'paid', items: [laptop], customer: { name: 'Late', email: 'late@example.com' } }), { by: TEST_WRITER },);
    const waiting = await body<{ orders: number; value_cents: number; revenue_cents: number; as_of: string }>(
      getFreshnessRoute(getRequest(`/api/analytics/freshness?${QUERY}`)),
    );
    expect(waiting).toMatchObject({ orders: 1, value_cents: late.total_cents, revenue_cents: late.total_cents, as_of: newest });
    const unchanged = await body(getSummaryRoute(getRequest(`/api/analytics/summary?${QUERY}`)));
    expect(unchanged.revenue_cents).toBe(expected.current.revenue_cents);
  });
});
