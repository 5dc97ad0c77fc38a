/** "Your files": staging dropped / picked files, previewing them in the worker, and loading them. */
import type { GenericLoadSpec, LoadSpec, MappingKey } from '../../core/data/load';
import { formatFromName, presetFromNames } from './file-format';
import { initialFilesState, useDataFilesStore, type FileFormatChoice } from '../../state/data-files-store';
import { loadFiles } from './data-actions';
import { dataWorker } from './data-worker-client';

let previewSeq = 0;

async function refreshPreview(): Promise<void> {
  const { files, choice } = useDataFilesStore.getState();
  if (files.length === 0 || choice.kind !== 'generic') {
    useDataFilesStore.setState({ preview: null, previewing: false, previewError: null });
    return;
  }
  const seq = ++previewSeq;
  useDataFilesStore.setState({ previewing: true, previewError: null });
  try {
    const { preview, suggestion } = await dataWorker().run('preview', { file: { name: files[0].name, data: files[0] }, format: choice.format });
    if (seq !== previewSeq) return;
    const mapping: Partial<Record<MappingKey, string>> = {};
    for (const [k, v] of Object.entries(suggestion)) if (v) mapping[k as MappingKey] = v;
    useDataFilesStore.setState({ preview, mapping, previewing: false });
  } catch (e) {
    if (seq !== previewSeq) return;
    useDataFilesStore.setState({ preview: null, previewing: false, previewError: e instanceof Error ? e.message : String(e) });
  }
}

export function stageFiles(list: FileList | File[]): void {
  const files = [...list];
  if (files.length === 0) return;
  const names = files.map((f) => f.name);
  useDataFilesStore.setState({
    ...initialFilesState,
    files,
    choice: { kind: 'generic', format: formatFromName(names[0]) },
    suggestedPreset: presetFromNames(names),
  });
  void refreshPreview();
}

export function chooseFormat(choice: FileFormatChoice): void {
  useDataFilesStore.setState({ choice, preview: null, mapping: {}, presetOptions: {} });
  void refreshPreview();
}

export function setMapping(key: MappingKey, column: string): void {
  useDataFilesStore.setState((s) => ({ mapping: { ...s.mapping, [key]: column } }));
}

export function clearStagedFiles(): void {
  previewSeq++;
  useDataFilesStore.setState({ ...initialFilesState });
}

/** What is still missing before the staged files can be loaded (empty = ready). */
export function missingForLoad(): string[] {
  const s = useDataFilesStore.getState();
  if (s.files.length === 0) return ['files'];
  if (s.choice.kind === 'preset') return [];
  return (['shopper', 'item', 'timestamp'] as const).filter((k) => !s.mapping[k]);
}

export function buildSpec(): LoadSpec {
  const s = useDataFilesStore.getState();
  if (s.choice.kind === 'preset') {
    const options = Object.keys(s.presetOptions).length ? { options: s.presetOptions } : {};
    return { kind: 'preset', preset: s.choice.preset, ...options };
  }
  const m = s.mapping;
  const mapping: GenericLoadSpec['mapping'] = { shopper: m.shopper ?? '', item: m.item ?? '', timestamp: m.timestamp ?? '' };
  for (const [k, v] of Object.entries(m)) if (v) (mapping as Record<string, string>)[k] = v;
  return {
    kind: 'generic',
    format: s.choice.format,
    mapping,
    ...(m.action ? {} : { defaultAction: s.defaultAction }),
    timestampFormat: s.timestampFormat,
    ...(s.preview?.delimiter && s.choice.format === 'csv' ? { delimiter: s.preview.delimiter } : {}),
  };
}

export function loadStagedFiles(): Promise<void> {
  return loadFiles(useDataFilesStore.getState().files, buildSpec());
}
