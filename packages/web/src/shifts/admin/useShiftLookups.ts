import { listResponseSchema, terminalListSchema, userSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useAppServices } from "../../services/appServices";

/** GET /api/users answers the catalog's list shape with user rows. */
const userListSchema = listResponseSchema(userSchema);

export interface ShiftLookups {
  terminals: { id: string; name: string }[];
  users: { id: string; name: string }[];
  /** Terminal and user names by id (a shift carries ids only). */
  terminalName: (id: string) => string;
  userName: (id: string | null) => string;
}

/**
 * The tills and users of the company, for the filter and for names in the list. A shop has tens of
 * them; 500 is the API's page limit. Without them (an error) the screen still works with short ids.
 */
export function useShiftLookups(userToken: string): ShiftLookups {
  const { transport } = useAppServices();
  const [terminals, setTerminals] = useState<{ id: string; name: string }[]>([]);
  const [users, setUsers] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    const token = { token: userToken };
    void Promise.allSettled([
      transport.send(terminalListSchema, "terminals", "GET", "/api/terminals?limit=500", token),
      transport.send(userListSchema, "users", "GET", "/api/users?limit=500", token),
    ]).then(([t, u]) => {
      if (!live) return;
      if (t.status === "fulfilled") setTerminals(t.value.items.map((x) => ({ id: x.id, name: x.name })));
      if (u.status === "fulfilled") setUsers(u.value.items.map((x) => ({ id: x.id, name: x.name })));
    });
    return () => {
      live = false;
    };
  }, [transport, userToken]);
  const terminalNames = new Map(terminals.map((x) => [x.id, x.name]));
  const userNames = new Map(users.map((x) => [x.id, x.name]));
  return {
    terminals,
    users,
    terminalName: (id) => terminalNames.get(id) ?? id.slice(0, 8),
    userName: (id) => (id === null ? "" : (userNames.get(id) ?? id.slice(0, 8))),
  };
}
