"use client";
// Copies a text to the clipboard and says so (for tokens and install commands).
import { useState } from "react";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [done, setDone] = useState<"ok" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setDone("ok");
    } catch {
      setDone("failed");
    }
    setTimeout(() => setDone(null), 2500);
  }
  return (
    <button type="button" className="btn btn-small" onClick={copy} aria-live="polite">
      {done === "ok" ? "Copied" : done === "failed" ? "Copy failed: select and copy" : label}
    </button>
  );
}
