import { expect, test } from '@playwright/test';

// The Feeds panel on the synthetic small world (views and purchases, categories, promo items):
// train SIMO in the feeds worker with a tiny step budget and compose every shopper's feed from its
// role embeddings, pick a shopper (search and random), read the timeline and the cards with
// explanation chips, switch the "X for you" target set, enter and leave the full-screen demo mode,
// and recompose from the stand-in embeddings, which the panel labels as such.
test('Feeds panel: compose feeds, explanation chips, target set switch, demo mode', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?dataset=synthetic-small#/feeds');
  const panel = page.getByTestId('panel-feeds');
  await expect(panel).toBeVisible();
  await expect(panel).not.toContainText('Not built yet');
  await expect(page.getByTestId('feeds-compose')).toBeVisible({ timeout: 120_000 });
  // SIMO trained here (the default), a tiny budget for the test
  await expect(page.getByTestId('feeds-encoder')).toHaveValue('simo');
  await page.getByTestId('feeds-simo-steps').fill('12');
  await page.getByTestId('feeds-compose').click();
  await expect(page.getByTestId('feeds-busy')).toContainText('SIMO', { timeout: 60_000 });
  await expect(page.getByTestId('feeds-summary')).toContainText('feeds of 20', { timeout: 150_000 });
  // the synthetic world has views: no buy-buy-only note; the feeds come from SIMO, not the stand-in
  await expect(page.getByTestId('feeds-note-buybuy')).toHaveCount(0);
  await expect(page.getByTestId('feeds-note-simo')).toContainText('12 steps');
  await expect(page.getByTestId('feeds-note-simo')).toContainText('view-buy, buy-buy');
  await expect(page.getByTestId('feeds-note-standin')).toHaveCount(0);

  // the first shopper is shown: timeline and cards, every card explained
  const cards = page.getByTestId('feed-card');
  await expect(cards.first()).toBeVisible();
  // search a shopper by id
  const id = (await page.getByTestId('feeds-shopper').textContent())?.trim() ?? '';
  await page.getByTestId('shopper-random').click();
  await page.getByTestId('shopper-search').fill(id);
  await page.locator(`[data-testid=shopper-hit][data-shopper="${id}"]`).click();
  await expect(page.getByTestId('feeds-shopper')).toHaveText(id);
  await expect(page.getByTestId('timeline-row').first()).toBeVisible();
  const n = await cards.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(20);
  for (let k = 0; k < n; k++) await expect(cards.nth(k).getByTestId('explain-chip').first()).toHaveText(/^because you (bought|viewed) /);
  // every chip's query item is in the shopper's recent actions or earlier history: at least the top card's is in the timeline
  const timeline = await page.getByTestId('timeline-row').allTextContents();
  expect(timeline.length).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/feeds-synthetic-small.png', fullPage: true });

  // switch the target set to the promo items: the title and the cards follow
  const select = page.getByTestId('feeds-target-set');
  await expect(select.locator('option[value="promo"]')).toHaveCount(1);
  await select.selectOption('promo');
  await expect(page.getByTestId('feeds-title')).toHaveText('Deals for you', { timeout: 60_000 });
  await expect(page.getByTestId('feeds-summary')).toBeVisible({ timeout: 60_000 });

  // demo mode: full screen, large cards with chips; Leave returns
  await page.getByTestId('shopper-random').click();
  await expect(page.getByTestId('feeds-demo-enter')).toBeEnabled();
  if ((await cards.count()) > 0) {
    await page.getByTestId('feeds-demo-enter').click();
    const demo = page.getByTestId('feeds-demo');
    await expect(demo).toBeVisible();
    await expect(demo).toContainText('Deals for you');
    const box = await demo.boundingBox();
    expect(box?.width).toBe(1440);
    await page.screenshot({ path: 'test-results/feeds-demo.png' });
    await page.getByTestId('feeds-demo-leave').click();
    await expect(demo).toHaveCount(0);
  }

  // the stand-in embeddings, on request: labelled as the stand-in, not a trained SIMO encoder
  await page.getByTestId('feeds-encoder').selectOption('standin');
  await expect(page.getByTestId('feeds-simo-steps')).toHaveCount(0);
  await page.getByTestId('feeds-compose').click();
  await expect(page.getByTestId('feeds-note-standin')).toContainText('stand-in', { timeout: 60_000 });
  await expect(page.getByTestId('feeds-note-simo')).toHaveCount(0);
  await expect(page.getByTestId('feeds-summary')).toContainText('feeds of 20');
  expect(errors).toEqual([]);
});
