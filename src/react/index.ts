"use client";
/**
 * rivulet for React apps: `Chat` (the whole widget), `useChat` (headless) and `Markdown`.
 *
 * @packageDocumentation
 */
export type { ChatMessage, ChatSnapshot, ChatStatus } from "../core/types.js";
export { Chat } from "./chat.js";
export type { ChatHandle, ChatProps } from "./chat.js";
export { useChat } from "./use-chat.js";
export type { ChatFinishTimings, UseChatOptions, UseChatResult } from "./use-chat.js";
export { defaultChatLabels, formatStats } from "./chat-labels.js";
export type { ChatLabels } from "./chat-labels.js";
export type { ChatMarkdownOptions } from "./chat-message.js";
export { Markdown } from "./markdown.js";
export type { MarkdownProps } from "./markdown.js";
export type { CodeBlockProps, MarkdownComponents } from "./markdown-context.js";
export { loadHighlighter } from "./highlight.js";
export { loadCharacterReferences } from "../markdown/decode.js";
