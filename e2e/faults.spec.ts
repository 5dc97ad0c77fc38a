import { expect, test, type Page } from '@playwright/test';

// Faults during PinSage training in the Train panel (issue 9 point 6): the worker killed
// mid-epoch, the page reloaded mid-training, the storage quota full, the WebGPU device lost.
// Each case recovers from the last checkpoint or stops with a clear message, and the checkpoint
// store never holds a corrupted run (every stored record is complete and resumable).


interface StoredRun {
  runId: string;
  epoch: number;
  complete: boolean;
}

/** Every record of the PinSage checkpoint store, with a completeness check of its contents. */
function storedRuns(page: Page): Promise<StoredRun[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRun[]>((resolve, reject) => {
        const open = indexedDB.open('kloa-pinsage-checkpoints');
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => open.result.createObjectStore('runs');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) return resolve([]);
          const req = db.transaction('runs').objectStore('runs').getAll();
          req.onsuccess = () => {
            type Saved = { name: string; shape: number[]; values: ArrayLike<number> };
            type Rec = { runId: string; state: { epoch: number; globalStep: number }; last: { variables: Saved[]; optimizer: unknown[] }; best: { variables: Saved[] }; savedAt: string };
            const tensorOk = (t: Saved) => {
              const n = t.shape.reduce((a, b) => a * b, 1);
              return n > 0 && t.values.length === n && Array.prototype.every.call(t.values, (x: number) => Number.isFinite(x));
            };
            resolve(
              (req.result as Rec[]).map((r) => ({
                runId: r.runId,
                epoch: r.state?.epoch ?? -1,
                complete:
                  r.state.epoch >= 1 &&
                  r.last.variables.length > 0 &&
                  r.last.variables.every(tensorOk) &&
                  r.last.optimizer.length > 0 &&
                  r.best.variables.length === r.last.variables.length &&
                  r.best.variables.every(tensorOk) &&
                  !Number.isNaN(Date.parse(r.savedAt)),
              })),
            );
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

async function clearCheckpoints(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase('kloa-pinsage-checkpoints');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      }),
  );
}

/** The Train panel with a small PinSage config: 3 epochs of 3 steps (a checkpoint after each). */
async function openTrain(page: Page, clear = true, query = ''): Promise<void> {
  await page.goto(`/?dataset=synthetic-small${query}#train`);
  await expect(page.getByTestId('pinsage-config-form')).toBeVisible({ timeout: 120_000 });
  if (clear) await clearCheckpoints(page);
  const set = (k: string, v: number) => page.locator(`[data-field="${k}"]`).fill(String(v));
  await set('hidden', 16);
  await set('output', 16);
  await set('epochs', 3);
  await set('maxStepsPerEpoch', 3);
  await set('batchSize', 64);
  await set('validateEvery', 100);
}

/** Waits until the store holds a checkpoint of at least `epoch` for the running run. */
async function waitForCheckpoint(page: Page, epoch: number): Promise<StoredRun> {
  await expect.poll(async () => Math.max(0, ...(await storedRuns(page)).map((r) => r.epoch)), { timeout: 200_000, intervals: [500] }).toBeGreaterThanOrEqual(epoch);
  return (await storedRuns(page))[0];
}

const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
test.afterEach(() => expect(pageErrors).toEqual([]));

test('the training worker killed mid-epoch: a clear message, the checkpoint intact, Start resumes from it', async ({ page }) => {
  test.setTimeout(400_000);
  await openTrain(page);
  await page.getByTestId('train-start').click();
  const saved = await waitForCheckpoint(page, 1);
  await page.evaluate(() => (window as Window & { __kloaFaults?: { crashPinSageWorker(): void } }).__kloaFaults?.crashPinSageWorker());
  const error = page.getByTestId('train-error');
  await expect(error).toContainText('stopped unexpectedly');
  await expect(error).toContainText('Start resumes from it');
  await expect(page.getByTestId('train-start')).toBeEnabled();
  const after = await storedRuns(page);
  expect(after).toHaveLength(1);
  expect(after[0]).toMatchObject({ runId: saved.runId, complete: true });
  // a fresh worker resumes the same run from the stored epoch and finishes it
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-throughput')).toContainText(`resumed after epoch ${after[0].epoch}`, { timeout: 120_000 });
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  expect((await storedRuns(page))[0]).toMatchObject({ epoch: 3, complete: true });
});

