import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DispatchActivity } from '../../../main/api/contract';
import { useCall } from '../api/use-call';
import { ErrorBanner } from '../components/form';

const WIDTH = 300;
const HEIGHT = 120;
const SECONDS: Record<DispatchActivity['bucket'], number> = { hour: 3600, day: 86_400, week: 7 * 86_400 };

function options(bucket: DispatchActivity['bucket']): uPlot.Options {
  const half = SECONDS[bucket] / 2;
  return {
    // The caption gives the totals; a legend of hover values would crowd a card.
    width: WIDTH, height: HEIGHT, legend: { show: false }, cursor: { y: false },
    scales: {
      // From the data, half a bucket each side: for a single point uPlot's own min/max span 1000 days.
      x: { time: true, range: (u) => [(u.data[0][0] ?? 0) - half, (u.data[0].at(-1) ?? 0) + half] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
    },
    axes: [{}, { size: 30, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }],
    series: [
      { label: bucket },
      { label: 'Opens', stroke: '#2f6fdd', fill: 'rgba(47, 111, 221, 0.35)', paths: uPlot.paths.bars!({ size: [0.8, 24] }), points: { show: false } },
      { label: 'Clicks', stroke: '#d9822b', width: 2, points: { show: true, size: 5 } },
    ],
  };
}

/** People's opens and clicks of one dispatch over time (the core buckets them by hour, day or week). */
export function DispatchChart({ id, version }: { id: number; version: string }) {
  const activity = useCall('dispatches.activity', { id });
  const box = useRef<HTMLDivElement>(null);
  const { reload } = activity;
  const shown = useRef(version);
  useEffect(() => {
    if (shown.current === version) return;
    shown.current = version;
    reload();
  }, [version, reload]);
  const a = activity.data;
  useEffect(() => {
    if (!a?.points.length || !box.current) return;
    // Each bar stands over the middle of its hour, day or week, not on its start.
    const data: uPlot.AlignedData = [a.points.map((p) => p.at / 1000 + SECONDS[a.bucket] / 2), a.points.map((p) => p.opens), a.points.map((p) => p.clicks)];
    const plot = new uPlot(options(a.bucket), data, box.current);
    return () => plot.destroy();
  }, [a]);
  if (activity.error) return <ErrorBanner error={activity.error} />;
  if (!a) return null;
  const opens = a.points.reduce((n, p) => n + p.opens, 0);
  const clicks = a.points.reduce((n, p) => n + p.clicks, 0);
  return (
    <figure className="dispatch-chart" aria-label="Opens and clicks over time">
      {a.points.length > 0 && <div ref={box} />}
      <figcaption className="muted small">
        {a.points.length === 0 ? 'No opens or clicks by people yet.' : `${opens} open${opens === 1 ? '' : 's'} and ${clicks} click${clicks === 1 ? '' : 's'} by people, per ${a.bucket}`}
      </figcaption>
    </figure>
  );
}
