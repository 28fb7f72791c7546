// A JSON Schema (as zod-to-openapi writes it) as a readable tree: fields, types, whether
// they are required, and their rules (length, range, pattern, choices).
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  description?: string;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
  discriminator?: { propertyName: string };
};

function typeText(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? (s.anyOf || s.oneOf ? 'one of' : 'any'));
  if (type === 'array' && s.items) return `${typeText(s.items)}[]`;
  return s.format ? `${type} (${s.format})` : type;
}

function rules(s: JsonSchema): string {
  const r: string[] = [];
  if (s.minLength !== undefined) r.push(`≥ ${s.minLength} chars`);
  if (s.maxLength !== undefined) r.push(`≤ ${s.maxLength} chars`);
  if (s.minimum !== undefined) r.push(`≥ ${s.minimum}`);
  if (typeof s.exclusiveMinimum === 'number') r.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) r.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) r.push(`≥ ${s.minItems} items`);
  if (s.maxItems !== undefined) r.push(`≤ ${s.maxItems} items`);
  if (s.pattern) r.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) r.push(`default ${JSON.stringify(s.default)}`);
  return r.join(', ');
}

export function SchemaView({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  if (depth > 6) return <span className="muted">…</span>;
  const variants = schema.anyOf ?? schema.oneOf;
  const items = schema.type === 'array' ? schema.items : undefined;
  const props = schema.properties ?? items?.properties;
  const required = new Set(schema.properties ? (schema.required ?? []) : (items?.required ?? []));
  return (
    <span>
      <span className="type">{typeText(schema)}</span>
      {rules(schema) && <span className="muted small"> {rules(schema)}</span>}
      {schema.description && <span className="muted small"> — {schema.description}</span>}
      {props && Object.keys(props).length > 0 && (
        <ul className="st-schema">
          {Object.entries(props).map(([name, s]) => (
            <li key={name}>
              {name}
              {required.has(name) ? <span className="req">*</span> : ''}: <SchemaView schema={s} depth={depth + 1} />
            </li>
          ))}
        </ul>
      )}
      {variants && (
        <ul className="st-schema">
          {variants.map((v, i) => (
            <li key={i}>
              <SchemaView schema={v} depth={depth + 1} />
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
