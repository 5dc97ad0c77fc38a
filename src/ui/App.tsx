import { useEffect } from 'react';
import { Shell } from './shell/Shell';
import { PlaceholderPanel } from './shell/PlaceholderPanel';
import { useHashPanel } from './shell/use-hash-panel';
import { BackendSlot } from './shell/BackendSlot';
import { DataPanel } from './data/DataPanel';
import { restoreKeptDataset } from './data/data-actions';

export function App() {
  const [panel] = useHashPanel();
  useEffect(() => {
    void restoreKeptDataset();
  }, []);
  return (
    <Shell panel={panel} backend={<BackendSlot />}>
      {panel === 'data' ? <DataPanel /> : <PlaceholderPanel id={panel} />}
    </Shell>
  );
}
