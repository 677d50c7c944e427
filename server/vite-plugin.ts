import type { Plugin } from "vite";
import { createChatHandler, type ChatHandlerOptions } from "./index.js";
import { attachChatSocket } from "./websocket.js";

/**
 * Mounts the chat handler (mock model or provider proxy) in Vite's dev and preview servers.
 *
 * @example
 * // vite.config.ts
 * export default defineConfig({ plugins: [react(), demoServerPlugin()] });
 */
export function demoServerPlugin(options: ChatHandlerOptions = {}): Plugin {
  return {
    name: "rivulet-demo-server",
    configureServer(server) {
      server.middlewares.use(createChatHandler(options));
      // The chat also speaks WebSocket on its path; Vite's HMR socket (its own path and subprotocol) is left alone.
      if (server.httpServer) attachChatSocket(server.httpServer, options);
    },
    configurePreviewServer(server) {
      server.middlewares.use(createChatHandler(options));
      if (server.httpServer) attachChatSocket(server.httpServer, options);
    },
  };
}
