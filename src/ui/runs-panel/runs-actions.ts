/**
 * Runs panel actions: delete, re-run (the run's config into the Train form, its checkpoint
 * forgotten, training started; a SIMO run: trained again in the Feeds panel with its steps, config
 * and target set), download its pipeline config, open a pipeline config file into the Train form,
 * and hand a run to the Export panel for its artifacts.
 */
import { syntheticInput, type DatasetConfig } from '../../core/pipeline/config';
import { validatePipelineConfig } from '../../core/pipeline/validate';
import { describeDatasetConfig } from '../../core/run-records/dataset-config';
import { feedsFormValues, pipelineFileOf, trainFormValues, type FeedsFormValues } from '../../core/run-records/pipeline-config';
import type { RunRecord } from '../../core/run-records/types';
import { formatProblems } from '../../core/pipeline/format-issues';
import { currentDataset } from '../../state/data-current';
import { requestedBackend, useBackendStore } from '../../state/backend';
import { useRunsStore } from '../../state/runs-store';
import { IdbCheckpointStore } from '../../runtime/pinsage-checkpoints';
import { IdbPinnerFormerCheckpointStore } from '../../runtime/pinnerformer-checkpoints';
import { deleteRun } from '../../storage/run-storage';
import { downloadFile } from '../export/save-files';
import { useExportStore } from '../export/export-store';
import { loadRunEmbeddings, loadShopperEmbeddings } from '../export/export-actions';
import { forgetCheckpoint, startTraining } from '../train/pinsage-actions';
import { useTrainStore } from '../train/train-store';
import { forgetPinnerFormerCheckpoint, startPinnerFormer } from '../train/pinnerformer/pinnerformer-actions';
import { usePinnerFormerStore } from '../train/pinnerformer/pinnerformer-store';
import { useTrainModel } from '../train/pinnerformer/model-choice';
import { safeFileName } from '../../core/export/safe-names';
import { refreshRuns } from './run-recorder';
import { useFeedsStore } from '../../state/feeds-store';
import { useDataStore } from '../../state/data-store';
import { composeFeeds } from '../feeds/feeds-actions';
import type { TargetSetRuleInput } from '../../core/feeds/target-sets';
import type { SimoConfigInput } from '../../core/models/simo/config';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function go(panel: string): void {
  useRunsStore.setState({ offerTrain: false, offerFeeds: false });
  location.hash = `#${panel}`;
}

export function toggleSelected(id: string, on: boolean): void {
  useRunsStore.setState((s) => ({ selected: on ? [...new Set([...s.selected, id])] : s.selected.filter((x) => x !== id) }));
}

/** Deletes the record; the model checkpoint goes too unless another kept run shares it (same dataset + config). */
export async function deleteRunAction(id: string): Promise<void> {
  const runs = useRunsStore.getState().runs;
  const run = runs.find((r) => r.id === id);
  if (!run) return;
  if (run.status === 'running') {
    useRunsStore.setState({ error: 'This run is still training: cancel it in the Train panel first.' });
    return;
  }
  try {
    await deleteRun(id);
    if (run.model !== 'simo' && !runs.some((r) => r.id !== id && r.trainRunId === run.trainRunId)) {
      await (run.model === 'pinsage' ? new IdbCheckpointStore().remove(run.trainRunId) : new IdbPinnerFormerCheckpointStore().remove(run.trainRunId));
    }
    useRunsStore.setState((s) => ({ runs: s.runs.filter((r) => r.id !== id), selected: s.selected.filter((x) => x !== id), error: null, notice: `Deleted ${run.name}.` }));
  } catch (e) {
    useRunsStore.setState({ error: `Could not delete ${run.name}: ${message(e)}` });
    await refreshRuns();
  }
}

/** The dataset a config names, as the name the Data panel gives it. */
function datasetNameOf(d: DatasetConfig): string {
  if (d.kind === 'synthetic') {
    const p = syntheticInput(d) as { name?: unknown };
    return typeof p.name === 'string' ? p.name : `synthetic-${d.preset ?? 'small'}`;
  }
  return d.name ?? (d.kind === 'preset' ? d.preset : (d.files[0]?.split('/').pop() ?? 'dataset'));
}

