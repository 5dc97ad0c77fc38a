import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { generateSyntheticSync } from '../src/core/data/synthetic/generate';
import { standInRoleEmbeddings } from '../src/core/feeds/standin-embeddings';
import { cosineNeighbours, itemAttributes, l2NormaliseRows, searchPoints, selectionStats } from '../src/core/projector';

// The Projector panel on the synthetic small world with the co-engagement stand-in item vectors
// (no training): PCA, the four colour modes, hover shows the title, a click lists the 10 nearest
// neighbours equal to the core kNN computed here in Node, UMAP, search selection statistics.

async function screenPos(page: Page, j: number): Promise<[number, number]> {
  const p = await page.evaluate((k) => window.__kloaProjector?.screenPosition(k) ?? null, j);
  if (!p) throw new Error(`no screen position for point ${j}`);
  return p;
}

/** Moves over points until the panel reports a hovered one; returns its data index. */
async function hoverSomePoint(page: Page): Promise<number> {
  const hover = page.getByTestId('projector-hover');
  for (let j = 0; j < 60; j++) {
    const [x, y] = await screenPos(page, j * 31);
    await page.mouse.move(x, y);
    try {
      await expect(hover).toHaveAttribute('data-point', /\d+/, { timeout: 1500 });
      return Number(await hover.getAttribute('data-point'));
    } catch {
      // overlapping or off-canvas point: try another
    }
  }
  throw new Error('no point reported a hover');
}

test('Projector: PCA / UMAP, colour modes, hover title, exact neighbours, search selection', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?dataset=synthetic-small#/projector');
  await expect(page.getByTestId('panel-projector')).toBeVisible();
  await expect(page.locator('[data-testid=projector-source] option[value=standin]')).toHaveCount(1, { timeout: 60_000 });

  // the same world and vectors in Node (seeded: identical to the page's)
  await tf.setBackend('cpu');
  const { dataset: ds } = generateSyntheticSync(JSON.parse(readFileSync('datasets/synthetic/small.json', 'utf8')) as object);
  const emb = standInRoleEmbeddings(ds, { dim: 64, seed: 42 });
  const norm = l2NormaliseRows(emb.viewQuery, emb.dim);
  const attrs = itemAttributes(ds);

  await page.getByTestId('projector-source').selectOption('standin');
  await page.getByTestId('projector-load').click();
  await expect(page.getByTestId('projector-loaded')).toContainText(`${ds.items.length.toLocaleString('en-US')} items × 64`, { timeout: 60_000 });
  await expect(page.getByTestId('projector-note')).toContainText(`PCA of all ${ds.items.length.toLocaleString('en-US')} points`, { timeout: 60_000 });
  await expect(page.getByTestId('projector-note')).toContainText('drawn in');

  for (const mode of ['actions', 'firstSeen', 'planted', 'category']) {
    await page.getByTestId('projector-colour').selectOption(mode);
    await expect(page.getByTestId('projector-legend')).toBeVisible();
    await expect(page.getByTestId('projector-colour-unavailable')).toHaveCount(0);
  }

  // hover: the title of the hovered point, which lies under the cursor
  const hovered = await hoverSomePoint(page);
  await expect(page.getByTestId('projector-hover')).toContainText(attrs.titles[hovered]);

  // click: 10 neighbours in the full 64-D space, as the core kNN finds them
  const [hx, hy] = await screenPos(page, hovered);
  await page.mouse.click(hx, hy);
  const list = page.locator('[data-testid=projector-neighbours] li');
  await expect(list).toHaveCount(10, { timeout: 30_000 });
  const clicked = Number(await page.getByTestId('projector-clicked').getAttribute('data-point'));
  const shown = (await list.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-point')))));
  const ref = (await cosineNeighbours(norm, emb.dim, [clicked], 10))[0];
  const refScores = ref.map((r) => r.score);
  const shownScores = shown.map((i) => {
    let s = 0;
    for (let d = 0; d < emb.dim; d++) s += norm[clicked * emb.dim + d] * norm[i * emb.dim + d];
    return s;
  });
  shownScores.forEach((s, k) => expect(s).toBeCloseTo(refScores[k], 4));
  const tieFree = ref.filter((r) => ref.filter((o) => Math.abs(o.score - r.score) < 1e-5).length === 1 && Math.abs(r.score - refScores[9]) > 1e-5);
  for (const r of tieFree) expect(shown).toContain(r.point);

  // lasso (Shift + drag) a square around the clicked point: the selection is the points drawn inside it
  const half = 40;
  await page.keyboard.down('Shift');
  await page.mouse.move(hx - half, hy - half);
  await page.mouse.down();
  for (const [dx, dy] of [[half, -half], [half, half], [-half, half], [-half, -half + 1]]) await page.mouse.move(hx + dx, hy + dy, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('projector-selection')).toContainText('Selection (lasso)');
  // points well inside / within reach of the square (mouse positions are whole pixels: allow 1.5 px either way)
  const [inner, outer] = await page.evaluate(([cx, cy, h]) => {
    const hook = window.__kloaProjector;
    if (!hook) return [-1, -1];
    let a = 0;
    let b = 0;
    for (let j = 0; j < hook.points(); j++) {
      const q = hook.screenPosition(j);
      if (!q) continue;
      const d = Math.max(Math.abs(q[0] - cx), Math.abs(q[1] - cy));
      if (d < h - 1.5) a++;
      if (d <= h + 1.5) b++;
    }
    return [a, b];
  }, [hx, hy, half]);
  expect(inner).toBeGreaterThan(0);
  const lassoed = Number((await page.getByTestId('projector-selection-count').textContent())?.replace(/,/g, ''));
  expect(lassoed).toBeGreaterThanOrEqual(inner);
  expect(lassoed).toBeLessThanOrEqual(outer);

  // UMAP of all 2,000 points (under the sampling threshold)
  await page.getByTestId('projector-method-umap').check();
  await expect(page.getByTestId('projector-note')).toContainText(`UMAP of all ${ds.items.length.toLocaleString('en-US')} points`, { timeout: 60_000 });
  await page.getByTestId('projector-colour').selectOption('planted');

  // search selection: statistics as the core computes them
  const word = ds.items.title[0].split(' ')[0];
  await page.getByTestId('projector-search').fill(word);
  await page.getByTestId('projector-search-go').click();
  const hits = searchPoints(attrs, word);
  const stats = selectionStats(attrs, hits);
  await expect(page.getByTestId('projector-selection-count')).toHaveText(stats.count.toLocaleString('en-US'));
  await expect(page.getByTestId('projector-selection-mean')).toHaveText(stats.meanActionCount.toFixed(2));
  await expect(page.getByTestId('projector-selection-categories')).toContainText(stats.categories[0].category);
  await page.screenshot({ path: 'test-results/projector-synthetic-small.png', fullPage: true });

  // back to PCA: cached, no recomputation
  await page.getByTestId('projector-method-pca').check();
  await expect(page.getByTestId('projector-note')).toContainText('PCA of all');
  expect(errors).toEqual([]);
});

