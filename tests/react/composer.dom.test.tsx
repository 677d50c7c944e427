import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { Composer } from "../../src/react/composer.js";

function Harness(props: { busy?: boolean; onSubmit?: (text: string) => void; onStop?: () => void; initial?: string }) {
  const [value, setValue] = useState(props.initial ?? "");
  return (
    <Composer
      value={value}
      onChange={setValue}
      onSubmit={props.onSubmit ?? (() => undefined)}
      onStop={props.onStop ?? (() => undefined)}
      busy={props.busy ?? false}
      label="Message"
      placeholder="Say something"
      sendLabel="Send"
      stopLabel="Stop"
    />
  );
}

describe("Composer", () => {
  it("sends on Enter and inserts a newline on Shift+Enter", async () => {
    const onSubmit = vi.fn<(text: string) => void>();
    render(<Harness onSubmit={onSubmit} />);
    const box = screen.getByRole("textbox", { name: "Message" });
    await userEvent.type(box, "line one{Shift>}{Enter}{/Shift}line two");
    expect(onSubmit).not.toHaveBeenCalled();
    expect(box).toHaveProperty("value", "line one\nline two");
    await userEvent.type(box, "{Enter}");
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith("line one\nline two");
  });

  it("does not send while an input method is composing (isComposing, keyCode 229, composition events)", () => {
    const onSubmit = vi.fn<(text: string) => void>();
    render(<Harness onSubmit={onSubmit} initial="にほんご" />);
    const box = screen.getByRole("textbox");
    fireEvent.keyDown(box, { key: "Enter", isComposing: true });
    fireEvent.keyDown(box, { key: "Enter", keyCode: 229 });
    fireEvent.compositionStart(box);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.compositionEnd(box);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith("にほんご");
  });

  it("does not send blank text, and says so with aria-disabled rather than disabled", async () => {
    const onSubmit = vi.fn<(text: string) => void>();
    render(<Harness onSubmit={onSubmit} initial="   " />);
    const button = screen.getByRole("button", { name: "Send" });
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(button).toHaveProperty("disabled", false);
    await userEvent.click(button);
    fireEvent.keyDown(screen.getByRole("textbox"), { key: "Enter" });
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("is one button element: Send while idle, Stop while busy, and focus stays on it", async () => {
    const onStop = vi.fn<() => void>();
    const { rerender } = render(<Harness initial="hi" />);
    const send = screen.getByRole("button", { name: "Send" });
    send.focus();
    rerender(<Harness initial="hi" busy onStop={onStop} />);
    const stop = screen.getByRole("button", { name: "Stop" });
    expect(stop).toBe(send);
    expect(document.activeElement).toBe(stop);
    await userEvent.click(stop);
    expect(onStop).toHaveBeenCalledTimes(1);
    rerender(<Harness initial="hi" />);
    expect(screen.getByRole("button", { name: "Send" })).toBe(send);
    expect(document.activeElement).toBe(send);
  });

  it("stops on Escape while busy, and does not submit on Enter while busy", () => {
    const onStop = vi.fn<() => void>();
    const onSubmit = vi.fn<(text: string) => void>();
    render(<Harness busy onStop={onStop} onSubmit={onSubmit} initial="next question" />);
    const box = screen.getByRole("textbox");
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: "Escape" });
    expect(onStop).toHaveBeenCalledTimes(1);
  });
});
