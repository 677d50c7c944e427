// A fake provider for proxy tests: a node:http server on loopback that records each request and
// answers with whatever the test scripts, and notices when the proxy hangs up on it.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface UpstreamRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeUpstream {
  url: string;
  requests: UpstreamRequest[];
  /** Resolves when the proxy closes a connection before the response ended. */
  closedEarly: Promise<void>;
  close(): Promise<void>;
}

/** Starts a fake provider; `answer` writes the response for each recorded request. */
export async function startFakeUpstream(
  answer: (res: ServerResponse, request: UpstreamRequest) => void | Promise<void>,
): Promise<FakeUpstream> {
  const requests: UpstreamRequest[] = [];
  let markClosed: (() => void) | undefined;
  const closedEarly = new Promise<void>((resolve) => (markClosed = resolve));
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(request);
      res.on("close", () => {
        if (!res.writableFinished) markClosed?.();
      });
      void answer(res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    closedEarly,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
