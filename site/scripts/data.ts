/**
 * Small helpers for the data pages hand over and keep: checking a plain
 * record, writing JSON into a script element, and reaching the browser's
 * storage without a throw.
 */

/** Whether a value is an object with named members (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and
 * the two JavaScript line separators are escaped, so no text inside can
 * close the element or be read as markup. `JSON.parse` reads it back as is.
 */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The browser's localStorage, or null where there is none or where reading
 * it throws (some browsers throw on the mere access when storage is disabled).
 */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
