/**
 * What the app does with the dataset when it starts: bring back the dataset kept in this browser,
 * or — when the address asks for one with `?dataset=<id>` (`npm start` opens
 * `/?dataset=online-retail`) — load that bundled dataset unless it is already the kept one.
 * The parameter is then removed from the address, so a reload keeps whatever the user loaded since.
 */
import { currentDataset } from '../../state/data-current';
import { useDataStore } from '../../state/data-store';
import { loadBundled, restoreKeptDataset } from './data-actions';
import { BUNDLED_SOURCES } from './sources';

export function requestedDatasetId(search: string): string | null {
  return new URLSearchParams(search).get('dataset');
}

export async function openStartupDataset(): Promise<void> {
  const wanted = requestedDatasetId(location.search);
  await restoreKeptDataset();
  if (wanted === null) return;
  const url = new URL(location.href);
  url.searchParams.delete('dataset');
  history.replaceState(history.state, '', url.href);
  const source = BUNDLED_SOURCES.find((s) => s.id === wanted);
  if (!source) {
    const known = BUNDLED_SOURCES.map((s) => s.id).join(', ');
    useDataStore.setState({ error: `The address asks for dataset "${wanted}", which is not bundled. Bundled datasets: ${known}.` });
    return;
  }
  if (currentDataset()?.name === source.datasetName) return;
  await loadBundled(source);
}
