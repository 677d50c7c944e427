/**
 * rivulet's server side (`rivulet/server`): a Node request handler with a mock model that speaks
 * eight streaming protocols (with speeds and faults on demand), and a proxy to a real provider.
 *
 * @packageDocumentation
 */
export { createChatHandler } from "./chat-handler.js";
export type { ChatHandler, ChatHandlerOptions, ChatLogEntry } from "./chat-handler.js";
export type { CorsOptions } from "./cors.js";
export { createEncoder, PROTOCOLS } from "./encoders/create-encoder.js";
export type { EncoderContext, FinishInfo, StreamEncoder } from "./encoders/stream-encoder.js";
export { FAULTS, parseFaults } from "./faults.js";
export type { Fault } from "./faults.js";
export { MAX_TPS, readMockParams } from "./mock-params.js";
export type { MockParams } from "./mock-params.js";
export { chooseMockReply, MOCK_PROMPTS } from "./mock-replies.js";
export type { MockPrompt, MockReply, MockReplyKind } from "./mock-replies.js";
export { createPacing } from "./pacing.js";
export { buildUpstreamRequest, PROVIDERS, resolveProvider } from "./providers.js";
export type { ProviderConfig, ProviderName, ProviderOptions } from "./providers.js";
export { redact } from "./proxy.js";
export { tokenize } from "./tokenize.js";
export { attachChatSocket, createChatSocketServer } from "./websocket.js";
export type { ChatSocketOptions, ChatSocketServer } from "./websocket.js";
