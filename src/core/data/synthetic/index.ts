/** Public API of the seeded synthetic multi-event world. */
export {
  generateSynthetic,
  generateSyntheticSync,
  SYNTHETIC_GENERATOR_VERSION,
  type GenerateOptions,
  type SyntheticResult,
} from './generate';
export {
  syntheticConfigSchema,
  parseSyntheticConfig,
  type SyntheticConfig,
  type SyntheticConfigInput,
} from './config';
export {
  SYNTHETIC_PRESETS,
  SYNTHETIC_PRESET_NAMES,
  syntheticPreset,
  type SyntheticPresetName,
} from './presets';
export {
  MAX_INTERESTS,
  complementPartners,
  interestsAt,
  interestCategoriesAt,
  type SyntheticTruth,
  type ComplementTruth,
} from './truth';
export type { ShopperTruth } from './shoppers';
export { titleWords } from './vocabulary';
export { eventTableChecksum } from './checksum';
