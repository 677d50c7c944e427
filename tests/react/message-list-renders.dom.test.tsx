import { render } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ChatMessage, ChatStatus } from "../../src/core/types.js";
import { defaultChatLabels } from "../../src/react/chat-labels.js";
import { MessageList, type MessageListProps } from "../../src/react/message-list.js";

// Every message renders one copy button: counting them counts the messages that rendered.
const copyRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock(import("../../src/react/copy-button.js"), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    copyButton: (options) => {
      copyRenders.count++;
      return original.copyButton(options);
    },
  };
});

const messages: ChatMessage[] = Array.from({ length: 100 }, (_, i) => ({
  id: `m${i}`,
  role: i % 2 === 0 ? "user" : "assistant",
  content: `message ${i}`,
  state: "done",
}));

// What <Chat> passes stays the same between its renders (memoized labels, stable callbacks).
const stable: Omit<MessageListProps, "status"> = {
  messages, labels: defaultChatLabels, scrollRef: { current: null }, contentRef: { current: null },
  pinned: true, onJumpToLatest() {}, smooth: false, showStats: false, timings: new Map(),
  onSuggestion() {}, onRegenerate() {}, onRetry() {}, onEdit() {},
};
const props = (status: ChatStatus): MessageListProps => ({ ...stable, status });

describe("MessageList", () => {
  it("re-renders only the last question and answer when the status changes, not the whole transcript", () => {
    const view = render(<MessageList {...props("ready")} />);
    expect(copyRenders.count).toBe(100);
    copyRenders.count = 0;
    view.rerender(<MessageList {...props("submitted")} />);
    view.rerender(<MessageList {...props("streaming")} />);
    view.rerender(<MessageList {...props("ready")} />);
    // busy changes twice (ready → submitted, streaming → ready), for the two messages it concerns.
    expect(copyRenders.count).toBe(4);
  });
});
