// The host page's own React app (react 19 from node_modules, bundled on its own), exposed as a
// global the way UMD-era pages do, to prove the embed neither uses nor disturbs it.
import * as React from "react";
import { createRoot } from "react-dom/client";

function Counter() {
  const [count, setCount] = React.useState(0);
  return React.createElement("button", { id: "host-counter", onClick: () => setCount(count + 1) }, `Host clicks: ${count}`);
}

(window as unknown as { React: typeof React }).React = React;
document.addEventListener("DOMContentLoaded", () => {
  createRoot(document.getElementById("host-root")!).render(React.createElement(Counter));
});
