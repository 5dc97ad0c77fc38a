import type { ReactNode } from 'react';
import { Header } from './Header';
import { NavRail } from './NavRail';
import type { PanelId } from './panels';

interface Props {
  panel: PanelId;
  backend: ReactNode;
  children: ReactNode;
}

/** The page frame: brand, header, left navigation and the current panel. */
export function Shell({ panel, backend, children }: Props) {
  return (
    <div className="shell">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">K</span>
        <span>KLOA</span>
        <span className="brand__sub">Workbench</span>
      </div>
      <Header backend={backend} />
      <NavRail current={panel} />
      <main className="main" id="main">
        {children}
      </main>
    </div>
  );
}
