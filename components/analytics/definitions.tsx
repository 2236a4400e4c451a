/** The rules behind every figure, stated once on the page (each is also on its widget's hover). */
export function Definitions() {
  return (
    <details className="group rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 shadow-sm" data-testid="definitions">
      <summary className="cursor-pointer select-none font-semibold text-slate-900">How these figures are computed</summary>
      <dl className="mt-3 grid gap-x-8 gap-y-3 md:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-900">Revenue and orders</dt>
          <dd>
            Sum of <code>total_cents</code> over current orders whose status is <em>paid</em> or <em>shipped</em> and whose
            order date falls in the range; orders counts those orders. Pending, and cancelled or refunded, value are shown
            separately and never count as revenue. Each order counts once, at its latest version; deleted orders do not count.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Average order value</dt>
          <dd>Revenue ÷ orders in whole cents, rounded half up (0.5 cent rounds up). All amounts are exact integer cents.</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Days and time zones</dt>
          <dd>
            Order dates are stored as instants (UTC). A day is midnight to midnight in the chosen time zone, daylight saving
            included: “Nov 3” in New York is 04:00–04:00 UTC or 05:00–05:00 UTC depending on the season. The end date is
            included. Charts group by the local hour, day, week (Monday first) or month.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Previous period</dt>
          <dd>The same number of days just before the range. “New” means the previous value was zero.</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Currency</dt>
          <dd>Figures are for one currency at a time: adding dollars to yen would mean nothing.</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Freshness and reconciliation</dt>
          <dd>
            “As of” is the newest change delivered to S3 that Athena reads. “Written but not yet queryable” compares the
            range’s recently written orders in DynamoDB (by_date index) with the versions Athena has; a delete still in
            flight is not counted.
          </dd>
        </div>
      </dl>
    </details>
  );
}