test('the page reloaded mid-training: the stored checkpoint is intact and the run resumes from it', async ({ page }) => {
  test.setTimeout(400_000);
  await openTrain(page);
  await page.getByTestId('train-start').click();
  await waitForCheckpoint(page, 1);
  await page.reload();
  await openTrain(page, false);
  const kept = await storedRuns(page);
  expect(kept).toHaveLength(1);
  expect(kept[0].complete).toBe(true);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-throughput')).toContainText(`resumed after epoch ${kept[0].epoch}`, { timeout: 120_000 });
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 300_000 });
  expect((await storedRuns(page))[0]).toMatchObject({ epoch: 3, complete: true });
});

// A real quota, not a simulated error: Chromium's quota for this origin is lowered through the
// DevTools protocol before the page opens any storage, so the PinSage worker's IndexedDB writes
// (each checkpoint several MB) fail with the browser's own QuotaExceededError. (Lowering it after
// the page had opened and written its databases did not make the worker's writes fail.)
test('the storage quota full: training goes on and says its checkpoints are not saved; no partial record', async ({ page, context, baseURL }) => {
  test.setTimeout(400_000);
  const origin = new URL(baseURL!).origin;
  const cdp = await context.newCDPSession(page);
  // less than one checkpoint; the dataset is not kept either (the Data panel says so)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 200_000 });
  try {
    await openTrain(page);
    // a larger model: each checkpoint is several MB
    await page.locator('[data-field="hidden"]').fill('128');
    await page.locator('[data-field="output"]').fill('128');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-throughput')).toContainText('not saved', { timeout: 200_000 });
    await expect(page.getByTestId('train-throughput')).toContainText('QuotaExceededError');
    await expect(page.getByTestId('train-throughput')).toContainText('cannot resume after a reload');
    await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 300_000 });
    await expect(page.getByTestId('train-error')).toHaveCount(0);
    expect(await storedRuns(page)).toEqual([]);
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  }
});

// The device is destroyed mid-training (after the first checkpoint). Every await on GPU work in the
// PinSage trainer races device.lost and a watchdog (src/core/compute/gpu-guard.ts): a read on the
// destroyed device that never settles (seen on 2026-12-02: training stayed at "step 6 / 9") ends
// 10 s after the destroy at most, and the run resumes on WASM from the stored checkpoint.
test('the WebGPU device lost mid-training: reported, continued on WASM from the last checkpoint', async ({ page }) => {
  test.setTimeout(500_000);
  await openTrain(page, true, '&backend=webgpu');
  await page.getByTestId('train-start').click();
  await waitForCheckpoint(page, 1);
  const lost = await page.evaluate(() => (window as Window & { __kloaFaults?: { losePinSageDevice(): Promise<boolean> } }).__kloaFaults?.losePinSageDevice());
  expect(lost).toBe(true);
  try {
    await expect(page.getByTestId('train-throughput')).toContainText('GPU device lost', { timeout: 120_000 });
  } catch (e) {
    // the hang this guards against is timing-sensitive: show what the loss machinery did (compute/loss-trace.ts)
    const trace = await page.evaluate(() => (window as Window & { __kloaFaults?: { pinSageLossTrace(): Promise<string[]> } }).__kloaFaults?.pinSageLossTrace());
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n--- worker loss trace ---\n${(trace ?? []).join('\n')}`);
  }
  await expect(page.getByTestId('train-throughput')).toContainText('resumed after epoch', { timeout: 200_000 });
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 400_000 });
  await expect(page.getByTestId('train-result')).toContainText('backend wasm');
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  const runs = await storedRuns(page);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ epoch: 3, complete: true });
});
