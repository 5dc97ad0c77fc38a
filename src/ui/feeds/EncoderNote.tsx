/** Which role embeddings the feeds come from: the SIMO run of the feeds worker, or — labelled as such — the stand-in. */
import type { FeedEncoderInfo } from '../../core/feeds/feed-encoder';

export function EncoderNote({ info }: { info: FeedEncoderInfo }) {
  if (info.kind === 'standin') {
    return (
      <div className="notice notice--warn" data-testid="feeds-note-standin">
        Role embeddings: the <strong>stand-in</strong> co-engagement embedding (shared shoppers), not a trained SIMO encoder —{' '}
        {info.fallbackReason === 'requested' ? 'chosen above.' : info.fallbackReason}
      </div>
    );
  }
  const v = info.validationRecall10;
  return (
    <div className="notice notice--info" data-testid="feeds-note-simo">
      Role embeddings: SIMO {info.variant ?? ''} trained here on the P3 train pairs ({(info.relations ?? []).join(', ')}) — {info.steps} steps,
      best epoch {info.bestEpoch} of {info.epochs}
      {v !== undefined && v >= 0 ? `, validation Recall@10 ${v.toFixed(3)}` : ''}, {info.seconds.toFixed(1)} s. A small budget: more steps give
      better feeds.
    </div>
  );
}
