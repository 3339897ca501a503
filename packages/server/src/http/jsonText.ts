/**
 * JSON text made elsewhere (by PostgreSQL, or serialized ahead), carried into an answer without
 * being parsed again. As a field of a value, JSON.stringify still gives its value (toJSON); as a
 * route's whole answer (preSerialized), the response serializer sends the text as it is, and in
 * test mode parses and checks it against the route's schema like any other answer (routeSchemas).
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * A route's answer that is already JSON text. Typed as the route's answer because the handler's
 * return type comes from its response schema; the serializer recognizes the JsonText.
 */
export function preSerialized<T>(text: string): T {
  return new JsonText(text) as unknown as T;
}
