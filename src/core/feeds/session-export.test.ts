// The Feeds panel's export: a session's lookup tables and feeds are the rows the batch pipeline's
// pfeed stage exports for the same embeddings, target set and time (lookup table with the same
// cut-off, every shopper's feed), and the counts it reports are what the Parquet and JSONL files hold.
import { parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasmOrCpu } from '../compute/node-test-backend';
import { generateSyntheticSync, syntheticPreset } from '../data/synthetic';
import { buildArtifacts } from '../export/build';
import { feedsExport, lookupTableExports } from '../pipeline/pfeed-export';
import { buildLookupTable } from '../retrieval/lookup-table';
import { composeAll, composerFor } from './composer';
import { parseFeedConfig } from './config';
import { ShopperEvents } from './history';
import { FeedSession } from './session';
import { sessionPfeedExport } from './session-export';
import { standInRoleEmbeddings } from './standin-embeddings';
import { selectTargetSet } from './target-sets';

const ab = (b: Uint8Array): ArrayBuffer => b.slice().buffer;
const lines = (b: Uint8Array): string[] => {
  const t = new TextDecoder().decode(b);
  expect(t.endsWith('\n')).toBe(true);
  return t.slice(0, -1).split('\n');
};

beforeAll(async () => {
  await useWasmOrCpu();
});

describe('sessionPfeedExport', () => {
  const ds = generateSyntheticSync(syntheticPreset('small', { events: 6_000, items: 200, shoppers: 150 })).dataset;

  it('gives the pipeline pfeed stage rows, and the files hold the counted rows', async () => {
    const at = ds.events.timestamp[ds.events.length - 1] + 1;
    const emb = standInRoleEmbeddings(ds, { before: at });
    const s = await FeedSession.create(ds, { embeddings: emb, rule: { kind: 'promo' } });
    const ex = sessionPfeedExport(s);
    expect(ex.targetSet).toBe('promo');
    expect(ex.lookupTables.map((t) => t.role)).toEqual(['view-query', 'buy-query']);

    // the pipeline's way (src/core/pipeline/stages/pfeed.ts), same embeddings, set and cut-off
    const table = await buildLookupTable(ds, emb, selectTargetSet(ds, { kind: 'promo' }), { k: 10, cutoff: at, targetSetName: 'promo' });
    const cfg = parseFeedConfig({});
    const events = new ShopperEvents(ds, at);
    const feeds = composeAll(composerFor(table, ds, cfg, at, cfg.mmrLambda < 1 ? { data: emb.target, dim: emb.dim } : null), events, at, events.shoppers());
    expect(ex.lookupTables).toEqual(lookupTableExports(table, ds.items.ids));
    expect(ex.feeds).toEqual(feedsExport(feeds, ds, 'promo', at));

    const sum = s.summary();
    expect(ex.counts.feeds.shoppers).toBe(sum.shoppers - sum.emptyFeeds);
    expect(ex.counts.lookup[0].queries).toBeLessThanOrEqual(sum.viewQueries);
    expect(ex.counts.lookup[1].queries).toBeLessThanOrEqual(sum.buyQueries);
    expect(ex.counts.feeds.rows).toBeGreaterThan(ex.counts.feeds.shoppers);

    const files = await buildArtifacts({
      dataset: { name: ds.name, hash: 'sha256:0', events: ds.events.length, items: ds.items.length, shoppers: ds.shoppers.length },
      lookupTables: ex.lookupTables,
      feeds: ex.feeds,
      manifest: { runName: 't', createdAt: new Date(0).toISOString(), config: {}, seed: 0, backend: 'cpu', libraries: {}, stages: [] },
    });
    const get = (p: string): Uint8Array => {
      const f = files.find((x) => x.path === p);
      if (!f) throw new Error(`no ${p}`);
      return f.bytes;
    };
    for (const c of ex.counts.lookup) {
      const rows = await parquetReadObjects({ file: ab(get(`pfeed/lookup-${c.role}.parquet`)) });
      expect(rows.length).toBe(c.rows);
      expect(rows.every((r) => r.role === c.role)).toBe(true);
      const l = lines(get(`pfeed/lookup-${c.role}.jsonl`)).map((x) => JSON.parse(x) as { target_ids: string[] });
      expect(l.length).toBe(c.queries);
      expect(l.reduce((a, x) => a + x.target_ids.length, 0)).toBe(c.rows);
    }
    const fr = await parquetReadObjects({ file: ab(get('pfeed/feeds.parquet')) });
    expect(fr.length).toBe(ex.counts.feeds.rows);
    expect(lines(get('pfeed/feeds.jsonl')).length).toBe(ex.counts.feeds.shoppers);
  });
});
