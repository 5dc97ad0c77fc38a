/** The PinnerFormer config form, generated from the config schema (pinnerformer-form-model.ts). */
import { useMemo } from 'react';
import type { PinnerFormerConfigInput } from '../../../core/models/pinnerformer/config';
import { pinnerFormerFields } from './pinnerformer-form-model';

export function PinnerFormerConfigForm({ value, onChange, disabled }: { value: PinnerFormerConfigInput; onChange: (v: PinnerFormerConfigInput) => void; disabled: boolean }) {
  const fields = useMemo(pinnerFormerFields, []);
  const v = value as Record<string, unknown>;
  const set = (key: string, x: unknown): void => onChange({ ...v, [key]: x } as PinnerFormerConfigInput);
  return (
    <div className="pinsage-form" data-testid="pinnerformer-config-form">
      {fields.map((f) => (
        <label key={f.key} className="field" title={f.key}>
          <span className="field__label">{f.label}</span>
          {f.kind === 'enum' ? (
            <select className="input" disabled={disabled} value={String(v[f.key] ?? f.default)} onChange={(e) => set(f.key, e.target.value)} data-field={f.key}>
              {f.options?.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : f.kind === 'multi' ? (
            <span className="pf-multi" data-field={f.key}>
              {f.options?.map((o) => {
                const cur = (v[f.key] as string[] | undefined) ?? (f.default as string[] | undefined) ?? [];
                return (
                  <label key={o} className="pf-multi__opt">
                    <input
                      type="checkbox"
                      disabled={disabled}
                      checked={cur.includes(o)}
                      onChange={(e) => set(f.key, e.target.checked ? [...cur, o] : cur.filter((x) => x !== o))}
                      data-option={o}
                    />{' '}
                    {o}
                  </label>
                );
              })}
            </span>
          ) : f.kind === 'boolean' ? (
            <input type="checkbox" disabled={disabled} checked={Boolean(v[f.key] ?? f.default)} onChange={(e) => set(f.key, e.target.checked)} data-field={f.key} />
          ) : (
            <input
              className="input"
              type="number"
              disabled={disabled}
              min={f.min}
              max={f.max}
              step={f.kind === 'integer' ? 1 : 'any'}
              value={String(v[f.key] ?? f.default)}
              onChange={(e) => set(f.key, e.target.value === '' ? undefined : Number(e.target.value))}
              data-field={f.key}
            />
          )}
        </label>
      ))}
    </div>
  );
}
