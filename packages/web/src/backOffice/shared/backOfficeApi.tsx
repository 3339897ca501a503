import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { z } from "zod";
import type { HttpMethod } from "../../api/serverTransport";
import { isTransportError } from "../../api/transportErrors";
import { useAppServices } from "../../services/appServices";
import type { SessionInfo } from "../../storage/localRecords";

/**
 * The back office talks to the server directly (it keeps no offline copy). Every call goes
 * through here so the shell knows two things each screen needs: the server did not answer
 * ("Sin conexión con el servidor") and the admin's session ended (sign in again, in a dialog
 * over the screen, so nothing typed is lost).
 */
export interface BackOfficeApi {
  token: string;
  timeZone: string;
  user: SessionInfo["user"];
  send<S extends z.ZodType>(
    schema: S,
    what: string,
    method: HttpMethod,
    path: string,
    body?: unknown,
  ): Promise<z.output<S>>;
  /** The last call got no answer (cleared by the next answer). */
  unreachable: boolean;
  sessionEnded: boolean;
}

const BackOfficeApiContext = createContext<BackOfficeApi | null>(null);

export function BackOfficeApiProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  const { transport } = useAppServices();
  const [unreachable, setUnreachable] = useState(false);
  // Keyed by token: a new sign-in (new token) ends the "session ended" state by itself.
  const [endedToken, setEndedToken] = useState<string | null>(null);
  const token = session.token;

  const send = useCallback(
    async <S extends z.ZodType>(schema: S, what: string, method: HttpMethod, path: string, body?: unknown) => {
      try {
        const answer = await transport.send(schema, what, method, path, { token, body });
        setUnreachable(false);
        return answer;
      } catch (e) {
        if (isTransportError(e)) {
          const noAnswer = e.kind === "network" || e.kind === "timeout" || e.kind === "unavailable";
          setUnreachable(noAnswer);
          if (e.kind === "unauthenticated") setEndedToken(token);
        }
        throw e;
      }
    },
    [transport, token],
  );

  const value = useMemo<BackOfficeApi>(
    () => ({
      token,
      timeZone: session.company?.timeZone ?? "America/Bogota",
      user: session.user,
      send,
      unreachable,
      sessionEnded: endedToken === token,
    }),
    [token, session.company?.timeZone, session.user, send, unreachable, endedToken],
  );
  return <BackOfficeApiContext.Provider value={value}>{children}</BackOfficeApiContext.Provider>;
}

export function useBackOfficeApi(): BackOfficeApi {
  const api = useContext(BackOfficeApiContext);
  if (!api) throw new Error("useBackOfficeApi outside BackOfficeApiProvider");
  return api;
}
