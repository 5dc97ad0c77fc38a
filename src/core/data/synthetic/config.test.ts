import { describe, expect, it } from 'vitest';
import { parseSyntheticConfig, syntheticConfigSchema } from './config';
import { SYNTHETIC_PRESETS, SYNTHETIC_PRESET_NAMES, syntheticPreset } from './presets';

describe('synthetic config schema', () => {
  it('fills every default from an empty object', () => {
    const c = parseSyntheticConfig({});
    expect(c.events).toBe(50_000);
    expect(c.spanDays).toBe(90);
    expect(c.funnel.checkout).toBeGreaterThan(0);
    expect(c.session.hourly).toHaveLength(24);
    expect(c.device.mix).toHaveLength(3);
    expect(c.complement.partnersMax).toBeGreaterThanOrEqual(c.complement.partnersMin);
  });

  it.each([
    [{ events: 999 }, 'events'],
    [{ events: 5_000_001 }, 'events'],
    [{ events: 1500.5 }, 'events'],
    [{ funnel: { click: 1.5 } }, 'funnel'],
    [{ start: 'yesterday' }, 'start'],
    [{ items: 30, categories: 20 }, 'items'],
    [{ shopper: { interestsMin: 3, interestsMax: 2 } }, 'interestsMin'],
    [{ categories: 2, complement: { categoriesPerCategory: 2 } }, 'categoriesPerCategory'],
    [{ session: { hourly: [1, 2, 3] } }, 'hourly'],
  ])('rejects %j', (input, hint) => {
    const r = syntheticConfigSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(hint);
  });

  it('presets are valid and have the documented sizes', () => {
    expect(SYNTHETIC_PRESET_NAMES).toEqual(['small', 'medium', 'large']);
    expect(SYNTHETIC_PRESETS.small).toMatchObject({ events: 50_000, items: 2000, shoppers: 1000, name: 'synthetic-small' });
    expect(SYNTHETIC_PRESETS.medium.events).toBe(1_000_000);
    expect(SYNTHETIC_PRESETS.large.events).toBe(5_000_000);
    expect(syntheticPreset('small', { seed: 9 }).seed).toBe(9);
    expect(() => syntheticPreset('small', { events: 10 })).toThrow();
  });
});
