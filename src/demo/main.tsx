import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { DemoApp } from "./demo-app.js";

const root = document.getElementById("root");
if (!root) throw new Error("rivulet demo: index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <DemoApp />
  </StrictMode>,
);
