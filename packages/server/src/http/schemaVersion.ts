import { SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import type { FastifyRequest } from "fastify";
import { ApiError } from "./apiError";

/** The till's schema version: this one and the previous one are served, so old offline data still uploads. */
export function requestSchemaVersion(req: FastifyRequest): number | null {
  const raw = req.headers[SCHEMA_VERSION_HEADER];
  if (raw === undefined) return null;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < SYNC_SCHEMA_VERSION - 1 || v > SYNC_SCHEMA_VERSION)
    throw new ApiError(
      400,
      "UNSUPPORTED_SCHEMA_VERSION",
      `schema version ${String(raw)} is not supported; this server speaks ${SYNC_SCHEMA_VERSION - 1}..${SYNC_SCHEMA_VERSION}: update the app`,
    );
  return v;
}
