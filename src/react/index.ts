"use client";
/**
 * rivulet for React apps: `Chat` (the whole widget), `useChat` (headless) and `Markdown`.
 *
 * @packageDocumentation
 */
export type { ChatMessage, ChatSnapshot, ChatStatus } from "../core/types.js";
export { Markdown } from "./markdown.js";
export type { MarkdownProps } from "./markdown.js";
export type { CodeBlockProps, MarkdownComponents } from "./markdown-context.js";
