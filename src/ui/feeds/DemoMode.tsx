/** A clean full-screen view of one shopper's feed, for showing to brands. Esc or the button leaves it. */
import { useEffect } from 'react';
import type { Dataset } from '../../core/data/types';
import type { Feed } from '../../core/feeds/composer';
import { FeedCards } from './FeedCards';

export function DemoMode({ ds, feed, title, onLeave }: { ds: Dataset; feed: Feed; title: string; onLeave: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onLeave();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onLeave]);
  return (
    <div className="feeds-demo" role="dialog" aria-modal="true" aria-label={title} data-testid="feeds-demo">
      <header className="feeds-demo__head">
        <div>
          <h1>{title}</h1>
          <p className="muted">Picked for shopper {ds.shoppers[feed.shopper]} from what they viewed and bought</p>
        </div>
        <button type="button" className="btn" onClick={onLeave} data-testid="feeds-demo-leave">
          Leave demo
        </button>
      </header>
      <FeedCards ds={ds} items={feed.items} large />
    </div>
  );
}