function loadIntoTrain(model: Exclude<RunRecord['model'], 'simo'>, config: Record<string, unknown>, itemOverrides?: Record<string, unknown>): void {
  useTrainModel.getState().setModel(model);
  if (model === 'pinsage') useTrainStore.getState().setConfig(config);
  else {
    usePinnerFormerStore.getState().setConfig(config);
    usePinnerFormerStore.getState().setPinSage(itemOverrides ?? {});
  }
}

const sameDataset = (run: RunRecord): boolean => {
  const ds = currentDataset();
  return ds !== null && ds.name === run.dataset.name && ds.events.length === run.dataset.events;
};

/** The SIMO config keys of a recorded Feeds-panel run (what trainFeedSimo takes), its steps and target set. */
function simoRequest(c: Record<string, unknown>): { steps: number | null; config: SimoConfigInput; rule: TargetSetRuleInput } {
  const { steps, k: _k, targetSets, feed: _f, ...simo } = c;
  const rule = Array.isArray(targetSets) && targetSets[0] && typeof targetSets[0] === 'object' ? (targetSets[0] as TargetSetRuleInput) : { kind: 'all' as const };
  return { steps: typeof steps === 'number' && steps >= 1 ? steps : null, config: simo as SimoConfigInput, rule };
}

/** A SIMO run again in the Feeds panel: same steps, SIMO config and target set, trained from scratch. */
async function rerunSimo(run: RunRecord): Promise<void> {
  if (useFeedsStore.getState().busy) {
    useRunsStore.setState({ notice: `The Feeds panel is busy: re-run ${run.name} when it is done.` });
    return go('feeds');
  }
  if (!sameDataset(run)) {
    useRunsStore.setState({ notice: null, error: `${run.name} ran on ${run.dataset.name}: load it in the Data panel, then Re-run.` });
    return;
  }
  await trainSimoAgain(run, `Re-running ${run.name} in the Feeds panel (SIMO trained again).`);
}

/**
 * Trains `run`'s SIMO again in the Feeds panel (its steps, SIMO config and target set, from
 * scratch) and composes; with `rebuildFor` the feeds belong to that record and no new run is recorded.
 */
async function trainSimoAgain(run: RunRecord, notice: string, rebuildFor?: string): Promise<void> {
  const r = simoRequest(run.config);
  useFeedsStore.setState({ encoderKind: 'simo', ...(r.steps ? { simoSteps: r.steps } : {}) });
  useRunsStore.setState({ notice, error: null });
  go('feeds');
  await composeFeeds(r.rule, { fresh: true, config: r.config, ...(rebuildFor ? { rebuildFor } : {}) });
}

/** Re-runs from scratch on the current dataset (which must be the run's), else loads the config only. */
export async function rerun(id: string): Promise<void> {
  const run = useRunsStore.getState().runs.find((r) => r.id === id);
  if (!run) return;
  if (run.model === 'simo') return rerunSimo(run);
  const ds = currentDataset();
  const busy = useTrainStore.getState().running || usePinnerFormerStore.getState().running;
  loadIntoTrain(run.model, run.config, run.itemOverrides);
  if (busy) {
    useRunsStore.setState({ notice: `A run is training: ${run.name}'s config is in the Train form; Start it when the other run ends.` });
    return go('train');
  }
  if (!ds || ds.name !== run.dataset.name || ds.events.length !== run.dataset.events) {
    useRunsStore.setState({
      notice: `${run.name} ran on ${run.dataset.name}; ${ds ? `the loaded dataset is ${ds.name}` : 'no dataset is loaded'}. Its config is in the Train form: load ${run.dataset.name} in the Data panel, then Start.`,
    });
    return go('train');
  }
  useRunsStore.setState({ notice: `Re-running ${run.name} from scratch (its checkpoint was forgotten).`, error: null });
  go('train');
  if (run.model === 'pinsage') {
    await forgetCheckpoint();
    await startTraining();
  } else {
    await forgetPinnerFormerCheckpoint();
    await startPinnerFormer();
  }
}

