/**
 * SHA-384 (FIPS 180-4 §6.5: SHA-512's compression with its own initial values, output cut to 384
 * bits), pure and synchronous so the CUDE can be computed the same way in the browser and in
 * Node without WebCrypto's promises. The CUDE input is a few hundred bytes, so 64-bit words as
 * BigInt are fast enough (tens of microseconds) and keep the code short and checkable.
 */

const MASK = (1n << 64n) - 1n;

// FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots of the first 80 primes.
const K = [
  "428a2f98d728ae22",
  "7137449123ef65cd",
  "b5c0fbcfec4d3b2f",
  "e9b5dba58189dbbc",
  "3956c25bf348b538",
  "59f111f1b605d019",
  "923f82a4af194f9b",
  "ab1c5ed5da6d8118",
  "d807aa98a3030242",
  "12835b0145706fbe",
  "243185be4ee4b28c",
  "550c7dc3d5ffb4e2",
  "72be5d74f27b896f",
  "80deb1fe3b1696b1",
  "9bdc06a725c71235",
  "c19bf174cf692694",
  "e49b69c19ef14ad2",
  "efbe4786384f25e3",
  "0fc19dc68b8cd5b5",
  "240ca1cc77ac9c65",
  "2de92c6f592b0275",
  "4a7484aa6ea6e483",
  "5cb0a9dcbd41fbd4",
  "76f988da831153b5",
  "983e5152ee66dfab",
  "a831c66d2db43210",
  "b00327c898fb213f",
  "bf597fc7beef0ee4",
  "c6e00bf33da88fc2",
  "d5a79147930aa725",
  "06ca6351e003826f",
  "142929670a0e6e70",
  "27b70a8546d22ffc",
  "2e1b21385c26c926",
  "4d2c6dfc5ac42aed",
  "53380d139d95b3df",
  "650a73548baf63de",
  "766a0abb3c77b2a8",
  "81c2c92e47edaee6",
  "92722c851482353b",
  "a2bfe8a14cf10364",
  "a81a664bbc423001",
  "c24b8b70d0f89791",
  "c76c51a30654be30",
  "d192e819d6ef5218",
  "d69906245565a910",
  "f40e35855771202a",
  "106aa07032bbd1b8",
  "19a4c116b8d2d0c8",
  "1e376c085141ab53",
  "2748774cdf8eeb99",
  "34b0bcb5e19b48a8",
  "391c0cb3c5c95a63",
  "4ed8aa4ae3418acb",
  "5b9cca4f7763e373",
  "682e6ff3d6b2b8a3",
  "748f82ee5defb2fc",
  "78a5636f43172f60",
  "84c87814a1f0ab72",
  "8cc702081a6439ec",
  "90befffa23631e28",
  "a4506cebde82bde9",
  "bef9a3f7b2c67915",
  "c67178f2e372532b",
  "ca273eceea26619c",
  "d186b8c721c0c207",
  "eada7dd6cde0eb1e",
  "f57d4f7fee6ed178",
  "06f067aa72176fba",
  "0a637dc5a2c898a6",
  "113f9804bef90dae",
  "1b710b35131c471b",
  "28db77f523047d84",
  "32caab7b40c72493",
  "3c9ebe0a15c9bebc",
  "431d67c49c100d4c",
  "4cc5d4becb3e42b6",
  "597f299cfc657e2a",
  "5fcb6fab3ad6faec",
  "6c44198c4a475817",
].map((h) => BigInt(`0x${h}`));

// FIPS 180-4 §5.3.4: SHA-384's initial hash value.
const H384 = [
  "cbbb9d5dc1059ed8",
  "629a292a367cd507",
  "9159015a3070dd17",
  "152fecd8f70e5939",
  "67332667ffc00b31",
  "8eb44a8768581511",
  "db0c2e0d64f98fa7",
  "47b5481dbefa4fa4",
].map((h) => BigInt(`0x${h}`));

const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK;

/** SHA-384 of bytes, as 48 bytes. */
export function sha384Bytes(message: Uint8Array): Uint8Array {
  const bitLength = BigInt(message.length) * 8n;
  // Padding (§5.1.2): a 1 bit, zeros, then the length as a 128-bit big-endian number.
  const paddedLength = Math.ceil((message.length + 17) / 128) * 128;
  const data = new Uint8Array(paddedLength);
  data.set(message);
  data[message.length] = 0x80;
  for (let i = 0; i < 16; i++) data[paddedLength - 1 - i] = Number((bitLength >> BigInt(8 * i)) & 0xffn);

  const h = [...H384] as bigint[];
  const w = new Array<bigint>(80);
  for (let block = 0; block < paddedLength; block += 128) {
    for (let t = 0; t < 16; t++) {
      let word = 0n;
      for (let b = 0; b < 8; b++) word = (word << 8n) | BigInt(data[block + t * 8 + b] as number);
      w[t] = word;
    }
    for (let t = 16; t < 80; t++) {
      const w15 = w[t - 15] as bigint;
      const w2 = w[t - 2] as bigint;
      const s0 = rotr(w15, 1n) ^ rotr(w15, 8n) ^ (w15 >> 7n);
      const s1 = rotr(w2, 19n) ^ rotr(w2, 61n) ^ (w2 >> 6n);
      w[t] = ((w[t - 16] as bigint) + s0 + (w[t - 7] as bigint) + s1) & MASK;
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let t = 0; t < 80; t++) {
      const s1 = rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n);
      const ch = (e & f) ^ (~e & MASK & g);
      const t1 = (hh + s1 + ch + (K[t] as bigint) + (w[t] as bigint)) & MASK;
      const s0 = rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) & MASK;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & MASK;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) & MASK;
    }
    const next = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as bigint) + (next[i] as bigint)) & MASK;
  }
  const out = new Uint8Array(48);
  for (let i = 0; i < 6; i++) {
    for (let b = 0; b < 8; b++) out[i * 8 + b] = Number(((h[i] as bigint) >> BigInt(56 - 8 * b)) & 0xffn);
  }
  return out;
}

/** SHA-384 of a text's UTF-8 bytes, as 96 lowercase hex digits (the form the DIAN's CUFE/CUDE take). */
export function sha384Hex(text: string): string {
  const bytes = sha384Bytes(new TextEncoder().encode(text));
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
