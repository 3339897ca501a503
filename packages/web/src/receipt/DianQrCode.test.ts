import { describe, expect, it } from "vitest";
import { qrCodePath } from "./DianQrCode";

describe("qrCodePath", () => {
  it("draws a square code with its quiet zone and the three finder patterns", () => {
    const { path, side } = qrCodePath("https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=abc");
    // Version 4 (33 modules) or more for a URL this long, plus 4 modules of quiet zone each side.
    expect(side).toBeGreaterThanOrEqual(33 + 8);
    // The finder patterns' corners are dark: top left, top right, bottom left.
    const inner = side - 8;
    expect(path).toContain("M4 4h1v1h-1z");
    expect(path).toContain(`M${4 + inner - 1} 4h1v1h-1z`);
    expect(path).toContain(`M4 ${4 + inner - 1}h1v1h-1z`);
    // Nothing drawn in the quiet zone.
    expect(path).not.toMatch(/M[0-3] /);
  });

  it("changes with the text (the CUDE)", () => {
    expect(qrCodePath("CUDE: a").path).not.toBe(qrCodePath("CUDE: b").path);
  });
});
