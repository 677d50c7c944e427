/**
 * The mock model's canned answers: markdown that exercises what a streaming renderer must get right
 * (fenced code in several languages, GFM tables, nested and task lists, emphasis, links, quotes).
 */

/** The answer to a prompt asking for code. */
export const CODE_ANSWER = `Here is the same idea — **streaming a response and printing each token** — in four languages.

### TypeScript

\`\`\`ts
const response = await fetch("/api/chat", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ messages: [{ role: "user", content: "Hello" }] }),
});
const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  process.stdout.write(value);
}
\`\`\`

### Python

\`\`\`python
import httpx

with httpx.stream("POST", "http://localhost:5173/api/chat?protocol=text",
                  json={"messages": [{"role": "user", "content": "Hello"}]}) as r:
    for chunk in r.iter_text():
        print(chunk, end="", flush=True)
\`\`\`

### Rust

\`\`\`rust
use futures_util::StreamExt;

#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    let body = r#"{"messages":[{"role":"user","content":"Hello"}]}"#;
    let mut stream = reqwest::Client::new()
        .post("http://localhost:5173/api/chat?protocol=text")
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?
        .bytes_stream();
    while let Some(chunk) = stream.next().await {
        print!("{}", String::from_utf8_lossy(&chunk?));
    }
    Ok(())
}
\`\`\`

### Shell

\`\`\`bash
curl -N http://localhost:5173/api/chat?protocol=sse \\
  -H 'content-type: application/json' \\
  -d '{"messages":[{"role":"user","content":"Hello"}]}'
\`\`\`

Note the \`-N\` flag: it turns off curl's output buffering, so tokens appear *as they arrive* rather than all at once. The same applies to proxies — set \`X-Accel-Buffering: no\` when nginx sits in front.
`;

/** The answer to a prompt asking for a table. */
export const TABLE_ANSWER = `Here is how the eight wire protocols compare:

| Protocol | Framing | Content type | End marker | Reasoning |
|:---------|:--------|:-------------|:----------:|:---------:|
| OpenAI Chat Completions | SSE \`data:\` | \`text/event-stream\` | \`[DONE]\` | ✓ (\`reasoning_content\`) |
| OpenAI Responses | SSE with \`event:\` names | \`text/event-stream\` | \`response.completed\` | ✓ |
| Anthropic Messages | SSE with \`event:\` names | \`text/event-stream\` | \`message_stop\` | ✓ (\`thinking\`) |
| Gemini | SSE, CRLF line ends | \`text/event-stream\` | \`finishReason\` | ✓ (\`thought\`) |
| AI SDK UI stream | SSE \`data:\` | \`text/event-stream\` | \`[DONE]\` | ✓ |
| Ollama | NDJSON lines | \`application/x-ndjson\` | \`"done": true\` | ✓ (\`thinking\`) |
| Generic SSE | SSE \`data:\` | \`text/event-stream\` | \`[DONE]\` | — |
| Plain text | raw bytes | \`text/plain\` | end of body | — |

And a few figures, right-aligned as numbers should be:

| Answer | Tokens | Bytes | At 60 tok/s |
|:-------|-------:|------:|------------:|
| Short | 40 | 180 | 0.7 s |
| Code | 450 | 1,900 | 7.5 s |
| Long | 25,000 | 100,000 | ~7 min |

*Tip:* ask for a **long** answer with \`?tps=2000\` to see how the renderer copes with a big document.
`;

/** The answer to a prompt asking for a list. */
export const LIST_ANSWER = `A streaming chat widget, from the bytes up:

1. **Transport**
   - \`fetch\` with an \`AbortController\`, so *Stop* really stops
   - Decode bytes with \`TextDecoderStream\`
     - never split a character across chunks
     - keep \`\\r\\n\` intact when it straddles two reads
2. **Protocol adapters**
   - SSE: one event per blank line
   - NDJSON: one JSON value per line
   - Plain text: every byte is text
3. **Rendering**
   1. Split the markdown into blocks
   2. Freeze finished blocks — they never render again
   3. Re-render only the *live tail*
      - repair half-written markup (\`**bold\`, an open fence)
      - show a cursor at the end

Before shipping, check:

- [x] Tokens are never lost or duplicated
- [x] A dropped connection keeps the partial answer
- [ ] Retry after a \`429\` honours \`Retry-After\`
- [ ] The widget survives hostile host-page CSS

> Lists can nest as deep as you like; the renderer should not re-parse the whole list on every token.
`;

/** The reasoning trace of the "think" prompt, streamed before its answer. */
export const THINK_REASONING = `The user wants to see a reasoning trace before the answer. Let me work through a small problem so the trace has substance.

Problem: how many tokens per second does a reader need before streaming feels instant?

- People read around 4–5 words per second when skimming, roughly 6 tokens per second.
- A model at 60 tokens per second outruns any reader by a factor of ten.
- So the bottleneck is not throughput but *time to first token*, and smoothness: bursts of 5 tokens then a pause feel jittery even at a high mean rate.

So the answer should say: optimise first-token latency, and smooth the display rate rather than chasing raw speed.`;

/** The answer that follows {@link THINK_REASONING}. */
export const THINK_ANSWER = `**Short answer:** past about 20 tokens per second, speed stops mattering — what users feel is *latency* and *smoothness*.

- **Time to first token** decides whether the app feels alive. Aim for under 500 ms.
- **Smoothness** matters more than mean rate: real streams arrive in bursts, so a renderer that paints at most once per frame and keeps every token looks steady.
- **Throughput** beyond reading speed only helps long answers you skim.

The reasoning above was streamed as a separate *reasoning* channel (in the protocols that have one), so the widget can fold it away.`;

/** The answer to a prompt with no keyword. */
export const DEFAULT_ANSWER = `Hello! I'm rivulet's **mock model**: no API key, no network, just deterministic markdown streamed token by token.

Try asking for *code*, a *table*, a *list*, something to *think* about, a *long* answer, or an *error*. Type **help** for everything I can do.`;

/** The partial answer the "error" prompt streams before its provider error. */
export const ERROR_ANSWER = `Starting an answer that will not finish: the mock model sends a few tokens, then the protocol's own **error event**, so you can see that the partial text is kept and a retry is offered`;

/** The message of the provider error the "error" prompt ends with. */
export const ERROR_MESSAGE = "The mock model is overloaded (you asked for an error). Retry to get a full answer.";
