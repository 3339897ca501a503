import { describe, expect, it } from "vitest";
import { dianDocumentUrl, dianQrText } from "./dianQr";

const code = "907e4444decc9e59c160a2fb3b6659b33dc5b632a5008922b9a62f83f757b1c448e47f5867f2b50dbdb96f48c7681168";

describe("DIAN QR", () => {
  it("points at the DIAN's document search of the environment", () => {
    expect(dianDocumentUrl(code, "1")).toBe(`https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=${code}`);
    expect(dianDocumentUrl(code, "2")).toBe(
      `https://catalogo-vpfe-hab.dian.gov.co/document/searchqr?documentkey=${code}`,
    );
    expect(() => dianDocumentUrl("abc", "1")).toThrow(RangeError);
  });

  it("carries the printed fields, then the CUDE and the URL", () => {
    const text = dianQrText({
      number: "8110007871",
      issueDate: "2019-01-12",
      issueTime: "07:00:00-05:00",
      issuerNit: "900373076",
      buyerId: "8355990",
      lineExtensionAmount: 500_000,
      ivaAmount: 95_000,
      otherTaxAmount: 0,
      payableAmount: 595_000,
      cude: code,
      environment: "2",
    });
    expect(text.split("\n")).toEqual([
      "NumFac: 8110007871",
      "FecFac: 2019-01-12",
      "HorFac: 07:00:00-05:00",
      "NitFac: 900373076",
      "DocAdq: 8355990",
      "ValFac: 5000.00",
      "ValIva: 950.00",
      "ValOtroIm: 0.00",
      "ValTolFac: 5950.00",
      `CUDE: ${code}`,
      `QRCode: https://catalogo-vpfe-hab.dian.gov.co/document/searchqr?documentkey=${code}`,
    ]);
  });
});