/** Downloads the run's config in the pipeline format (validated with the pipeline schema first). */
export function downloadRunConfig(id: string): void {
  const run = useRunsStore.getState().runs.find((r) => r.id === id);
  if (!run) return;
  const out = pipelineFileOf(run);
  if (!out.ok) {
    useRunsStore.setState({ error: `${run.name}: the config cannot be written as a pipeline config:\n${formatProblems(out.problems)}` });
    return;
  }
  const name = `${safeFileName(run.name, { fallback: 'kloa-run', maxBytes: 80 })}.config.json`;
  downloadFile(name, { path: name, bytes: new TextEncoder().encode(out.text), mediaType: 'application/json' });
  useRunsStore.setState({ error: null, notice: `Downloaded ${name}: run it with npm run batch -- --config ${name}` });
}

/** A config's pfeed stage into the Feeds panel: SIMO config and target set of its next composes, its step budget. */
function loadIntoFeeds(file: string, f: FeedsFormValues): void {
  useFeedsStore.setState((s) => ({ encoderKind: 'simo', simoSteps: f.steps ?? s.simoSteps, fileSimo: { file, config: f.simo, rule: f.rule } }));
}

/** Opens a pipeline config file: validated, its problems shown, else loaded into the Train form (model stages) and the Feeds panel (pfeed stage). */
export async function openConfigFile(file: File): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (e) {
    useRunsStore.setState({ configProblems: { file: file.name, problems: [{ path: '(config)', message: `not valid JSON: ${message(e)}` }] }, notice: null, offerTrain: false, offerFeeds: false });
    return;
  }
  const v = validatePipelineConfig(json);
  if (!v.ok) {
    useRunsStore.setState({ configProblems: { file: file.name, problems: v.problems }, notice: null, offerTrain: false, offerFeeds: false });
    return;
  }
  const t = trainFormValues(v.config);
  const f = feedsFormValues(v.config);
  if (f) loadIntoFeeds(file.name, f);
  if ('error' in t) {
    if (f) {
      const ds = currentDataset();
      const wanted = datasetNameOf(v.config.dataset);
      const notes = [...f.notes];
      if (!ds || ds.name !== wanted) notes.unshift(`the config's dataset is ${describeDatasetConfig(v.config.dataset)} (${wanted}); ${ds ? `the loaded one is ${ds.name}` : 'none is loaded'}: load it in the Data panel before composing`);
      useRunsStore.setState({
        configProblems: null,
        error: null,
        notice: `${file.name} loaded into the Feeds panel (its pfeed stage: SIMO config${f.steps ? `, ${f.steps} steps` : ''}, target set ${String(f.rule.kind)}).${notes.length ? ' Note: ' + notes.join('; ') + '.' : ''}`,
        offerTrain: false,
        offerFeeds: true,
      });
      return;
    }
    useRunsStore.setState({ configProblems: { file: file.name, problems: [{ path: 'stages', message: t.error }] }, notice: null, offerTrain: false, offerFeeds: false });
    return;
  }
  if (t.pinsage) useTrainStore.getState().setConfig(t.pinsage);
  if (t.pinnerformer) usePinnerFormerStore.getState().setConfig(t.pinnerformer);
  useTrainModel.getState().setModel(t.model);
  const ds = currentDataset();
  const wanted = datasetNameOf(t.dataset);
  const notes = [...t.notes];
  if (!ds || ds.name !== wanted) notes.unshift(`the config's dataset is ${describeDatasetConfig(t.dataset)} (${wanted}); ${ds ? `the loaded one is ${ds.name}` : 'none is loaded'}: load it in the Data panel before Start`);
  const backendNow = requestedBackend() ?? useBackendStore.getState().info?.backend ?? null;
  if (t.backend !== 'auto' && t.backend !== backendNow) notes.push(`the config asks for the ${t.backend} backend: choose it in the header's backend setting`);
  useRunsStore.setState({
    configProblems: null,
    error: null,
    notice: `${file.name} loaded into the Train panel (${t.model === 'pinsage' ? 'PinSage' : 'PinnerFormer'}${t.pinsage && t.pinnerformer ? ' and PinnerFormer' : ''} form)${f ? ' and its pfeed stage into the Feeds panel' : ''}.${notes.length ? ' Note: ' + notes.join('; ') + '.' : ''}`,
    offerTrain: true,
    offerFeeds: f !== null,
  });
}

