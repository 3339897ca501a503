import type { FastifyError, FastifyInstance } from "fastify";
import { isDataError } from "../db/database";
import { ApiError } from "../http/apiError";

/** Every failure leaves as `{error:{code,message}}`; bad input is never a 5xx. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) {
      if (err.headers) reply.headers(err.headers);
      return reply
        .code(err.statusCode)
        .send({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    const code = (err as FastifyError).code;
    if (code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return reply.code(413).send({
        error: { code: "PAYLOAD_TOO_LARGE", message: "request body too large (1 MB; 16 MB for CSV imports)" },
      });
    if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      return reply
        .code(415)
        .send({ error: { code: "VALIDATION_FAILED", message: "send JSON with content-type application/json" } });
    if (err instanceof SyntaxError || code === "FST_ERR_CTP_EMPTY_JSON_BODY" || code?.startsWith("FST_ERR_CTP"))
      return reply
        .code(400)
        .send({ error: { code: "MALFORMED_JSON", message: `malformed JSON body: ${err.message}` } });
    const pgCode = (err as { code?: string }).code;
    if (pgCode === "23503")
      return reply.code(409).send({
        error: { code: "IN_USE", message: "it is still referenced by other records; deactivate it instead" },
      });
    if (pgCode === "23505")
      return reply
        .code(409)
        .send({ error: { code: "CONFLICT", message: "a record with the same key already exists" } });
    if (pgCode === "22P02" || pgCode === "22003")
      return reply.code(400).send({ error: { code: "VALIDATION_FAILED", message: "a value has the wrong format" } });
    // Any other data exception (class 22: NUL in text, a value out of range, …) is bad input too.
    if (isDataError(err))
      return reply.code(400).send({
        error: { code: "DATA_INVALID", message: `a value cannot be stored (${String(pgCode)}): check the data sent` },
      });
    if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500)
      return reply
        .code((err as FastifyError).statusCode!)
        .send({ error: { code: "VALIDATION_FAILED", message: err.message } });
    req.log.error({ err, requestId: req.id }, "request failed");
    return reply.code(500).send({
      error: { code: "INTERNAL", message: `internal error; it was logged as request ${req.id}`, requestId: req.id },
    });
  });
}
