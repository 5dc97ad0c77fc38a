/** Which model the Train panel shows (PinSage item embeddings or PinnerFormer shopper embeddings). */
import { create } from 'zustand';

export type TrainModel = 'pinsage' | 'pinnerformer';

export const useTrainModel = create<{ model: TrainModel; setModel(m: TrainModel): void }>((set) => ({
  model: typeof location !== 'undefined' && new URLSearchParams(location.search).get('model') === 'pinnerformer' ? 'pinnerformer' : 'pinsage',
  setModel(model) {
    set({ model });
  },
}));
