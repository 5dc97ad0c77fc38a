/** Controls of the walks: N, L, α, T and seed re-run the selected item's walks live; train-period switch. */
import { useEffect, useState } from 'react';
import { TOP_T_CHOICES, WALK_PARAM_RANGES } from '../../core/graph/params';
import { useGraphStore } from '../../state/graph-store';
import { setParams, setTrainOnly } from './graph-actions';

/** A number field that commits valid values after a short pause (so typing does not start a walk per key). */
function NumberField({ label, hint, value, min, max, step, onCommit, testId }: {
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onCommit: (v: number) => void;
  testId: string;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  useEffect(() => {
    const v = Number(text);
    if (text === String(value) || !Number.isFinite(v) || v < min || v > max) return;
    const t = setTimeout(() => onCommit(v), 250);
    return () => clearTimeout(t);
  }, [text, value, min, max, onCommit]);
  const bad = !(Number(text) >= min && Number(text) <= max);
  return (
    <label className="field graph-field">
      <span className="field__label">{label}</span>
      <input
        className={'input' + (bad ? ' is-bad' : '')}
        type="number"
        min={min}
        max={max}
        step={step}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid={testId}
        aria-invalid={bad}
      />
      <span className="field__hint">{hint}</span>
    </label>
  );
}

export function WalkControls() {
  const params = useGraphStore((s) => s.params);
  const trainOnly = useGraphStore((s) => s.trainOnly);
  const R = WALK_PARAM_RANGES;
  return (
    <div className="graph-controls" data-testid="walk-controls">
      <NumberField label="Walks N" hint="per item" value={params.walks} {...R.walks} onCommit={(walks) => setParams({ walks })} testId="param-walks" />
      <NumberField label="Length L" hint="steps per walk" value={params.length} {...R.length} onCommit={(length) => setParams({ length })} testId="param-length" />
      <NumberField label="Restart α" hint="per step" value={params.alpha} {...R.alpha} onCommit={(alpha) => setParams({ alpha })} testId="param-alpha" />
      <label className="field graph-field">
        <span className="field__label">Top T</span>
        <select className="select" value={params.topT} onChange={(e) => setParams({ topT: Number(e.target.value) })} data-testid="param-topt">
          {TOP_T_CHOICES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <span className="field__hint">neighbours</span>
      </label>
      <NumberField label="Seed" hint="same seed, same walks" value={params.seed} min={0} max={2 ** 31 - 1} step={1} onCommit={(seed) => setParams({ seed })} testId="param-seed" />
      <label className="field graph-field graph-field--check">
        <span className="field__label">Graph events</span>
        <span>
          <input type="checkbox" checked={trainOnly} onChange={(e) => setTrainOnly(e.target.checked)} data-testid="train-only" /> P1 train period only
        </span>
        <span className="field__hint">before t_test (last 10% of time held out)</span>
      </label>
    </div>
  );
}
