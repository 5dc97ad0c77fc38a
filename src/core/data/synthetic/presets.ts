/**
 * The bundled synthetic presets (datasets/synthetic/*.json), validated by the config schema at
 * import: a broken preset fails loudly instead of producing a different world.
 */
import small from '../../../../datasets/synthetic/small.json';
import medium from '../../../../datasets/synthetic/medium.json';
import large from '../../../../datasets/synthetic/large.json';
import { parseSyntheticConfig, type SyntheticConfig } from './config';

export type SyntheticPresetName = 'small' | 'medium' | 'large';

export const SYNTHETIC_PRESET_NAMES: readonly SyntheticPresetName[] = ['small', 'medium', 'large'];

export const SYNTHETIC_PRESETS: Readonly<Record<SyntheticPresetName, SyntheticConfig>> = Object.freeze({
  small: parseSyntheticConfig(small),
  medium: parseSyntheticConfig(medium),
  large: parseSyntheticConfig(large),
});

/** A preset with overrides applied (e.g. another seed), validated again. */
export function syntheticPreset(name: SyntheticPresetName, overrides: Partial<SyntheticConfig> = {}): SyntheticConfig {
  return parseSyntheticConfig({ ...SYNTHETIC_PRESETS[name], ...overrides });
}
