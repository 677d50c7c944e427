import { useEffect, useMemo, useRef } from "react";
import { ChatPersistence } from "../core/persistence.js";
import type { ChatMessage, ChatStatus } from "../core/types.js";

/** While an answer streams, the conversation is saved at most this often. */
export const STREAMING_SAVE_MS = 250;

/**
 * The {@link ChatPersistence} for a storage key, or undefined without one. Created during render
 * (so the first render can restore from it) but touching storage only when asked.
 *
 * @example
 * const persistence = usePersistence("support-chat");
 * const [initial] = useState(() => persistence?.load());
 */
export function usePersistence(key: string | undefined): ChatPersistence | undefined {
  return useMemo(() => (key ? new ChatPersistence(key) : undefined), [key]);
}

/**
 * Saves `messages` whenever they change: at once when no answer is streaming, and at most every
 * {@link STREAMING_SAVE_MS} while one is (every frame would mean serialising the whole conversation
 * 60 times a second). A reload mid-answer loses at most that much text; the rest comes back marked
 * interrupted. Saving adds no page-level listener (no `beforeunload`): the embed promises none.
 *
 * @example
 * usePersistSave(persistence, messages, status);
 */
export function usePersistSave(
  persistence: ChatPersistence | undefined,
  messages: readonly ChatMessage[],
  status: ChatStatus,
): void {
  const latest = useRef(messages);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const streaming = status === "submitted" || status === "streaming";

  useEffect(() => {
    if (!persistence) return;
    latest.current = messages;
    if (!streaming) {
      clearTimeout(timer.current);
      timer.current = undefined;
      persistence.save(messages);
      return;
    }
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      persistence.save(latest.current);
    }, STREAMING_SAVE_MS);
  }, [persistence, messages, streaming]);

  useEffect(() => () => clearTimeout(timer.current), []);
}
