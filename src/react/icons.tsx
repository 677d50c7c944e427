/**
 * The few inline SVG icons `<Chat>` uses. Decorative: every control that shows one has its own
 * accessible name, so the SVGs are hidden from assistive technology.
 */
import type { ReactNode } from "react";

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="rv-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** An arrow pointing up: send. */
export const SendIcon = () => (
  <Icon>
    <path d="M12 19V5" />
    <path d="m5 12 7-7 7 7" />
  </Icon>
);

/** A filled square: stop. */
export const StopIcon = () => (
  <Icon>
    <rect x="7" y="7" width="10" height="10" rx="1.5" fill="currentColor" stroke="none" />
  </Icon>
);

/** Two overlapping sheets: copy. */
export const CopyIcon = () => (
  <Icon>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V6a2 2 0 0 1 2-2h8" />
  </Icon>
);

/** A tick: copied. */
export const CheckIcon = () => (
  <Icon>
    <path d="m5 12 5 5 9-10" />
  </Icon>
);

/** A circular arrow: regenerate, retry. */
export const RefreshIcon = () => (
  <Icon>
    <path d="M20 11a8 8 0 1 0-2.3 5.7" />
    <path d="M20 4v7h-7" />
  </Icon>
);

/** A pencil: edit. */
export const EditIcon = () => (
  <Icon>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="m13.5 6.5 4 4" />
  </Icon>
);

/** A speech bubble with a plus: new conversation. */
export const NewChatIcon = () => (
  <Icon>
    <path d="M12 20H6l-3 3V6a3 3 0 0 1 3-3h12a3 3 0 0 1 3 3v5" />
    <path d="M18 15v6M15 18h6" />
  </Icon>
);

/** A cross: close. */
export const CloseIcon = () => (
  <Icon>
    <path d="M6 6l12 12M18 6 6 18" />
  </Icon>
);

/** An arrow pointing down: jump to latest. */
export const ArrowDownIcon = () => (
  <Icon>
    <path d="M12 5v14" />
    <path d="m5 12 7 7 7-7" />
  </Icon>
);

/** A wrench: a tool call. */
export const ToolIcon = () => (
  <Icon>
    <path d="M14.7 6.3a4 4 0 0 0-5.4 5.2L3 17.8 6.2 21l6.3-6.3a4 4 0 0 0 5.2-5.4l-2.6 2.6-2.5-.7-.7-2.5z" />
  </Icon>
);

/** The default avatar: a small spark. */
export const SparkIcon = () => (
  <Icon>
    <path d="M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5 18 18M6 18l2.5-2.5M15.5 8.5 18 6" />
  </Icon>
);
