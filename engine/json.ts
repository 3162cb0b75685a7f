/**
 * The JSON tree that every later stage reads. Each node keeps the source
 * range of its text so that diagnostics and highlights point at what the
 * learner typed. Trees built from an already-parsed value (`fromValue`) have
 * empty ranges at offset 0.
 */
import type { Range } from './types.ts';

export interface JsonString extends Range { type: 'string'; value: string }
export interface JsonNumber extends Range { type: 'number'; value: number; raw: string }
export interface JsonBoolean extends Range { type: 'boolean'; value: boolean }
export interface JsonNull extends Range { type: 'null' }
export interface JsonArray extends Range { type: 'array'; items: JsonNode[] }
/** One `"key": value` pair; `from`/`to` span the key, `value` has its own range. */
export interface JsonMember extends Range { key: string; value: JsonNode }
export interface JsonObject extends Range { type: 'object'; members: JsonMember[] }

/** Any JSON value, with its range. */
export type JsonNode = JsonString | JsonNumber | JsonBoolean | JsonNull | JsonArray | JsonObject;

/**
 * Builds a tree from a value that JSON.parse (or code) produced. Values that
 * JSON cannot hold (functions, undefined, cycles) become `null` nodes.
 */
export function fromValue(value: unknown, depth = 0): JsonNode {
  if (typeof value === 'string') return { type: 'string', value, from: 0, to: 0 };
  if (typeof value === 'number') return { type: 'number', value, raw: String(value), from: 0, to: 0 };
  if (typeof value === 'boolean') return { type: 'boolean', value, from: 0, to: 0 };
  if (depth > 64 || value === null || typeof value !== 'object') return { type: 'null', from: 0, to: 0 };
  if (Array.isArray(value)) {
    const items: JsonNode[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = fromValue(value[i], depth + 1);
    return { type: 'array', items, from: 0, to: 0 };
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const members: JsonMember[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    members[i] = { key: keys[i], value: fromValue(obj[keys[i]], depth + 1), from: 0, to: 0 };
  }
  return { type: 'object', members, from: 0, to: 0 };
}

/**
 * The length of the value's minified JSON text, counted on the tree (escapes
 * are not counted, which only matters near a size limit).
 */
export function minifiedLength(node: JsonNode): number {
  switch (node.type) {
    case 'string': return node.value.length + 2;
    case 'number': return node.raw.length;
    case 'boolean': return node.value ? 4 : 5;
    case 'null': return 4;
    case 'array': {
      let n = 2 + Math.max(0, node.items.length - 1);
      for (const it of node.items) n += minifiedLength(it);
      return n;
    }
    default: {
      let n = 2 + Math.max(0, node.members.length - 1);
      for (const m of node.members) n += m.key.length + 3 + minifiedLength(m.value);
      return n;
    }
  }
}

/**
 * Turns a tree back into a plain value (the last duplicate key wins), as
 * JSON.parse builds it: a `"__proto__"` key becomes an own property, not the
 * object's prototype.
 */
export function toValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) {
        const v = toValue(m.value);
        if (m.key === '__proto__') Object.defineProperty(out, m.key, { value: v, enumerable: true, writable: true, configurable: true });
        else out[m.key] = v;
      }
      return out;
    }
    case 'array': return node.items.map(toValue);
    case 'null': return null;
    default: return node.value;
  }
}
