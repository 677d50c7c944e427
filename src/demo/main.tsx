// oxlint-disable import/no-unassigned-import -- the font and the stylesheets are imported for their effect.
import "@fontsource-variable/inter";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../styles/theme.css";
import "../styles/markdown.css";
import "../styles/chat.css";
import { DemoApp } from "./demo-app.js";
import "./demo.css";
import "./playground.css";
import "./controls.css";
import "./ways.css";

const root = document.getElementById("root");
if (!root) throw new Error("rivulet demo: index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <DemoApp />
  </StrictMode>,
);
