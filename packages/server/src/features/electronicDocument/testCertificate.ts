import forge from "node-forge";

export interface TestCertificateOptions {
  notBefore?: Date;
  notAfter?: Date;
  /** The keyUsage extension; absent: none (as the first test certificates). */
  keyUsage?: { digitalSignature?: boolean; nonRepudiation?: boolean; keyCertSign?: boolean };
}

/**
 * A self-signed RSA certificate in a PKCS#12 file, made for tests (and for trying habilitación
 * without a certificate from an ONAC-accredited authority, which the DIAN requires in production).
 */
export function makeTestPkcs12(
  password: string,
  commonName = "Empresa Ejemplar S.A.S.",
  options: TestCertificateOptions = {},
): Uint8Array {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01";
  cert.validity.notBefore = options.notBefore ?? new Date("2024-01-01T00:00:00Z");
  cert.validity.notAfter = options.notAfter ?? new Date("2034-01-01T00:00:00Z");
  const subject = [
    { name: "commonName", value: commonName },
    { name: "countryName", value: "CO" },
    { name: "organizationName", value: "Mostrador pruebas" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  if (options.keyUsage) cert.setExtensions([{ name: "keyUsage", critical: true, ...options.keyUsage }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: "3des" });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary");
}
