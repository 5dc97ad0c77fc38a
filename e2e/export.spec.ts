import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parquetReadObjects } from 'hyparquet';
import { parseNpyHeader } from '../src/core/export/npy';
import { readWeights } from '../src/core/export/weights';
import { recordForeignRequests, startFeedsSimo } from './helpers';

// The Export panel: real artifact downloads from the UI, checked with the project's readers.

async function download(page: Page, path: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-download-${path}`).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync(file)) };
}
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

test('dataset only: manifest.json with the content hash, under a sanitised run name', async ({ page, context, baseURL }) => {
  const foreign = recordForeignRequests(context, new URL(baseURL ?? '').origin);
  await page.goto('/?dataset=synthetic-small#export');
  await expect(page.getByTestId('export-run')).toBeVisible({ timeout: 120_000 });
  // no feeds composed yet: the panel says where the Pfeed files come from
  await expect(page.getByTestId('export-pfeed-none')).toContainText('train SIMO and compose feeds in the Feeds panel first');
  await page.getByTestId('export-run-name').fill('../CON<evil>\u0000 run');
  await expect(page.getByTestId('export-safe-name')).toHaveText('CON_evil_run');
  await page.getByTestId('export-build').click();
  await expect(page.getByTestId('export-files')).toBeVisible({ timeout: 60_000 });
  const m = await download(page, 'manifest.json');
  expect(m.name).toBe('CON_evil_run__manifest.json');
  const manifest = JSON.parse(text(m.bytes)) as { format: string; run: string; dataset: { name: string; hash: string; items: number; events: number }; artifacts: unknown[] };
  expect(manifest.format).toBe('kloa-run-manifest');
  expect(manifest.run).toBe('../CON<evil>\u0000 run');
  expect(manifest.dataset.name).toBe('synthetic-small');
  expect(manifest.dataset.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(manifest.dataset.items).toBeGreaterThan(0);
  expect(manifest.artifacts).toEqual([]);
  expect(foreign).toEqual([]);
});

test('trained PinSage run: .npy, Parquet, ES bulk, projector and weights downloads read back', async ({ page }) => {
  test.setTimeout(360_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?dataset=synthetic-small#train');
  await expect(page.getByTestId('pinsage-config-form')).toBeVisible({ timeout: 120_000 });
  const set = (k: string, v: number) => page.locator(`[data-field="${k}"]`).fill(String(v));
  await set('hidden', 32);
  await set('output', 24);
  await set('epochs', 1);
  await set('maxStepsPerEpoch', 4);
  await set('batchSize', 128);
  await set('validateEvery', 100);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 240_000 });

  await page.evaluate(() => (location.hash = '#export'));
  await expect(page.getByTestId('panel-export')).toBeVisible();
  const runSelect = page.getByTestId('export-run');
  await runSelect.selectOption({ index: 1 });
  await page.getByTestId('export-load-embeddings').click();
  await expect(page.getByTestId('export-embeddings')).toContainText('× 24', { timeout: 120_000 });
  await page.getByTestId('export-build').click();
  await expect(page.getByTestId('export-files')).toBeVisible({ timeout: 60_000 });

  const items = Number((JSON.parse(text((await download(page, 'manifest.json')).bytes)) as { dataset: { items: number } }).dataset.items);
  const npy = await download(page, 'embeddings/items.npy');
  expect(npy.name).toBe('synthetic-small-pinsage-importance-pooling__embeddings__items.npy');
  const h = parseNpyHeader(npy.bytes);
  expect(h.descr).toBe('<f4');
  expect(h.shape).toEqual([items, 24]);
  expect(npy.bytes.length).toBe(h.dataOffset + items * 24 * 4);

  const pq = await download(page, 'embeddings/items.parquet');
  const rows = await parquetReadObjects({ file: pq.bytes.slice().buffer });
  expect(rows.length).toBe(items);
  expect((rows[0].vector as number[]).length).toBe(24);

  const bulk = text((await download(page, 'search/items.es-bulk.ndjson')).bytes);
  expect(bulk.endsWith('\n')).toBe(true);
  const lines = bulk.slice(0, -1).split('\n');
  expect(lines.length).toBe(2 * items);
  for (const l of lines) JSON.parse(l);
  const mapping = JSON.parse(text((await download(page, 'search/items.es-index.json')).bytes)) as { mappings: { properties: { embedding: { dims: number } } } };
  expect(mapping.mappings.properties.embedding.dims).toBe(24);

  const tensors = text((await download(page, 'projector/items.tensors.tsv')).bytes);
  expect(tensors.split('\n').length - 1).toBe(items);
  const meta = text((await download(page, 'projector/items.metadata.tsv')).bytes);
  expect(meta.split('\n').length - 1).toBe(items + 1);

  const wj = await download(page, 'models/pinsage/weights.json');
  const wb = await download(page, 'models/pinsage/weights.bin');
  const w = readWeights(wj.bytes, wb.bytes);
  expect(w.model).toBe('pinsage');
  expect(w.tensors.find((t) => t.name === 'G2')?.shape).toEqual([32, 24]);

  const metrics = JSON.parse(text((await download(page, 'metrics.json')).bytes)) as { results: { model: string }[] };
  expect(metrics.results.map((r) => r.model)).toContain('pinsage');
  expect(errors).toEqual([]);
});

test('PinnerFormer run: shopper embeddings (.npy, Parquet) and the KV snapshot download and read back', async ({ page }) => {
  test.setTimeout(360_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?dataset=synthetic-small#train');
  await expect(page.getByTestId('train-model')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('train-model').selectOption('pinnerformer');
  await expect(page.getByTestId('pinnerformer-config-form')).toBeVisible();
  const set = (k: string, v: number) => page.locator(`[data-field="${k}"]`).fill(String(v));
  await set('historyLength', 16);
  await set('hidden', 32);
  await set('heads', 4);
  await set('ffn', 64);
  await set('epochs', 1);
  await set('maxStepsPerEpoch', 4);
  await set('batchSize', 32);
  await set('randomNegatives', 64);
  await set('validationShoppers', 100);
  const item = (k: string, v: number) => page.locator(`[data-pinsage-field="${k}"]`).fill(String(v));
  await item('epochs', 1);
  await item('maxStepsPerEpoch', 3);
  await item('hidden', 32);
  await item('output', 32);
  await page.getByTestId('pf-start').click();
  await expect(page.getByTestId('pf-result')).toBeVisible({ timeout: 240_000 });

  await page.evaluate(() => (location.hash = '#export'));
  await page.getByTestId('export-shopper-run').selectOption({ index: 1 });
  await page.getByTestId('export-load-shoppers').click();
  await expect(page.getByTestId('export-shoppers')).toContainText(/shopper embeddings [0-9,]+ × [0-9]+ as of/, { timeout: 120_000 });
  await page.getByTestId('export-build').click();
  await expect(page.getByTestId('export-files')).toBeVisible({ timeout: 60_000 });

  const manifest = JSON.parse(text((await download(page, 'manifest.json')).bytes)) as { dataset: { shoppers: number; items: number }; artifacts: { path: string }[] };
  const paths = manifest.artifacts.map((a) => a.path);
  expect(paths).toEqual(expect.arrayContaining(['embeddings/shoppers.npy', 'embeddings/shoppers.parquet', 'snapshot/shoppers.kv.jsonl', 'snapshot/snapshot.json', 'projector/shoppers.tensors.tsv', 'metrics.json']));
  const npy = parseNpyHeader((await download(page, 'embeddings/shoppers.npy')).bytes);
  const n = npy.shape[0];
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(manifest.dataset.shoppers);
  const kv = text((await download(page, 'snapshot/shoppers.kv.jsonl')).bytes);
  expect(kv.endsWith('\n')).toBe(true);
  const rows = kv.slice(0, -1).split('\n').map((l) => JSON.parse(l) as { id: string; vector: number[] });
  expect(rows.length).toBe(n);
  expect(rows.every((r) => r.vector.length === npy.shape[1])).toBe(true);
  const pq = await parquetReadObjects({ file: (await download(page, 'embeddings/shoppers.parquet')).bytes.slice().buffer });
  expect(pq.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  const shopperMeta = text((await download(page, 'projector/shoppers.metadata.tsv')).bytes);
  expect(shopperMeta.split('\n').length - 1).toBe(n);
  // the PinnerFormer weights with the input item table they were trained on (restorePinnerFormer loads them back)
  expect(paths).toEqual(expect.arrayContaining(['models/pinnerformer/weights.json', 'models/pinnerformer/weights.bin']));
  const pw = readWeights((await download(page, 'models/pinnerformer/weights.json')).bytes, (await download(page, 'models/pinnerformer/weights.bin')).bytes);
  expect(pw.model).toBe('pinnerformer');
  expect(pw.tensors.find((t) => t.name === 'itemTable')?.shape).toEqual([manifest.dataset.items, 32]);
  expect(pw.tensors.length).toBeGreaterThan(5);

  // after a reload the worker holds no model: the Runs panel's Artifacts restores this run's best
  // weights from its checkpoint (item embeddings recomputed) and exports the same shopper vectors
  const before = (await download(page, 'embeddings/shoppers.npy')).bytes;
  await page.reload();
  await page.evaluate(() => (location.hash = '#runs'));
  const row = page.locator('[data-testid="run-row"]').filter({ has: page.locator('[data-model="pinnerformer"]') });
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await row.getByTestId('run-artifacts').click();
  await expect(page.getByTestId('export-shoppers')).toContainText(/shopper embeddings [0-9,]+ × [0-9]+ as of/, { timeout: 180_000 });
  await page.getByTestId('export-build').click();
  await expect(page.getByTestId('export-files')).toBeVisible({ timeout: 60_000 });
  const after = (await download(page, 'embeddings/shoppers.npy')).bytes;
  expect(parseNpyHeader(after).shape).toEqual(npy.shape);
  expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
  expect(errors).toEqual([]);
});

test('Pfeed: SIMO trained in the Feeds panel; lookup tables and feeds download as Parquet and JSON lines and read back', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = await startFeedsSimo(page, 12);
  const summary = page.getByTestId('feeds-summary');
  await expect(summary).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('feeds-note-simo')).toContainText('12 steps');
  const attr = async (k: string): Promise<number> => Number(await summary.getAttribute(k));
  const feedsShown = (await attr('data-shoppers')) - (await attr('data-empty'));
  const queriesShown: Record<string, number> = { 'view-query': await attr('data-view-queries'), 'buy-query': await attr('data-buy-queries') };
  const k = await attr('data-k');
  expect(feedsShown).toBeGreaterThan(0);

  await page.evaluate(() => (location.hash = '#export'));
  await expect(page.getByTestId('export-pfeed')).toContainText('SIMO');
  await expect(page.getByTestId('export-pfeed-none')).toHaveCount(0);
  await expect(page.getByTestId('export-pfeed-include')).toBeChecked();
  await page.getByTestId('export-build').click();
  await expect(page.getByTestId('export-files')).toBeVisible({ timeout: 60_000 });

  const manifest = JSON.parse(text((await download(page, 'manifest.json')).bytes)) as { artifacts: { path: string }[]; config: { pfeed?: { encoder: string } } };
  const paths = manifest.artifacts.map((a) => a.path);
  expect(paths).toEqual(expect.arrayContaining(['pfeed/lookup-view-query.parquet', 'pfeed/lookup-view-query.jsonl', 'pfeed/lookup-buy-query.parquet', 'pfeed/lookup-buy-query.jsonl', 'pfeed/feeds.parquet', 'pfeed/feeds.jsonl', 'metrics.json']));
  expect(manifest.config.pfeed?.encoder).toBe('simo');
  // the SIMO encoder's weights, as the CLI writes them (restoreSimoEncoder loads them back)
  const sw = readWeights((await download(page, 'models/simo/weights.json')).bytes, (await download(page, 'models/simo/weights.bin')).bytes);
  expect(sw.model).toBe('simo');
  expect((sw.config as { hidden: number }).hidden).toBe(32);
  expect(sw.tensors.length).toBeGreaterThan(5);

  const jsonl = (b: Uint8Array): Record<string, unknown>[] => {
    const t = text(b);
    expect(t.endsWith('\n')).toBe(true);
    return t.slice(0, -1).split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  for (const role of ['view-query', 'buy-query']) {
    const c = page.locator(`[data-testid="export-pfeed-lookup-count"][data-role="${role}"]`);
    const queries = Number(await c.getAttribute('data-queries'));
    const rowCount = Number(await c.getAttribute('data-rows'));
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThanOrEqual(queriesShown[role]);
    expect(rowCount).toBeLessThanOrEqual(queries * k);
    const pq = await download(page, `pfeed/lookup-${role}.parquet`);
    expect(pq.name).toBe(`synthetic-small-pfeed__pfeed__lookup-${role}.parquet`);
    const rows = await parquetReadObjects({ file: pq.bytes.slice().buffer });
    expect(rows.length).toBe(rowCount);
    expect(Object.keys(rows[0]).sort()).toEqual(['query_id', 'rank', 'role', 'score', 'target_id']);
    expect(rows.every((r) => r.role === role && Number.isFinite(r.score as number))).toBe(true);
    const lines = jsonl((await download(page, `pfeed/lookup-${role}.jsonl`)).bytes) as { query_id: string; target_ids: string[]; scores: number[] }[];
    expect(lines.length).toBe(queries);
    expect(lines.reduce((a, l) => a + l.target_ids.length, 0)).toBe(rowCount);
    // the same first query, same targets in rank order, in both formats
    expect(rows.filter((r) => r.query_id === lines[0].query_id).map((r) => r.target_id)).toEqual(lines[0].target_ids);
  }
  const fc = page.getByTestId('export-pfeed-feeds-count');
  expect(Number(await fc.getAttribute('data-shoppers'))).toBe(feedsShown);
  const feedRows = await parquetReadObjects({ file: (await download(page, 'pfeed/feeds.parquet')).bytes.slice().buffer });
  expect(feedRows.length).toBe(Number(await fc.getAttribute('data-rows')));
  expect(Object.keys(feedRows[0]).sort()).toEqual(['explanation', 'item_id', 'rank', 'score', 'shopper_id', 'target_set']);
  expect(new Set(feedRows.map((r) => r.shopper_id)).size).toBe(feedsShown);
  const feeds = jsonl((await download(page, 'pfeed/feeds.jsonl')).bytes) as { shopper_id: string; target_set: string; items: { rank: number; explanation: string[] }[] }[];
  expect(feeds.length).toBe(feedsShown);
  expect(feeds.reduce((a, f) => a + f.items.length, 0)).toBe(feedRows.length);
  expect(feeds.every((f) => f.target_set === 'all' && f.items.every((x, i) => x.rank === i + 1 && x.explanation.length > 0))).toBe(true);

  const metrics = JSON.parse(text((await download(page, 'metrics.json')).bytes)) as { results: { protocol: string; model: string; relation?: string; complexity?: string; metrics: Record<string, number> }[] };
  // one P3 entry per relation (and one per complexity class of each)
  const p3 = metrics.results.filter((r) => r.protocol === 'P3' && r.complexity === undefined);
  expect(p3.map((r) => r.relation).sort()).toEqual(['buy-buy', 'view-buy']);
  expect(p3.every((r) => r.model === 'simo' && r.metrics['recall@10'] >= 0 && r.metrics['recall@10'] <= 1)).toBe(true);
  expect(errors).toEqual([]);
});
