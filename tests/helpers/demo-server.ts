// The demo page as `npm start` serves it, on a free loopback port, for real-browser tests.
import { createServer, type ViteDevServer } from "vite";

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Starts Vite's dev server with the project's vite.config.ts on 127.0.0.1 and a free port. */
export async function startDemoServer(): Promise<DemoServer> {
  const server: ViteDevServer = await createServer({
    configFile: "vite.config.ts",
    logLevel: "error",
    server: { port: 0, host: "127.0.0.1", strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("demo server has no TCP address");
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