test('Projector at 50,000 points: pan and zoom follow the hand; slow WebGL moves the drawn bitmap, then draws again', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/projector');
  await expect(page.locator('[data-testid=projector-source] option[value="planted:50000"]')).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('projector-source').selectOption('planted:50000');
  await page.getByTestId('projector-load').click();
  await expect(page.getByTestId('projector-note')).toContainText('PCA of all 50,000 points', { timeout: 120_000 });
  await expect.poll(() => page.evaluate(() => window.__kloaProjector?.points() ?? 0), { timeout: 30_000 }).toBe(50_000);
  const { mode, frameMs } = await page.evaluate(() => ({ mode: window.__kloaProjector?.drawMode(), frameMs: window.__kloaProjector?.frameMs() ?? -1 }));
  console.log(`projector 50k: one frame ${frameMs.toFixed(1)} ms → ${mode} pan / zoom`);
  expect(frameMs).toBeGreaterThan(0);
  expect(mode).toBe(frameMs > 12 ? 'composited' : 'direct');
  const canvas = page.getByTestId('projector-canvas').locator('canvas');
  const transform = (): Promise<string> => canvas.evaluate((c) => (c as HTMLCanvasElement).style.transform);
  const box = await page.getByTestId('projector-canvas').boundingBox();
  if (!box) throw new Error('no canvas box');
  const j = 12_345;

  // drag by (+120, −80) px: point j moves with the hand; during the drag a slow view moves the bitmap
  const [x0, y0] = await screenPos(page, j);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy - 40, { steps: 3 });
  await page.mouse.move(cx + 120, cy - 80, { steps: 3 });
  // (mousemoves reach the page aligned to animation frames: poll)
  if (mode === 'composited') await expect.poll(transform).toMatch(/^translate\(1(19|20|21)(\.\d+)?px, -(79|80|81)(\.\d+)?px\) scale\(1\)$/);
  else expect(await transform()).toBe('');
  await page.mouse.up();
  await expect.poll(transform).toBe('');
  const [x1, y1] = await screenPos(page, j);
  expect(Math.abs(x1 - x0 - 120)).toBeLessThan(1.5);
  expect(Math.abs(y1 - y0 + 80)).toBeLessThan(1.5);

  // wheel zoom at the cursor: the layout point under the cursor stays there; the bitmap scales, then is redrawn
  await page.mouse.move(x1, y1);
  // every transform the canvas goes through (the settle redraw may come before a poll would look)
  await canvas.evaluate((c) => {
    const seen: string[] = [];
    (window as unknown as { __transforms: string[] }).__transforms = seen;
    new MutationObserver(() => seen.push((c as HTMLCanvasElement).style.transform)).observe(c, { attributes: true, attributeFilter: ['style'] });
  });
  await page.mouse.wheel(0, -400);
  await expect.poll(transform, { timeout: 5_000 }).toBe('');
  await page.waitForTimeout(400);
  const seen = await page.evaluate(() => (window as unknown as { __transforms: string[] }).__transforms);
  if (mode === 'composited') {
    expect(seen.some((t) => /scale\(1\.[0-9]+\)/.test(t))).toBe(true);
    expect(seen.at(-1)).toBe('');
  } else expect(seen.every((t) => t === '')).toBe(true);
  const [x2, y2] = await screenPos(page, j);
  expect(Math.abs(x2 - x1)).toBeLessThan(1.5);
  expect(Math.abs(y2 - y1)).toBeLessThan(1.5);
  // and a click there still finds a point (hit testing follows the view)
  await page.mouse.click(x2, y2);
  await expect(page.getByTestId('projector-neighbours')).toBeVisible({ timeout: 30_000 });
  expect(errors).toEqual([]);
});
