/** The "Consumidor final" client's id number (in a module without zod: the sale screen looks it up at once). */
export const WALK_IN_CLIENT_ID_NUMBER = "222222222222";