/** Hands the run to the Export panel (its embeddings re-materialised from the checkpoint) and opens it. */
export async function openArtifacts(id: string): Promise<void> {
  const run = useRunsStore.getState().runs.find((r) => r.id === id);
  if (!run || run.status !== 'done') return;
  if (!sameDataset(run)) {
    useRunsStore.setState({ error: `${run.name}'s artifacts need its dataset (${run.dataset.name}) loaded: load it in the Data panel first.` });
    return;
  }
  if (run.model === 'simo') {
    // the lookup tables and feeds live in the feeds worker: only the run behind the current feeds has them
    const inPage = (): boolean => {
      const f = useFeedsStore.getState();
      return f.run?.recordId === run.id && f.composedFor === useDataStore.getState().datasetVersion;
    };
    if (!inPage()) {
      // not kept across reloads or later composes: rebuilt from the run's config (same seed and
      // backend give the same encoder), without a new record
      if (useFeedsStore.getState().busy) {
        useRunsStore.setState({ notice: `The Feeds panel is busy: open ${run.name}'s artifacts when it is done.` });
        return;
      }
      await trainSimoAgain(run, `Rebuilding ${run.name}'s lookup tables and feeds in the Feeds panel (SIMO trained again from its config), then the Export panel opens.`, run.id);
      if (!inPage()) {
        useRunsStore.setState({ notice: null, error: `${run.name}'s lookup tables and feeds could not be rebuilt: ${useFeedsStore.getState().error ?? 'the Feeds panel did not finish'}.` });
        return;
      }
      const again = JSON.stringify(useFeedsStore.getState().run?.report.entries.map((e) => e.metrics) ?? []);
      const recorded = JSON.stringify(run.entries.map((e) => e.metrics));
      useRunsStore.setState({
        notice:
          again === recorded
            ? `${run.name} rebuilt: the same P3 numbers as recorded; its files are in the Export panel.`
            : `${run.name} rebuilt, but its P3 numbers differ from the recorded ones (another backend?); the Export panel has the rebuilt files.`,
      });
    }
    useExportStore.getState().set({ includePfeed: true, runName: run.name, files: [], error: null });
    return go('export');
  }
  const finishedAt = new Date(run.timings.endedAt ?? run.timings.startedAt).toISOString();
  const ex = useExportStore.getState();
  if (run.model === 'pinsage') {
    useTrainStore.setState((s) => ({
      runs: s.runs.some((r) => r.runId === run.trainRunId)
        ? s.runs
        : [...s.runs, { runId: run.trainRunId, dataset: run.dataset.name, backend: run.backend.name, config: run.config, entries: run.entries, finishedAt }],
    }));
    ex.set({ runId: run.trainRunId, runName: run.name, files: [], error: null });
    go('export');
    await loadRunEmbeddings(run.trainRunId);
  } else {
    usePinnerFormerStore.setState((s) => ({
      runs: s.runs.some((r) => r.runId === run.trainRunId)
        ? s.runs
        : [...s.runs, { runId: run.trainRunId, dataset: run.dataset.name, backend: run.backend.name, config: run.config, entries: run.entries, seqsPerSecond: run.throughput?.value ?? 0, finishedAt, pinsage: run.itemOverrides }],
    }));
    ex.set({ shopperRunId: run.trainRunId, runName: run.name, files: [], error: null });
    go('export');
    await loadShopperEmbeddings(run.trainRunId);
  }
}
