import { expect, test } from "vitest";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import type { ChatDelta } from "../../src/core/types.js";

async function collect(it: AsyncIterable<ChatDelta>) { const a: ChatDelta[] = []; for await (const d of it) a.push(d); return a; }
test("smoke", async () => {
  const r = new Response('data: {"choices":[{"index":0,"delta":{"content":"Hé"}}]}\n\ndata: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n', {headers:{"content-type":"text/event-stream"}});
  expect(await collect(decodeStream(r))).toEqual([{type:"text",text:"Hé"},{type:"finish",reason:"stop"}]);
  expect(await collect(decodeStream(new Response("hello world")))).toEqual([{type:"text",text:"hello world"},{type:"finish"}]);
});
