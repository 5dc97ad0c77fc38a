import { expect, test } from '@playwright/test';
import { forgetKeptDataset } from './helpers';

// The neighbourhood explorer on real data: load Online Retail from the Data panel's preset, go to
// Graph, search an item, read its top-T walk neighbourhood, change T live, hover a node in the
// sigma canvas (highlight), click it (re-centre), re-centre from the side list.
test('Graph explorer: Online Retail item neighbourhood with T weighted neighbours', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/data');
  await forgetKeptDataset(page);
  await page.getByTestId('preset-online-retail').click();
  await expect(page.getByTestId('header-dataset')).toContainText('4,070 items', { timeout: 150_000 });

  await page.locator('nav a[data-panel="graph"]').click();
  await expect(page).toHaveURL(/#\/graph$/);
  const panel = page.getByTestId('panel-graph');
  await expect(panel).not.toContainText('Not built yet');
  // the graph of the P1 train period is built in a walk worker
  await expect(page.getByTestId('graph-info')).toContainText('edges between 4,070 items', { timeout: 60_000 });
  await expect(page.getByTestId('graph-info')).toContainText('shared by the walk workers');

  await page.getByTestId('item-search').fill('WHITE HANGING HEART');
  const hit = page.locator('[data-testid=search-hit][data-item="85123A"]');
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByTestId('centre-title')).toHaveText('WHITE HANGING HEART T-LIGHT HOLDER');

  const rows = page.getByTestId('neighbour-row');
  const T = Number(await page.getByTestId('param-topt').inputValue());
  expect(T).toBe(20);
  await expect(rows).toHaveCount(T, { timeout: 30_000 });
  const read = async () =>
    rows.evaluateAll((els) =>
      els.map((e) => ({ item: e.getAttribute('data-item') ?? '', weight: Number(e.getAttribute('data-weight')), count: Number(e.getAttribute('data-count')) })),
    );
  const list = await read();
  const sum = list.reduce((s, r) => s + r.weight, 0);
  expect(Math.abs(sum - 1)).toBeLessThan(1e-6);
  expect(list.map((r) => r.item)).not.toContain('85123A');
  expect(new Set(list.map((r) => r.item)).size).toBe(T);
  for (let k = 1; k < list.length; k++) expect(list[k].count).toBeLessThanOrEqual(list[k - 1].count);
  for (const r of list) expect(r.weight).toBeGreaterThan(0);

  // the canvas draws the neighbourhood and its ForceAtlas2 layout settles
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-layout', 'done', { timeout: 15_000 });
  await expect(page.locator('[data-testid=graph-canvas] canvas').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/graph-explorer-online-retail.png', fullPage: true });

  // T re-runs the walks live
  await page.getByTestId('param-topt').selectOption('10');
  await expect(rows).toHaveCount(10);
  const ten = await read();
  expect(Math.abs(ten.reduce((s, r) => s + r.weight, 0) - 1)).toBeLessThan(1e-6);
  // the same walks: the top 10 are the first 10 of the top 20
  expect(ten.map((r) => r.item)).toEqual(list.slice(0, 10).map((r) => r.item));

  // hover inside the sigma canvas: the node under the mouse and its edges are highlighted, and
  // the side list marks the same item
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 15_000 });
  await expect(canvas).not.toHaveAttribute('data-positions', '[]', { timeout: 15_000 });
  type Pos = { key: string; kind: string; index: number; x: number; y: number; size: number };
  const positions = JSON.parse((await canvas.getAttribute('data-positions')) ?? '[]') as Pos[];
  const box = (await canvas.boundingBox())!;
  // the biggest neighbour item drawn well inside the canvas, and not overlapped by another node
  const clear = (p: Pos) => positions.every((o) => o === p || Math.hypot(o.x - p.x, o.y - p.y) > p.size + o.size + 2);
  const inside = (p: Pos) => p.x > 20 && p.y > 20 && p.x < box.width - 20 && p.y < box.height - 20;
  const target = positions.filter((p) => p.kind === 'item' && inside(p) && clear(p)).sort((a, b) => b.size - a.size)[0];
  expect(target, 'an item node to hover').toBeTruthy();
  await page.mouse.move(box.x + target.x, box.y + target.y);
  await expect(canvas).toHaveAttribute('data-hovered', target.key);
  expect(Number(await canvas.getAttribute('data-hovered-edges'))).toBeGreaterThan(0);
  const hoveredRow = page.locator('[data-testid=neighbour-row][data-hovered=true]');
  await expect(hoveredRow).toHaveCount(1);
  const targetId = (await hoveredRow.getAttribute('data-item')) ?? '';
  expect(ten.map((r) => r.item)).toContain(targetId);
  await page.screenshot({ path: 'test-results/graph-explorer-hover.png', fullPage: true });
  // leaving the node clears the highlight
  await page.mouse.move(box.x + 4, box.y + 4);
  await expect(canvas).toHaveAttribute('data-hovered', '');
  await expect(hoveredRow).toHaveCount(0);

  // clicking the item node in the canvas re-centres on it: new title, new neighbour list
  const before = ten.map((r) => r.item).join(',');
  await page.mouse.click(box.x + target.x, box.y + target.y);
  await expect(page.locator('.card__hint.mono').first()).toHaveText(targetId);
  await expect(page.getByTestId('centre-title')).not.toHaveText('WHITE HANGING HEART T-LIGHT HOLDER');
  await expect(rows).toHaveCount(10);
  await expect.poll(async () => (await read()).map((r) => r.item).join(',')).not.toBe(before);
  const recentred = await read();
  expect(recentred.map((r) => r.item)).not.toContain(targetId);
  expect(Math.abs(recentred.reduce((s, r) => s + r.weight, 0) - 1)).toBeLessThan(1e-6);
  await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 15_000 });

  // clicking a neighbour in the side list re-centres the explorer on it
  const second = recentred[1].item;
  await rows.nth(1).getByRole('button').click();
  await expect(page.locator('.card__hint.mono').first()).toHaveText(second);
  await expect(rows).toHaveCount(10);
  expect(errors).toEqual([]);
});
