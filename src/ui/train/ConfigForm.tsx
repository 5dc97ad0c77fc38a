/** The PinSage config form, generated from the config schema (config-form-model.ts). */
import { useMemo } from 'react';
import type { PinSageConfigInput } from '../../core/models/pinsage/config';
import { configFields } from './config-form-model';

export function ConfigForm({ value, onChange, disabled }: { value: PinSageConfigInput; onChange: (v: PinSageConfigInput) => void; disabled: boolean }) {
  const fields = useMemo(configFields, []);
  const v = value as Record<string, unknown>;
  const set = (key: string, x: unknown): void => onChange({ ...v, [key]: x } as PinSageConfigInput);
  return (
    <div className="pinsage-form" data-testid="pinsage-config-form">
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
