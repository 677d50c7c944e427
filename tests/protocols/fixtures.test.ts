/**
 * Every recorded provider stream decodes to what the provider meant, with its protocol named or detected,
 * and whatever the chunk boundaries (invariant 3: no token lost, none duplicated).
 */
import { describe, expect, test } from "vitest";
import type { ChatDelta } from "../../src/core/types.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import { detectFromEvent } from "../../src/protocols/detect-protocol.js";
import { SseFramer } from "../../src/protocols/sse-framer.js";
import { type StreamFixture, fixtures } from "../fixtures/streams/index.js";
import { largeFixtures } from "../fixtures/streams/large.js";
import { collectOk, merge, randomCuts, responseOf, seeded, streamOf, summarize } from "./stream-test-utils.js";

const decoder = new TextDecoder();

/** The reference decoding: the whole body in one read. */
async function whole(fixture: StreamFixture): Promise<ChatDelta[]> {
  return collectOk(decodeStream(responseOf(fixture.bytes, fixture.headers), { protocol: fixture.protocol }));
}

/** Text deltas are per read for "text"; every other protocol yields the same deltas, one per event. */
function comparable(fixture: StreamFixture, deltas: ChatDelta[]): ChatDelta[] {
  return fixture.protocol === "text" ? merge(deltas) : deltas;
}

describe.each(fixtures)("$name", (fixture) => {
  test("decodes to the documented text, reasoning, tool calls and finish", async () => {
    const deltas = await whole(fixture);
    expect(summarize(deltas)).toEqual(fixture.expected);
    // Exactly one finish, and it is the last delta.
    expect(deltas.filter((d) => d.type === "finish")).toHaveLength(1);
    expect(deltas.at(-1)?.type).toBe("finish");
    // No empty deltas reach the store.
    expect(deltas.filter((d) => (d.type === "text" || d.type === "reasoning") && d.text === "")).toEqual([]);
  });

  test("auto-detection picks the protocol from the headers and the first event", async () => {
    const expected = await whole(fixture);
    const auto = await collectOk(decodeStream(responseOf(fixture.bytes, fixture.headers)));
    expect(auto).toEqual(expected);
  });

  test("auto-detection works from the body alone (a ReadableStream, no headers)", async () => {
    const expected = comparable(fixture, await whole(fixture));
    const auto = await collectOk(decodeStream(streamOf(fixture.bytes)));
    expect(comparable(fixture, auto)).toEqual(expected);
  });

  test("the same deltas with the bytes split at every offset", { timeout: 30_000 }, async () => {
    const expected = comparable(fixture, await whole(fixture));
    for (let cut = 1; cut < fixture.bytes.length; cut++) {
      const deltas = await collectOk(
        decodeStream(responseOf(fixture.bytes, fixture.headers, [cut]), { protocol: fixture.protocol }),
      );
      expect(comparable(fixture, deltas), `split at byte ${cut}`).toEqual(expected);
    }
  });

  test("the same deltas one byte per read, and at 200 random seeded multi-cuts", { timeout: 30_000 }, async () => {
    const expected = comparable(fixture, await whole(fixture));
    const length = fixture.bytes.length;
    const everyByte = Array.from({ length: length - 1 }, (_, i) => i + 1);
    expect(comparable(fixture, await collectOk(decodeStream(streamOf(fixture.bytes, everyByte))))).toEqual(expected);
    const random = seeded(fixture.name.length * 7919);
    for (let i = 0; i < 200; i++) {
      const cuts = randomCuts(random, length, 1 + Math.floor(random() * 12));
      const deltas = await collectOk(decodeStream(responseOf(fixture.bytes, fixture.headers, cuts)));
      expect(comparable(fixture, deltas), `cuts ${cuts.join(",")}`).toEqual(expected);
    }
  });
});

const sseFixtures = fixtures.filter((f) => f.headers["content-type"]?.includes("event-stream"));

test.each(sseFixtures)("the first event of $name names its protocol", (fixture) => {
  const first = new SseFramer().feed(decoder.decode(fixture.bytes))[0];
  // Even the AI SDK, which its header names, is not mistaken for another protocol by its first event.
  expect(detectFromEvent(first ?? { data: "" })).toBe(fixture.protocol);
});

describe.each(largeFixtures())("$name (large)", (fixture) => {
  test("decodes to the whole text", async () => {
    const deltas = await whole(fixture);
    expect(summarize(deltas)).toEqual(fixture.expected);
  });

  test("the same deltas at 200 random seeded cuts, inside characters and inside CRLF", { timeout: 30_000 }, async () => {
    const expected = comparable(fixture, await whole(fixture));
    const bytes = fixture.bytes;
    // Offsets that cut a UTF-8 character (the next byte is a continuation byte) or a CR LF pair.
    const tricky: number[] = [];
    for (let i = 1; i < bytes.length; i++) {
      const next = bytes[i] ?? 0;
      if ((next & 0xc0) === 0x80 || (bytes[i - 1] === 13 && next === 10)) tricky.push(i);
    }
    expect(tricky.length).toBeGreaterThan(200);
    const random = seeded(fixture.bytes.length);
    for (let i = 0; i < 200; i++) {
      // Half the cuts anywhere, half on the tricky offsets.
      const cuts = new Set(randomCuts(random, bytes.length, 20));
      for (let k = 0; k < 20; k++) cuts.add(tricky[Math.floor(random() * tricky.length)] ?? 1);
      const sorted = [...cuts].toSorted((a, b) => a - b);
      const deltas = await collectOk(decodeStream(responseOf(bytes, fixture.headers, sorted)));
      expect(comparable(fixture, deltas)).toEqual(expected);
    }
  });
});
