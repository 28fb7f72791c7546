// A metric whose values are read from PostgreSQL when Prometheus scrapes. Business counters
// (cases opened, closed by outcome, step and task durations) must be right across processes:
// the worker that closes a case may not be the process being scraped, so counting in memory
// would only show a part. The database holds every case, so the counts come from there.
//
// prom-client's registry reads a metric through its `get()` (duck-typed); this class gives it
// one whose values come from a shared, briefly cached snapshot, so one scrape runs the
// queries once however many metrics it reads.
import type { Metric, Registry } from 'prom-client';

export type SnapshotValue = { value: number; labels?: Record<string, string | number>; metricName?: string };

export class SnapshotMetric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
    private readonly read: () => Promise<SnapshotValue[]>,
  ) {}

  readonly aggregator = 'sum' as const;

  async get() {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: await this.read() };
  }

  register(registry: Registry): this {
    // The registry only ever calls get(), name and type on a metric (see the note above).
    registry.registerMetric(this as unknown as Metric);
    return this;
  }
}

/** Histogram series (_bucket, _sum, _count) from cumulative bucket counts computed in SQL. */
export function histogramValues(name: string, bounds: number[], rows: Array<{ labels: Record<string, string>; buckets: number[]; sum: number; count: number }>): SnapshotValue[] {
  const out: SnapshotValue[] = [];
  for (const r of rows) {
    bounds.forEach((le, i) => out.push({ metricName: `${name}_bucket`, labels: { ...r.labels, le }, value: r.buckets[i] ?? 0 }));
    out.push({ metricName: `${name}_bucket`, labels: { ...r.labels, le: '+Inf' }, value: r.count });
    out.push({ metricName: `${name}_sum`, labels: r.labels, value: r.sum });
    out.push({ metricName: `${name}_count`, labels: r.labels, value: r.count });
  }
  return out;
}
