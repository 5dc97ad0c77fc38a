/** The datasets the Data panel offers without any file from the user. */
import { SYNTHETIC_PRESETS, SYNTHETIC_PRESET_NAMES, type SyntheticPresetName } from '../../core/data/synthetic';
import { formatShort } from '../shell/format';

// A glob, not a plain import: the build does not fail while the bundled file is absent.
const retailUrls = import.meta.glob<string>('../../../datasets/online-retail/*.parquet', {
  query: '?url',
  import: 'default',
  eager: true,
});
/** URL (same origin) of the bundled UCI Online Retail Parquet file, or null when it is not bundled. */
export const ONLINE_RETAIL_URL: string | null = Object.values(retailUrls)[0] ?? null;
export const ONLINE_RETAIL_FILE = 'online_retail.parquet';

export type BundledSource =
  | { kind: 'retail'; id: 'online-retail'; datasetName: string; title: string; description: string; meta: string; available: boolean; unavailableReason?: string; url: string | null }
  | { kind: 'synthetic'; id: `synthetic-${SyntheticPresetName}`; preset: SyntheticPresetName; datasetName: string; title: string; description: string; meta: string; available: true };

export const BUNDLED_SOURCES: readonly BundledSource[] = [
  {
    kind: 'retail',
    id: 'online-retail',
    datasetName: 'online-retail',
    title: 'UCI Online Retail',
    description: 'Real invoices of a UK gift-ware retailer, 2010–2011: purchases and cancellations.',
    meta: '541,909 lines · 4,070 items · 4,372 customers · CC BY 4.0',
    available: ONLINE_RETAIL_URL !== null,
    unavailableReason: 'The Online Retail file is not bundled in this build (datasets/online-retail/online_retail.parquet).',
    url: ONLINE_RETAIL_URL,
  },
  ...SYNTHETIC_PRESET_NAMES.map((preset): BundledSource => {
    const c = SYNTHETIC_PRESETS[preset];
    return {
      kind: 'synthetic',
      id: `synthetic-${preset}`,
      preset,
      datasetName: c.name,
      title: `Synthetic ${preset}`,
      description: 'Views, clicks, carts and purchases with devices, sessions and planted ground truth.',
      meta: `${formatShort(c.events)} events · ${formatShort(c.items)} items · ${formatShort(c.shoppers)} shoppers · seed ${c.seed}`,
      available: true,
    };
  }),
];
