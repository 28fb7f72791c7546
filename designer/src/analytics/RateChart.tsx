// Shares as bars with their 95% interval as whiskers (recharts, as the dashboard draws), one
// bar per step or channel; a share of fewer than 30 cases is drawn grey, like on the map.
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Rate } from './api.ts';
import { effectColour, percent } from './RateText.tsx';

export type RateBar = { label: string; rate: Rate };

export function RateChart({ bars, title, testId }: { bars: RateBar[]; title: string; testId: string }) {
  const data = bars
    .filter((b) => b.rate.rate !== null)
    .map((b) => {
      const r = b.rate;
      const value = (r.rate ?? 0) * 100;
      return { label: b.label, value, err: [value - (r.low ?? 0) * 100, (r.high ?? 0) * 100 - value], fill: effectColour(r), text: `${percent(r.rate)} (${percent(r.low)}–${percent(r.high)}), n=${r.n}` };
    });
  return (
    <figure className="ops-card ops-chart" aria-label={title} data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <ResponsiveContainer width="100%" height={Math.max(120, 34 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as { text: string }).text, title]} />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.fill} />
            ))}
            <ErrorBar dataKey="err" width={6} stroke="#1f2933" isAnimationActive={false} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
