/**
 * The few inline SVG icons `<Chat>` uses. Decorative: every control that shows one has its own
 * accessible name, so the SVGs are hidden from assistive technology.
 *
 * Each icon is a plain function returning one `<svg>` with a single `<path>` (strokes of one path
 * draw the same as several paths). Used as `<CopyIcon />` it is a component; the transcript calls
 * them as functions (`{copyIcon()}`) because it shows one per message: a component instance per icon
 * (and one for a shared wrapper) is memory every message of a long conversation keeps.
 */
import type { ReactElement } from "react";

function icon(d: string, filled = false): ReactElement {
  return (
    <svg
      className="rv-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill={filled ? "currentColor" : "none"}
      stroke={filled ? "none" : "currentColor"}
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

/**
 * An arrow pointing up: send.
 *
 * @example
 * <button aria-label="Send"><SendIcon /></button>
 */
export const sendIcon = (): ReactElement => icon("M12 19V5m-7 7 7-7 7 7");

/**
 * A filled square with rounded corners: stop.
 *
 * @example
 * <button aria-label="Stop"><StopIcon /></button>
 */
export const stopIcon = (): ReactElement =>
  icon("M8.5 7h7A1.5 1.5 0 0 1 17 8.5v7a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 7 15.5v-7A1.5 1.5 0 0 1 8.5 7z", true);

/**
 * Two overlapping sheets: copy.
 *
 * @example
 * <button aria-label="Copy">{copyIcon()}</button>
 */
export const copyIcon = (): ReactElement =>
  icon("M11 9h7a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-7a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2zM5 15V6a2 2 0 0 1 2-2h8");

/**
 * A tick: copied.
 *
 * @example
 * <button aria-label="Copied">{checkIcon()}</button>
 */
export const checkIcon = (): ReactElement => icon("m5 12 5 5 9-10");

/**
 * A circular arrow: regenerate, retry.
 *
 * @example
 * <button aria-label="Regenerate">{refreshIcon()}</button>
 */
export const refreshIcon = (): ReactElement => icon("M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7");

/**
 * A pencil: edit.
 *
 * @example
 * <button aria-label="Edit">{editIcon()}</button>
 */
export const editIcon = (): ReactElement => icon("M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4");

/**
 * A speech bubble with a plus: new conversation.
 *
 * @example
 * <button aria-label="New chat"><NewChatIcon /></button>
 */
export const newChatIcon = (): ReactElement => icon("M12 20H6l-3 3V6a3 3 0 0 1 3-3h12a3 3 0 0 1 3 3v5m-3 4v6m-3-3h6");

/**
 * A cross: close.
 *
 * @example
 * <button aria-label="Close"><CloseIcon /></button>
 */
export const closeIcon = (): ReactElement => icon("M6 6l12 12M18 6 6 18");

/**
 * An arrow pointing down: jump to latest.
 *
 * @example
 * <button aria-label="Jump to latest">{arrowDownIcon()}</button>
 */
export const arrowDownIcon = (): ReactElement => icon("M12 5v14m-7-7 7 7 7-7");

/**
 * A wrench: a tool call.
 *
 * @example
 * <div className="rv-tool-head">{toolIcon()}</div>
 */
export const toolIcon = (): ReactElement =>
  icon("M14.7 6.3a4 4 0 0 0-5.4 5.2L3 17.8 6.2 21l6.3-6.3a4 4 0 0 0 5.2-5.4l-2.6 2.6-2.5-.7-.7-2.5z");

/**
 * The default avatar: a small spark.
 *
 * @example
 * <div className="rv-avatar"><SparkIcon /></div>
 */
export const sparkIcon = (): ReactElement =>
  icon("M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5 18 18M6 18l2.5-2.5M15.5 8.5 18 6");

/** {@link sendIcon} as a component. @example <SendIcon /> */
export const SendIcon = sendIcon;
/** {@link stopIcon} as a component. @example <StopIcon /> */
export const StopIcon = stopIcon;
/** {@link copyIcon} as a component. @example <CopyIcon /> */
export const CopyIcon = copyIcon;
/** {@link checkIcon} as a component. @example <CheckIcon /> */
export const CheckIcon = checkIcon;
/** {@link refreshIcon} as a component. @example <RefreshIcon /> */
export const RefreshIcon = refreshIcon;
/** {@link editIcon} as a component. @example <EditIcon /> */
export const EditIcon = editIcon;
/** {@link newChatIcon} as a component. @example <NewChatIcon /> */
export const NewChatIcon = newChatIcon;
/** {@link closeIcon} as a component. @example <CloseIcon /> */
export const CloseIcon = closeIcon;
/** {@link arrowDownIcon} as a component. @example <ArrowDownIcon /> */
export const ArrowDownIcon = arrowDownIcon;
/** {@link toolIcon} as a component. @example <ToolIcon /> */
export const ToolIcon = toolIcon;
/** {@link sparkIcon} as a component. @example <SparkIcon /> */
export const SparkIcon = sparkIcon;
