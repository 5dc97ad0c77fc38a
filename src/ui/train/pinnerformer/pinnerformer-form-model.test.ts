import { describe, expect, it } from 'vitest';
import { ACTION_FEATURE_GROUPS, PINNERFORMER_OBJECTIVES, parsePinnerFormerConfig } from '../../../core/models/pinnerformer/config';
import { pinnerFormerFields } from './pinnerformer-form-model';

describe('PinnerFormer form fields', () => {
  const fields = pinnerFormerFields();
  const byKey = new Map(fields.map((f) => [f.key, f]));
  it('has one field per schema key with its kind, bounds and default', () => {
    const defaults = parsePinnerFormerConfig({});
    expect(fields.map((f) => f.key).sort()).toEqual(Object.keys(defaults).sort());
    expect(byKey.get('objective')).toMatchObject({ kind: 'enum', options: [...PINNERFORMER_OBJECTIVES], default: 'dense-all-action' });
    expect(byKey.get('historyLength')).toMatchObject({ kind: 'integer', min: 2, max: 256, default: 64 });
    expect(byKey.get('logQ')).toMatchObject({ kind: 'boolean', default: true });
    expect(byKey.get('dropFeatures')).toMatchObject({ kind: 'multi', options: [...ACTION_FEATURE_GROUPS] });
    expect(byKey.get('learningRate')?.kind).toBe('number');
    // every field's default is what the parser fills in
    for (const f of fields) if (f.default !== undefined) expect(defaults[f.key as keyof typeof defaults]).toEqual(f.default);
  });
});
