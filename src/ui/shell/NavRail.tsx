import { IsolationStatus } from './IsolationStatus';
import { PANELS, type PanelId } from './panels';

interface Props {
  current: PanelId;
}

/** Left navigation: one link per panel; unbuilt panels are marked as such. */
export function NavRail({ current }: Props) {
  return (
    <nav className="nav" aria-label="Panels">
      <ol className="nav__list">
        {PANELS.map((p, i) => (
          <li key={p.id}>
            <a
              href={`#/${p.id}`}
              className={'nav__link' + (p.id === current ? ' is-current' : '') + (p.built ? '' : ' is-unbuilt')}
              aria-current={p.id === current ? 'page' : undefined}
              title={p.purpose}
              data-panel={p.id}
            >
              <span className="nav__step">{i + 1}</span>
              <span className="nav__label">{p.label}</span>
              {!p.built && <span className="nav__tag">soon</span>}
            </a>
          </li>
        ))}
      </ol>
      <IsolationStatus />
    </nav>
  );
}
