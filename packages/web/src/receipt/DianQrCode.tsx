import QRCode from "qrcode";
import { useMemo } from "react";

/** The quiet zone around a QR code, in modules (ISO/IEC 18004 asks for 4). */
const QUIET_ZONE = 4;

/**
 * The SVG path of a QR code's dark modules (one unit square each), offset by the quiet zone; with
 * the side in modules. Pure; `qrcode` only encodes (error correction M, as printed tickets need).
 */
export function qrCodePath(text: string): { path: string; side: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
  return { path: parts.join(""), side: modules.size + 2 * QUIET_ZONE };
}

/**
 * The DIAN QR of an electronic equivalent POS document (issue 19) as inline SVG: prints sharp at
 * any size on the 80 mm ticket, no canvas and no image request. Part of the receipt's lazy chunk.
 */
export function DianQrCode({ text, label }: { text: string; label: string }) {
  const { path, side } = useMemo(() => qrCodePath(text), [text]);
  return (
    <svg
      className="receipt__qr"
      viewBox={`0 0 ${side} ${side}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
