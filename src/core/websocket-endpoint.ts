/**
 * True when an endpoint names a WebSocket URL (`ws://` or `wss://`): the store then picks the
 * WebSocket transport by itself.
 *
 * @example
 * isWebSocketEndpoint("wss://example.com/api/chat"); // true
 */
export function isWebSocketEndpoint(endpoint: string | undefined): boolean {
  return typeof endpoint === "string" && /^wss?:\/\//i.test(endpoint);
}
