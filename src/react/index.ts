"use client";
/**
 * rivulet for React apps: `Chat` (the whole widget), `useChat` (headless) and `Markdown`.
 *
 * @packageDocumentation
 */
export type { ChatMessage, ChatSnapshot, ChatStatus } from "../core/types.js";
