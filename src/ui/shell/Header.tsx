import type { ReactNode } from 'react';
import { DatasetBadge } from './DatasetBadge';

/** Top bar: the loaded dataset and the compute backend. */
export function Header({ backend }: { backend: ReactNode }) {
  return (
    <header className="header">
      <div className="header__item">
        <span className="header__label">Dataset</span>
        <DatasetBadge />
      </div>
      <div className="header__spacer" />
      <div className="header__item" data-testid="header-backend">
        <span className="header__label">Compute</span>
        {backend}
      </div>
    </header>
  );
}
