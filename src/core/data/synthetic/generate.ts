/**
 * Entry point of the seeded synthetic multi-event world:
 * `generateSynthetic(config, opts) → { dataset, truth }` (async: yields between chunks so a
 * worker can see an abort) and `generateSyntheticSync` (same output, no yielding).
 * Same config (seed included) → byte-identical tables.
 */
import { Rng } from '../../rng';
import { permuteEvents } from '../event-builder';
import type { Dataset, ProgressFn } from '../types';
import { buildCatalogue, type Catalogue } from './catalogue';
import { parseSyntheticConfig, type SyntheticConfig, type SyntheticConfigInput } from './config';
import { SessionSimulator } from './sessions';
import { buildShoppers, type Shoppers } from './shoppers';
import { orderByTime } from './sort-by-time';
import type { SyntheticTruth } from './truth';

export const SYNTHETIC_GENERATOR_VERSION = 'kloa-synthetic/2';
const DAY_MS = 86_400_000;

export interface GenerateOptions {
  /** Called with (events done, target events, note) between chunks. */
  progress?: ProgressFn;
  signal?: AbortSignal;
  /** Events per chunk between progress calls / yields (default 250,000). */
  chunk?: number;
  /** Extra provenance written into dataset.meta (e.g. { preset: 'small' }). */
  meta?: Record<string, string | number | boolean>;
}

export interface SyntheticResult {
  dataset: Dataset;
  truth: SyntheticTruth;
}

interface World {
  config: SyntheticConfig;
  startMs: number;
  endMs: number;
  catalogue: Catalogue;
  shoppers: Shoppers;
  sim: SessionSimulator;
}

function setup(input: SyntheticConfig | SyntheticConfigInput): World {
  const config = parseSyntheticConfig(input);
  const startMs = Date.parse(config.start);
  const endMs = startMs + Math.round(config.spanDays * DAY_MS);
  const root = new Rng(config.seed);
  const catalogue = buildCatalogue(config, root.fork('catalogue'), startMs, endMs);
  const shoppers = buildShoppers(config, catalogue, root.fork('shoppers'), startMs, endMs);
  const sim = new SessionSimulator(config, catalogue, shoppers, root.fork('sessions'), startMs, endMs);
  return { config, startMs, endMs, catalogue, shoppers, sim };
}

function finish(w: World, opts: GenerateOptions): SyntheticResult {
  const { config, catalogue: cat, shoppers: sh, sim } = w;
  opts.progress?.(Math.min(sim.n, config.events), config.events, 'sorting by time');
  const raw = sim.table();
  const events = permuteEvents(raw, orderByTime(raw.timestamp));
  // built by push: new Array(n) of ≥ 100k entries would be a slow dictionary-mode array
  const shopperIds: string[] = [];
  for (let s = 0; s < sh.count; s++) shopperIds.push('s' + s);
  const baskets: string[] = [];
  for (let b = 0; b < sim.sessions; b++) baskets.push('b' + b);
  const dataset: Dataset = {
    name: config.name,
    events,
    items: cat.items,
    shoppers: shopperIds,
    baskets,
    fields: {
      device: true,
      duration: true,
      basket: true,
      value: true,
      title: true,
      category: true,
      brand: true,
      price: true,
      realTime: true,
    },
    meta: {
      source: 'synthetic',
      generator: SYNTHETIC_GENERATOR_VERSION,
      seed: config.seed,
      config: JSON.stringify(config),
      spanStart: new Date(w.startMs).toISOString(),
      spanEnd: new Date(w.endMs).toISOString(),
      targetEvents: config.events,
      sessions: sim.sessions,
      licence: 'generated (no licence restrictions)',
      ...opts.meta,
    },
  };
  const truth: SyntheticTruth = {
    seed: config.seed,
    config,
    spanStart: w.startMs,
    spanEnd: w.endMs,
    clusterCount: cat.clusterCount,
    itemCluster: cat.itemCluster,
    clusterCategory: cat.clusterCategory,
    itemPopularity: cat.itemWeight,
    complements: {
      anchors: cat.anchors,
      offsets: cat.partnerOffsets,
      partners: cat.partners,
      anchorIndex: cat.anchorIndex,
      categoryComplements: cat.categoryComplements,
    },
    shoppers: {
      interestCount: sh.interestCount,
      interestsStart: sh.interestsStart,
      interestsEnd: sh.interestsEnd,
      interestWeights: sh.interestWeights,
      driftTime: sh.driftTime,
      preferredDevice: sh.preferredDevice,
      activity: sh.activity,
    },
    sessions: sim.sessions,
  };
  opts.progress?.(config.events, config.events, 'done');
  return { dataset, truth };
}

/** Generates the world without yielding (for workers that own their thread, tests and scripts). */
export function generateSyntheticSync(
  config: SyntheticConfig | SyntheticConfigInput,
  opts: GenerateOptions = {},
): SyntheticResult {
  opts.signal?.throwIfAborted();
  const w = setup(config);
  const chunk = Math.max(1000, opts.chunk ?? 250_000);
  while (w.sim.n < w.config.events) {
    w.sim.run(w.sim.n + chunk);
    opts.signal?.throwIfAborted();
    opts.progress?.(Math.min(w.sim.n, w.config.events), w.config.events, 'simulating sessions');
  }
  return finish(w, opts);
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Generates the world, yielding to the event loop between chunks (abort with `opts.signal`). */
export async function generateSynthetic(
  config: SyntheticConfig | SyntheticConfigInput,
  opts: GenerateOptions = {},
): Promise<SyntheticResult> {
  opts.signal?.throwIfAborted();
  const w = setup(config);
  const chunk = Math.max(1000, opts.chunk ?? 250_000);
  while (w.sim.n < w.config.events) {
    w.sim.run(w.sim.n + chunk);
    opts.progress?.(Math.min(w.sim.n, w.config.events), w.config.events, 'simulating sessions');
    await yieldToLoop();
    opts.signal?.throwIfAborted();
  }
  return finish(w, opts);
}
