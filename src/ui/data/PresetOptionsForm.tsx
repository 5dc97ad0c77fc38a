import type { PresetId, PresetOptions } from '../../core/data/load';
import { useDataFilesStore } from '../../state/data-files-store';

type OptionKey = keyof PresetOptions;

interface OptionField {
  key: OptionKey;
  label: string;
  choices: { value: string; label: string }[];
}

/** The options each known format has (src/core/data/loaders/spec-schema.ts PresetOptionsSchema); first choice = the loader's default. */
const OPTIONS: Partial<Record<PresetId, OptionField[]>> = {
  'online-retail': [
    {
      key: 'guests',
      label: 'Lines without CustomerID',
      choices: [
        { value: 'anonymous', label: 'keep as guest events (no shopper)' },
        { value: 'drop', label: 'drop them' },
        { value: 'invoice-as-shopper', label: 'treat each invoice as a shopper' },
      ],
    },
  ],
  movielens: [
    {
      key: 'unknownItems',
      label: 'Ratings of movies missing from the movie list',
      choices: [
        { value: 'keep', label: 'keep (item without title)' },
        { value: 'drop', label: 'drop them' },
      ],
    },
  ],
  diginetica: [
    {
      key: 'anonymousSessions',
      label: 'Sessions without userId',
      choices: [
        { value: 'session-as-shopper', label: 'the session is the shopper' },
        { value: 'no-shopper', label: 'no shopper (anonymous events)' },
      ],
    },
  ],
};

/** Options of a known dataset format, when it has any. */
export function PresetOptionsForm({ preset }: { preset: PresetId }) {
  const options = useDataFilesStore((s) => s.presetOptions);
  const fields = OPTIONS[preset];
  if (!fields) return null;
  return (
    <div className="mapping" data-testid="preset-options">
      {fields.map((f) => (
        <label key={f.key} className="field">
          <span className="field__label">{f.label}</span>
          <select
            className="select"
            value={(options[f.key] as string | undefined) ?? f.choices[0].value}
            onChange={(e) => useDataFilesStore.setState((s) => ({ presetOptions: { ...s.presetOptions, [f.key]: e.target.value } }))}
          >
            {f.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
