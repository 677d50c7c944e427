import type { Plugin } from "vite";
import { createChatHandler, type ChatHandlerOptions } from "./index.js";

/** Mounts the chat handler (mock model or provider proxy) in Vite's dev and preview servers. */
export function demoServerPlugin(options: ChatHandlerOptions = {}): Plugin {
  return {
    name: "rivulet-demo-server",
    configureServer(server) {
      server.middlewares.use(createChatHandler(options));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createChatHandler(options));
    },
  };
}
