/** IpAddress and NotIpAddress: IPv4 and IPv6 addresses and CIDR ranges. */
import { operator, asText } from './types.ts';

/** An address or range: 4 or 16 bytes and a prefix length in bits. */
export interface IpRange {
  bytes: Uint8Array;
  bits: number;
}

const OCTET = /^\d{1,3}$/;
const V6_CHARS = /^[0-9A-Fa-f:.]+$/;
const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

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

function parseV6(s: string): Uint8Array | null {
  if (!V6_CHARS.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseV4(p);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!HEXTET.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => { out[2 * i] = g >> 8; out[2 * i + 1] = g & 255; });
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
    const b = s.slice(slash + 1);
    if (!OCTET.test(b) || Number(b) > max) return null;
    bits = Number(b);
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
  return operator<IpRange>({
    name, negated, wildcards: false, prepareValidates: true,
    check: (v) => (parseIpRange(v) ? null : `\`${v}\` is not an IP address or CIDR range such as \`203.0.113.0/24\``),
    prepare: (t) => parseIpRange(t),
    test: (v, p) => { const a = parseIpRange(asText(v)); return a !== null && inRange(a, p); },
  });
}

/** The IP address family. */
export const ipOperators = [ip('IpAddress', false), ip('NotIpAddress', true)];
