import { describe, expect, it } from "vitest";
import { mintRenderToken, RENDER_TOKEN_TTL_MS, verifyRenderToken } from "~/server/reports/render-token";

const SECRET = "test-secret-for-render-tokens";
const NOW = Date.UTC(2026, 2, 31, 12);

describe("render tokens", () => {
  it("open the one report they were minted for, within a minute", () => {
    const token = mintRenderToken(SECRET, 12, NOW);
    expect(verifyRenderToken(SECRET, token, 12, NOW)).toBe(true);
    expect(verifyRenderToken(SECRET, token, 12, NOW + RENDER_TOKEN_TTL_MS - 1)).toBe(true);
    expect(verifyRenderToken(SECRET, token, 12, NOW + RENDER_TOKEN_TTL_MS)).toBe(false);
    expect(verifyRenderToken(SECRET, token, 13, NOW)).toBe(false);
  });

  it("are refused when forged, altered or signed with another secret", () => {
    const token = mintRenderToken(SECRET, 12, NOW);
    expect(verifyRenderToken("another-secret", token, 12, NOW)).toBe(false);
    const parts = token.split(".");
    const longer = [...parts.slice(0, 2), String(NOW + 10 * RENDER_TOKEN_TTL_MS), ...parts.slice(3)].join(".");
    expect(verifyRenderToken(SECRET, longer, 12, NOW)).toBe(false);
    const otherReport = [parts[0], "13", ...parts.slice(2)].join(".");
    expect(verifyRenderToken(SECRET, otherReport, 13, NOW)).toBe(false);
    for (const junk of [null, undefined, "", "v1", "v1.12.1.2.3", "x".repeat(500)]) expect(verifyRenderToken(SECRET, junk, 12, NOW)).toBe(false);
  });

  it("are different every time (a random part)", () => {
    expect(mintRenderToken(SECRET, 1, NOW)).not.toBe(mintRenderToken(SECRET, 1, NOW));
  });
});
