/** A small uPlot line chart (x = training step). */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function LineChart({ title, points, color, testId }: { title: string; points: [number, number][]; color: string; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!host.current) return;
    plot.current = new uPlot(
      {
        title,
        width: 460,
        height: 200,
        scales: { x: { time: false } },
        series: [{ label: 'step' }, { label: title, stroke: color, width: 1.5, points: { show: false } }],
        axes: [{}, { size: 56 }],
      },
      [[], []],
      host.current,
    );
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, [title, color]);
  useEffect(() => {
    plot.current?.setData([points.map((p) => p[0]), points.map((p) => p[1])]);
  }, [points]);
  return <div ref={host} data-testid={testId} data-points={points.length} />;
}
