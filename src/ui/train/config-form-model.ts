/** The Train form's fields, generated from the PinSage config schema (zod → JSON Schema). */
import { z } from 'zod';
import { pinSageConfigSchema } from '../../core/models/pinsage/config';

export type FieldKind = 'enum' | 'integer' | 'number' | 'boolean';

export interface ConfigField {
  key: string;
  kind: FieldKind;
  label: string;
  default: unknown;
  options?: string[];
  min?: number;
  max?: number;
}

interface JsonProp {
  type?: string;
  enum?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

export function configFields(): ConfigField[] {
  const js = z.toJSONSchema(pinSageConfigSchema, { io: 'input' }) as { properties?: Record<string, JsonProp> };
  return Object.entries(js.properties ?? {}).map(([key, p]) => ({
    key,
    kind: p.enum ? 'enum' : p.type === 'boolean' ? 'boolean' : p.type === 'integer' ? 'integer' : 'number',
    label: p.description ?? key,
    default: p.default,
    options: p.enum,
    min: p.minimum ?? p.exclusiveMinimum,
    max: p.maximum,
  }));
}
