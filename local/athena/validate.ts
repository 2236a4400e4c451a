import { invalidRequest } from './errors';

/**
 * Request validation with AWS's wording ("1 validation error detected: Value … at 'queryString'
 * failed to satisfy constraint: …"), raised as InvalidRequestException as Athena does.
 */

export type Input = Record<string, unknown>;

const memberName = (field: string) => field.replace(/^[A-Z]/, (c) => c.toLowerCase());

function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.length > 80 ? `${text.slice(0, 80)}…` : text}'`;
}

function constraintError(field: string, value: unknown, constraint: string) {
  return invalidRequest(
    `1 validation error detected: Value ${shown(value)} at '${memberName(field)}' failed to satisfy constraint: ${constraint}`,
  );
}

export type StringRule = {
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
  values?: readonly string[];
};

function checkString(field: string, value: unknown, rule: StringRule): string {
  if (typeof value !== 'string') throw constraintError(field, value, 'Member must be a string');
  if (rule.min !== undefined && value.length < rule.min) {
    throw constraintError(field, value, `Member must have length greater than or equal to ${rule.min}`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw constraintError(field, value, `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw constraintError(
      field,
      value,
      `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`,
    );
  }
  if (rule.values && !rule.values.includes(value)) {
    throw constraintError(field, value, `Member must satisfy enum value set: [${rule.values.join(', ')}]`);
  }
  return value;
}

export function requiredString(input: Input, field: string, rule: StringRule = {}): string {
  const value = input[field];
  if (value === undefined || value === null) throw constraintError(field, value, 'Member must not be null');
  return checkString(field, value, rule);
}

export function optionalString(input: Input, field: string, rule: StringRule = {}): string | undefined {
  const value = input[field];
  return value === undefined || value === null ? undefined : checkString(field, value, rule);
}

export function optionalInteger(
  input: Input,
  field: string,
  range: { min: number; max: number },
): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw constraintError(field, value, 'Member must be an integer');
  if (value < range.min)
    throw constraintError(field, value, `Member must have value greater than or equal to ${range.min}`);
  if (value > range.max)
    throw constraintError(field, value, `Member must have value less than or equal to ${range.max}`);
  return value;
}

export function stringList(
  input: Input,
  field: string,
  rule: { required: boolean; minItems: number; maxItems: number; item: StringRule },
): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) {
    if (rule.required) throw constraintError(field, value, 'Member must not be null');
    return undefined;
  }
  if (!Array.isArray(value)) throw constraintError(field, value, 'Member must be a list');
  if (value.length < rule.minItems)
    throw constraintError(field, value, `Member must have length greater than or equal to ${rule.minItems}`);
  if (value.length > rule.maxItems)
    throw constraintError(field, value, `Member must have length less than or equal to ${rule.maxItems}`);
  return value.map((item, i) => checkString(`${field}.${i + 1}.member`, item, rule.item));
}

export function optionalObject(input: Input, field: string): Input | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw constraintError(field, value, 'Member must be a structure');
  return value as Input;
}

/** Athena's limits, from its API reference. */
export const LIMITS = {
  queryString: { min: 1, max: 262_144 },
  clientRequestToken: { min: 32, max: 128 },
  database: { min: 1, max: 255 },
  catalog: { min: 1, max: 256 },
  workGroup: { pattern: /^[a-zA-Z0-9._-]{1,128}$/, patternText: '[a-zA-Z0-9._-]{1,128}' },
  id: { min: 1, max: 128, pattern: /^\S+$/, patternText: '\\S+' },
  nextToken: { min: 1, max: 1024 },
  executionParameter: { min: 1, max: 1024 },
  namedQueryName: { min: 1, max: 128 },
  description: { min: 0, max: 1024 },
} as const satisfies Record<string, StringRule>;
