/** IpAddress and NotIpAddress: IPv4 and IPv6 addresses and CIDR ranges. */
import { operator, asText } from './types.ts';

/** An address or range: 4 or 16 bytes and a prefix length in bits. */
export interface IpRange {
  bytes: Uint8Array;
  bits: number;
}


/** Four dot-separated decimal octets of one to three digits, each at most 255 (leading zeros allowed). */
function parseV4(s: string): Uint8Array | null {
  const out = new Uint8Array(4);
  let part = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || n > 255 || part === 3) return null;
      out[part++] = n;
      n = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      n = n * 10 + (c - 48);
      digits++;
    } else return null;
  }
  if (part !== 3 || digits === 0 || n > 255) return null;
  out[3] = n;
  return out;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/**
 * Reads the colon-separated groups of `s[from, to)` into `out` (16-bit
 * values): one to four hex digits each, the last may be a dotted IPv4
 * address (two groups). An empty range has no group. False when malformed.
 */
function hexGroups(s: string, from: number, to: number, out: number[]): boolean {
  if (from === to) return true;
  let start = from;
  for (;;) {
    let end = s.indexOf(':', start);
    if (end < 0 || end > to) end = to;
    const last = end === to;
    if (last && s.lastIndexOf('.', to - 1) >= start) {
      const v4 = parseV4(s.slice(start, to));
      if (!v4) return false;
      out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      return true;
    }
    const n = end - start;
    if (n < 1 || n > 4) return false;
    let g = 0;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (!isHex(c)) return false;
      g = g * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
    }
    out.push(g);
    if (last) return true;
    start = end + 1;
  }
}

/** An IPv6 address: eight groups, or fewer around one `::`, maybe ending in dotted IPv4. */
function parseV6(s: string): Uint8Array | null {
  const n = s.length;
  if (n === 0) return null;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isHex(c) && c !== 58 && c !== 46) return null;
  }
  const gap = s.indexOf('::');
  if (gap >= 0 && s.indexOf('::', gap + 2) >= 0) return null;
  const head: number[] = [];
  const tail: number[] = [];
  if (!hexGroups(s, 0, gap < 0 ? n : gap, head)) return null;
  if (gap >= 0 && !hexGroups(s, gap + 2, n, tail)) return null;
  const missing = 8 - head.length - tail.length;
  if (gap < 0 ? missing !== 0 : missing < 1) return null;
  const out = new Uint8Array(16);
  for (let i = 0; i < head.length; i++) { out[2 * i] = head[i] >> 8; out[2 * i + 1] = head[i] & 255; }
  for (let i = 0, at = 8 - tail.length; i < tail.length; i++, at++) { out[2 * at] = tail[i] >> 8; out[2 * at + 1] = tail[i] & 255; }
  return out;
}

/** Parses `203.0.113.0/24`, `203.0.113.7`, `2001:db8::/32` or `2001:db8::1`; null if invalid. */
export function parseIpRange(text: string): IpRange | null {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const bytes = addr.includes(':') ? parseV6(addr) : parseV4(addr);
  if (!bytes) return null;
  const max = bytes.length * 8;
  let bits = max;
  if (slash >= 0) {
    // One to three digits, at most the address's length in bits.
    const n = s.length - slash - 1;
    if (n < 1 || n > 3) return null;
    bits = 0;
    for (let i = slash + 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      bits = bits * 10 + (c - 48);
    }
    if (bits > max) return null;
  }
  return { bytes, bits };
}

/** Whether an address lies in a range (of the same family). */
export function inRange(addr: IpRange, range: IpRange): boolean {
  if (addr.bytes.length !== range.bytes.length) return false;
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((addr.bytes[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}

function ip(name: string, negated: boolean) {
  return operator<IpRange, IpRange>({
    name, negated, wildcards: false, variables: false, prepareValidates: true,
    check: (v) => (parseIpRange(v) ? null : `\`${v}\` is not an IP address or CIDR range such as \`203.0.113.0/24\``),
    prepare: (t) => parseIpRange(t),
    read: (v) => parseIpRange(asText(v)),
    test: inRange,
  });
}

/** The IP address family. */
export const ipOperators = [ip('IpAddress', false), ip('NotIpAddress', true)];
