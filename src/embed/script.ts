// The entry of dist/rivulet.js, the one-file <script> embed: the chat, its renderer (preact/compat,
// see scripts/build.mjs) and its CSS are all inside, and the only global it defines is `Rivulet`.
import { findOwnScript, installGlobal } from "./global-api.js";

installGlobal(window, findOwnScript(document));
