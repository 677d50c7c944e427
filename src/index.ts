/**
 * rivulet core: decode any LLM stream into deltas, and hold a conversation in a framework-free store.
 * Safe to import in Node and during server rendering: nothing here touches the DOM at import time.
 *
 * @example
 * import { ChatStore } from "rivulet";
 * const store = new ChatStore({ endpoint: "/api/chat" });
 * store.subscribe(() => console.log(store.getSnapshot().messages));
 * await store.send("Hello");
 *
 * @packageDocumentation
 */
export { ChatError, isChatError } from "./core/chat-error.js";
export { ChatStore, createChatStore } from "./core/chat-store.js";
export { createMessageId } from "./core/create-message-id.js";
export { CHAT_STORE_OPTION_KEYS } from "./core/validate-options.js";
export { buildFetchRequest, buildRequestBody, DEFAULT_ENDPOINT, fetchTransport } from "./core/fetch-transport.js";
export type { ChatErrorOptions, ChatErrorType } from "./core/chat-error.js";
export { createWebSocketTransport } from "./core/websocket-transport.js";
export type { WebSocketTransport, WebSocketTransportOptions } from "./core/websocket-transport.js";
export type { WebSocketConstructor, WebSocketLike } from "./core/websocket-connection.js";
export { isWebSocketEndpoint, toWebSocketUrl } from "./core/websocket-frames.js";
export { decodeStream } from "./protocols/decode-stream.js";
export { decodeFrames, FrameDecoder } from "./protocols/decode-frame.js";
export type { FrameDecoderOptions } from "./protocols/decode-frame.js";
export type { DecodeStreamOptions } from "./protocols/decode-stream.js";
export { BlockSplitter, splitBlocks } from "./markdown/block-splitter.js";
export type { FrozenBlock, SplitState, SplitterStats } from "./markdown/block-splitter.js";
export { repairTail } from "./markdown/repair-tail.js";
export { loadCharacterReferences } from "./markdown/decode.js";
export { isAllowedImage, isSafeUrl } from "./markdown/url-policy.js";
export type { ImagePolicy } from "./markdown/url-policy.js";
export type {
  ChatDelta,
  ChatMessage,
  ChatRequestContext,
  ChatSnapshot,
  ChatStatus,
  ChatStoreOptions,
  ChatTimings,
  ChatTransport,
  ChatTransportRequest,
  MessageState,
  Protocol,
  Role,
  ToolCall,
  Usage,
  WireMessage,
} from "./core/types.js";
