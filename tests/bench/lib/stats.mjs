// Summaries of repeated measurements: the table reports median, min and max (and p99 for lookups).

/** The q-quantile (0…1) of `values`, nearest-rank; null for no values. */
export function quantile(values, q) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** `{ n, median, min, max, p99 }` of the finite values (nulls when there are none). */
export function summary(values) {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return { n: 0, median: null, min: null, max: null, p99: null };
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: sorted.length, median, min: sorted[0], max: sorted.at(-1), p99: quantile(sorted, 0.99) };
}

/** ours ÷ baseline, or null when either is missing. */
export function ratio(ours, baseline) {
  return Number.isFinite(ours) && Number.isFinite(baseline) && baseline > 0 ? ours / baseline : null;
}
