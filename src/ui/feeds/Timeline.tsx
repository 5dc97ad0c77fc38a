/** A shopper's recent actions (view-like and purchase events), most recent first. */
import type { Dataset } from '../../core/data/types';
import type { TimelineEntry } from '../../core/feeds/session';
import { formatDate } from '../shell/format';
import { itemName } from './feed-text';

export function Timeline({ ds, entries, total }: { ds: Dataset; entries: TimelineEntry[]; total: number }) {
  if (entries.length === 0) return <p className="muted">No views or purchases.</p>;
  return (
    <>
      <ol className="feeds-timeline" data-testid="feeds-timeline">
        {entries.map((e, k) => (
          <li key={k} className={`feeds-timeline__row feeds-timeline__row--${e.action}`} data-testid="timeline-row" data-action={e.action}>
            <span className="feeds-timeline__dot" aria-hidden="true" />
            <span className="feeds-timeline__what">
              <b>{e.action === 'purchase' ? 'Bought' : 'Viewed'}</b> {itemName(ds.items, e.item)}
            </span>
            <span className="feeds-timeline__when muted">{formatDate(e.time)}</span>
          </li>
        ))}
      </ol>
      {total > entries.length && <p className="muted">…and {total - entries.length} earlier actions.</p>}
    </>
  );
}
