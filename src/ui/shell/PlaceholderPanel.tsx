import { panelInfo, type PanelId } from './panels';

/** What an unbuilt panel shows: what it will be for and what brings it. No mock content. */
export function PlaceholderPanel({ id }: { id: PanelId }) {
  const p = panelInfo(id);
  return (
    <section className="panel" aria-labelledby={`panel-${id}-title`} data-testid={`panel-${id}`}>
      <header className="panel__head">
        <h1 id={`panel-${id}-title`}>{p.label}</h1>
      </header>
      <div className="placeholder">
        <p className="placeholder__status">Not built yet — comes with {p.comesWith ?? 'a later issue'}.</p>
        <p className="placeholder__purpose">{p.purpose}</p>
      </div>
    </section>
  );
}
