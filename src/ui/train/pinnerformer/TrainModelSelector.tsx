/** The Train panel's model selector (PinSage / PinnerFormer). */
import { useTrainModel, type TrainModel } from './model-choice';

export function TrainModelSelector() {
  const { model, setModel } = useTrainModel();
  return (
    <label className="field train-model-select">
      <span className="field__label">Model</span>
      <select className="input" value={model} onChange={(e) => setModel(e.target.value as TrainModel)} data-testid="train-model">
        <option value="pinsage">PinSage (item embeddings, P1)</option>
        <option value="pinnerformer">PinnerFormer (shopper embeddings, P2)</option>
      </select>
    </label>
  );
}
