import { describe, expect, it } from 'vitest';
import { configFields } from './config-form-model';

describe('PinSage config form model', () => {
  it('has one field per schema key with the defaults of the issue (output 256, T 10, batch 512, 500 negatives, margin 0.1)', () => {
    const f = Object.fromEntries(configFields().map((x) => [x.key, x]));
    expect(f.variant.kind).toBe('enum');
    expect(f.variant.options).toContain('content-only');
    expect(f.output.default).toBe(256);
    expect(f.hidden.default).toBe(256);
    expect(f.topT.default).toBe(10);
    expect(f.batchSize.default).toBe(512);
    expect(f.sharedNegatives.default).toBe(500);
    expect(f.margin.default).toBe(0.1);
    expect(f.layers.default).toBe(2);
    expect(f.idEmbedding.kind).toBe('boolean');
    expect(f.batchSize.kind).toBe('integer');
  });
});
