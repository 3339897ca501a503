import forge from "node-forge";

/** The signing key and certificate of a PKCS#12 file (the company's certificate and its password). */
export interface SigningIdentity {
  privateKeyPkcs8: Uint8Array;
  certificateDer: Uint8Array;
}

/** Why a PKCS#12 cannot sign the company's documents (details.reason of CERTIFICATE_INVALID). */
export type CertificateProblem = "unreadable" | "password" | "no_key" | "not_yet_valid" | "expired" | "not_signing";

export class CertificateRejected extends Error {
  constructor(
    readonly reason: CertificateProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface CertificateFacts {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: Date;
  validUntil: Date;
}

const nameOf = (name: forge.pki.Certificate["subject"]) =>
  name.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(", ");

/**
 * Opens a company's PKCS#12 with its password and checks that it can sign DIAN documents today:
 * the password opens it, it holds an RSA key and the certificate of that key, the certificate is
 * valid now, and its key usage (when it states one) allows digital signatures or non-repudiation
 * (Anexo técnico factura electrónica v1.9, "Firma digital": certificate of a digital-certification
 * entity; the signer's key signs the XAdES-EPES signature).
 */
export function inspectPkcs12(
  p12: Uint8Array,
  password: string,
  now: Date,
): { facts: CertificateFacts; identity: SigningIdentity } {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString("binary")));
  } catch {
    throw new CertificateRejected("unreadable", "the file is not a PKCS#12 (.p12/.pfx) certificate");
  }
  let pkcs12: forge.pkcs12.Pkcs12Pfx;
  try {
    pkcs12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const text = String(error);
    if (/password|MAC|decrypt/i.test(text))
      throw new CertificateRejected("password", "the password does not open this certificate");
    throw new CertificateRejected("unreadable", "the file is not a PKCS#12 (.p12/.pfx) certificate");
  }
  const certBag = forge.pki.oids.certBag as string;
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag as string;
  const key = pkcs12.getBags({ bagType: keyBag })[keyBag]?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  const certificates = (pkcs12.getBags({ bagType: certBag })[certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => Boolean(c));
  if (!key || !("n" in key))
    throw new CertificateRejected("no_key", "the file holds no RSA private key: export it with its private key");
  // The certificate of the key: the same modulus (a chain also carries its authorities' certificates).
  const certificate = certificates.find(
    (c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.toString(16) === key.n.toString(16),
  );
  if (!certificate) throw new CertificateRejected("no_key", "the file holds no certificate of its private key");
  const facts: CertificateFacts = {
    subject: nameOf(certificate.subject),
    issuer: nameOf(certificate.issuer),
    serialNumber: certificate.serialNumber,
    validFrom: certificate.validity.notBefore,
    validUntil: certificate.validity.notAfter,
  };
  if (facts.validFrom > now)
    throw new CertificateRejected(
      "not_yet_valid",
      `the certificate is valid only from ${facts.validFrom.toISOString()}`,
    );
  if (facts.validUntil < now)
    throw new CertificateRejected("expired", `the certificate expired on ${facts.validUntil.toISOString()}`);
  const usage = certificate.getExtension("keyUsage") as
    | { digitalSignature?: boolean; nonRepudiation?: boolean }
    | undefined;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation)
    throw new CertificateRejected(
      "not_signing",
      "the certificate's key usage does not allow digital signatures: it is not a signing certificate",
    );
  const pkcs8 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
  return {
    facts,
    identity: {
      privateKeyPkcs8: Buffer.from(forge.asn1.toDer(pkcs8).getBytes(), "binary"),
      certificateDer: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), "binary"),
    },
  };
}
