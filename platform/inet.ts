/**
 * IP addresses as text, written as `inet_ntop(3)` writes them (glibc and the
 * BSDs agree): dotted quads, and IPv6 in lowercase hex with the longest run
 * of two or more zero groups as `::` and IPv4-mapped / IPv4-compatible
 * addresses ending in a dotted quad.
 *
 * @module
 */

/** `a.b.c.d` from four bytes in network order. */
export function formatIPv4(b: ArrayLike<number>, offset = 0): string {
  return `${b[offset]}.${b[offset + 1]}.${b[offset + 2]}.${b[offset + 3]}`;
}

/** The IPv6 address in 16 bytes of network order, as `inet_ntop(AF_INET6)` writes it. */
export function formatIPv6(b: ArrayLike<number>, offset = 0): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((b[offset + 2 * i] << 8) | b[offset + 2 * i + 1]);
  let bestBase = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [bestBase, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) bestBase = -1;
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped).
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += formatIPv4(b, offset + 12);
      break;
    }
    out += words[i].toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ":";
  return out;
}

/** A MAC (or other link-layer) address: lowercase hex bytes joined by `:`. */
export function formatMac(b: ArrayLike<number>, offset: number, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(b[offset + i].toString(16).padStart(2, "0"));
  return parts.join(":");
}
