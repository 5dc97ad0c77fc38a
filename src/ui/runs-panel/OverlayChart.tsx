/** Several runs' curves overlaid on one uPlot chart (x = training step), one coloured series per run. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignCurves } from '../../core/run-records/curves';
import type { CurvePoints } from '../../core/run-records/types';

export const RUN_COLORS = ['#c0392b', '#2471a3', '#229954', '#8e44ad', '#d68910', '#17a589', '#566573', '#cb4335'];

export interface OverlaySeries {
  label: string;
  points: CurvePoints;
}

export function OverlayChart({ title, series, testId }: { title: string; series: OverlaySeries[]; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const labels = series.map((s) => s.label).join('\u0000');
  useEffect(() => {
    if (!host.current) return;
    const plot = new uPlot(
      {
        title,
        width: 520,
        height: 240,
        scales: { x: { time: false } },
        series: [
          { label: 'step' },
          // short curves (a few logged steps) show their points, or a one-point curve would be invisible
          ...series.map((s, i) => ({ label: s.label, stroke: RUN_COLORS[i % RUN_COLORS.length], width: 1.5, spanGaps: true, points: { show: s.points.length <= 30, size: 5 } })),
        ],
        axes: [{}, { size: 56 }],
      },
      alignCurves(series.map((s) => s.points)) as uPlot.AlignedData,
      host.current,
    );
    return () => plot.destroy();
    // series identity changes on every store update: redraw when the labels or point counts change
  }, [title, labels, JSON.stringify(series.map((s) => s.points.length))]);
  const drawn = series.filter((s) => s.points.length > 0).length;
  return <div ref={host} className="runs-chart" data-testid={testId} data-series={drawn} />;
}
