import { useEffect, type ComponentType } from 'react';
import { Shell } from './shell/Shell';
import { PlaceholderPanel } from './shell/PlaceholderPanel';
import { useHashPanel } from './shell/use-hash-panel';
import type { PanelId } from './shell/panels';
import { BackendSlot } from './shell/BackendSlot';
import { DataPanel } from './data/DataPanel';
import { ExplorerPanel } from './graph/ExplorerPanel';
import { TrainPanel } from './train/TrainPanel';
import { EvaluatePanel } from './evaluate/EvaluatePanel';
import { FeedsPanel } from './feeds/FeedsPanel';
import { ExportPanel } from './export/ExportPanel';
import { ProjectorPanel } from './projector/ProjectorPanel';
import { openStartupDataset } from './data/startup';
import { RunsPanel } from './runs-panel/RunsPanel';
import { installRunRecorder } from './runs-panel/run-recorder';

/** The view of each built panel (mark it `built: true` in shell/panels.ts too); the others show a placeholder. */
const VIEWS: Partial<Record<PanelId, ComponentType>> = {
  data: DataPanel,
  graph: ExplorerPanel,
  train: TrainPanel,
  evaluate: EvaluatePanel,
  feeds: FeedsPanel,
  export: ExportPanel,
  projector: ProjectorPanel,
  runs: RunsPanel,
};

export function App() {
  const [panel] = useHashPanel();
  useEffect(() => {
    installRunRecorder();
    void openStartupDataset();
  }, []);
  const View = VIEWS[panel];
  return (
    <Shell panel={panel} backend={<BackendSlot />}>
      {View ? <View /> : <PlaceholderPanel id={panel} />}
    </Shell>
  );
}
