import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha384Hex } from "./sha384";

const webCryptoSha384 = async (text: string) => {
  const digest = await crypto.subtle.digest("SHA-384", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
};

describe("sha384Hex", () => {
  it("gives FIPS 180-4's example digests", () => {
    expect(sha384Hex("abc")).toBe(
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    );
    expect(sha384Hex("")).toBe(
      "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
    );
    expect(
      sha384Hex(
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      ),
    ).toBe("09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
  });

  it("agrees with WebCrypto on any text, across block boundaries and multi-byte characters", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 400 }), async (text) => {
        expect(sha384Hex(text)).toBe(await webCryptoSha384(text));
      }),
      { numRuns: 200 },
    );
    for (const length of [110, 111, 112, 127, 128, 129, 239, 240, 256]) {
      const text = "x".repeat(length);
      expect(sha384Hex(text)).toBe(await webCryptoSha384(text));
    }
  });
});
