/**
 * The PinnerFormer Train form's fields, generated from its config schema (zod → JSON Schema), as
 * config-form-model.ts does for PinSage; arrays of an enum (dropFeatures) become a set of checkboxes.
 */
import { z } from 'zod';
import { pinnerFormerConfigSchema } from '../../../core/models/pinnerformer/config';

export type PfFieldKind = 'enum' | 'integer' | 'number' | 'boolean' | 'multi';

export interface PfField {
  key: string;
  kind: PfFieldKind;
  label: string;
  default: unknown;
  options?: string[];
  min?: number;
  max?: number;
}

interface JsonProp {
  type?: string;
  enum?: string[];
  items?: { enum?: string[] };
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

export function pinnerFormerFields(): PfField[] {
  const js = z.toJSONSchema(pinnerFormerConfigSchema, { io: 'input' }) as { properties?: Record<string, JsonProp> };
  return Object.entries(js.properties ?? {}).map(([key, p]) => ({
    key,
    kind: p.enum ? 'enum' : p.type === 'array' ? 'multi' : p.type === 'boolean' ? 'boolean' : p.type === 'integer' ? 'integer' : 'number',
    label: p.description ?? key,
    default: p.default,
    options: p.enum ?? p.items?.enum,
    min: p.minimum ?? p.exclusiveMinimum,
    max: p.maximum,
  }));
}
