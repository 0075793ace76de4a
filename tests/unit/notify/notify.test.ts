// Pure parts of notifications: the message catalog and its ICU formatter, Standard Webhooks
// signatures (the specification's own test vector), unsubscribe tokens, sealing, backoff.
import { describe, expect, it } from "vitest";
import { parseMessage, t } from "~/server/notify/i18n";
import { EN } from "~/server/notify/messages/en";
import { signWebhook } from "~/server/notify/channels/webhook";
import { digestPeriod } from "~/server/notify/digest";
import { backoffMs } from "~/server/notify/worker";

process.env.AUTH_SECRET ||= "unit-tests-auth-secret-0123456789abcdef";
const secrets = await import("~/server/notify/secrets");
const { describeEvent } = await import("~/server/notify/describe");
const { alertEmail } = await import("~/server/notify/emails");
const { webhookBody } = await import("~/server/notify/payloads");

describe("message catalog", () => {
  it("parses every English message", () => {
    for (const [id, text] of Object.entries(EN)) expect(() => parseMessage(text), id).not.toThrow();
  });

  it("fills placeholders, plurals (with # and =0) and selects", () => {
    expect(t("en", "event.finding.new.title", { count: 1, agency: "Police (POL)" })).toBe("1 new finding of banned software in Police (POL)");
    expect(t("en", "event.finding.new.title", { count: 12345, agency: "Police (POL)" })).toBe("12,345 new findings of banned software in Police (POL)");
    expect(t("en", "event.deadline.near.title", { days: 0, agency: "Police" })).toBe("The deadline of Police is today");
    expect(t("en", "event.deadline.near.title", { days: 7, agency: "Police" })).toBe("7 days to the deadline of Police");
    expect(t("en", "event.agency.status.title", { agency: "Police", status: "at-risk" })).toBe("Police is at risk");
    expect(t("en", "event.agency.status.detail", { status: "overdue", deadline: "1 May", open: 1 })).toBe("The deadline of 1 May has passed with 1 open finding.");
  });

  it("falls back to English for a locale without a catalog", () => {
    expect(t("fr-BE", "common.greeting", { name: "An" })).toBe("Hello An,");
    expect(t(null as unknown as string, "common.greeting", { name: "An" })).toBe("Hello An,");
  });

  it("refuses malformed messages", () => {
    expect(() => parseMessage("{count, plural, one {x}")).toThrow();
    expect(() => parseMessage("{count, plural, one {x} few {y}}")).toThrow(/other/);
    expect(() => parseMessage("a } b")).toThrow(/Unbalanced/);
  });
});

describe("Standard Webhooks signature", () => {
  it("matches the specification's test vector", () => {
    const sig = signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
    expect(sig).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

describe("unsubscribe tokens", () => {
  it("round-trips and refuses forged, altered and expired tokens", () => {
    const now = Date.UTC(2026, 0, 5);
    const token = secrets.mintUnsubscribeToken(42, "daily", now);
    expect(secrets.verifyUnsubscribeToken(token, now + 1000)).toEqual({ userId: 42, target: "daily" });
    expect(secrets.verifyUnsubscribeToken(token.replace("u1.42.", "u1.43."), now)).toBeNull();
    expect(secrets.verifyUnsubscribeToken(token.replace(".daily.", ".alert."), now)).toBeNull();
    expect(secrets.verifyUnsubscribeToken(`${token.slice(0, -2)}xx`, now)).toBeNull();
    expect(secrets.verifyUnsubscribeToken(token, now + secrets.UNSUBSCRIBE_TTL_MS + 1000)).toBeNull();
    expect(secrets.verifyUnsubscribeToken("", now)).toBeNull();
    expect(secrets.verifyUnsubscribeToken("u1.1.all.9999999999.abc", now)).toBeNull();
  });
});

describe("sealing", () => {
  it("round-trips, never contains the plain text, and detects tampering", () => {
    const sealed = secrets.seal("https://hooks.example/secret-path");
    expect(sealed).not.toContain("secret-path");
    expect(secrets.unseal(sealed)).toBe("https://hooks.example/secret-path");
    expect(secrets.seal("x")).not.toBe(secrets.seal("x")); // random IV
    const parts = sealed.split(".");
    parts[2] = `A${parts[2]!.slice(1)}`;
    expect(() => secrets.unseal(parts.join("."))).toThrow(secrets.UnsealError);
  });
});

describe("retry schedule and digest periods", () => {
  it("doubles from the base with +-20% jitter, capped at 6 hours", () => {
    expect(backoffMs(1, 30_000, () => 0.5)).toBe(30_000);
    expect(backoffMs(2, 30_000, () => 0.5)).toBe(60_000);
    expect(backoffMs(5, 30_000, () => 0.5)).toBe(480_000);
    expect(backoffMs(30, 30_000, () => 0.5)).toBe(6 * 3_600_000);
    expect(backoffMs(1, 30_000, () => 0)).toBe(24_000);
    expect(backoffMs(1, 30_000, () => 1)).toBe(36_000);
  });

  it("covers the complete days since the previous digest", () => {
    expect(digestPeriod("daily", "2026-01-05", null)).toEqual({ from: "2026-01-04", to: "2026-01-04" });
    expect(digestPeriod("daily", "2026-01-05", "2026-01-04")).toEqual({ from: "2026-01-04", to: "2026-01-04" });
    expect(digestPeriod("daily", "2026-01-05", "2026-01-01")).toEqual({ from: "2026-01-01", to: "2026-01-04" });
    expect(digestPeriod("daily", "2026-03-05", "2025-01-01")).toEqual({ from: "2026-02-02", to: "2026-03-04" });
    expect(digestPeriod("weekly", "2026-01-05", "2025-12-29")).toEqual({ from: "2025-12-29", to: "2026-01-04" });
  });
});

describe("a published report's alert", () => {
  const event = { id: 2, kind: "report.published" as const, agencyId: 1, at: 0, lastAt: 0, count: 1 };
  const data = { reportId: 9, title: "Status report: Tax Administration (FIN-TAX), 31 March 2026", sha256: "ab".repeat(32), publisher: "o@m.test" };

  it("names the report in the reader's language; older events keep their stored title", () => {
    const withScope = { ...event, data: { ...data, asOf: "2026-03-31", scopeName: "Tax Administration", scopeCode: "FIN-TAX" } };
    expect(describeEvent("en", "https://m.test", withScope, undefined).title).toBe("Report published: Status report: Tax Administration (FIN-TAX), 31 March 2026");
    expect(describeEvent("nl", "https://m.test", withScope, undefined).title).toBe("Rapportage gepubliceerd: Voortgangsrapportage: Tax Administration (FIN-TAX), 31 maart 2026");
    expect(describeEvent("nl", "https://m.test", { ...event, data }, undefined).title).toBe(`Rapportage gepubliceerd: ${data.title}`);
  });
});

describe("hostile text from the data", () => {
  const hostile = "ws-1\r\nBcc: victim@example.gov\u202e <b>bold</b> [click](https://evil.test)";
  const agencies = new Map([[1, { id: 1, code: "AG", name: "Agency <script>", path: "/1/", parentId: null }]]);
  const event = {
    id: 1,
    kind: "waiver.requested" as const,
    agencyId: 1,
    at: 0,
    lastAt: 0,
    count: 1,
    data: { product: "kaspersky-endpoint-security", hostname: hostile, requester: "a@b.test", justification: "x".repeat(5000), expiresAt: 0 },
  };

  it("stays one line and bounded in words", () => {
    const item = describeEvent("en", "https://m.test", event, agencies.get(1));
    expect(item.title).not.toMatch(/[\r\n\u202e]/);
    expect(item.title).toContain("ws-1 Bcc: victim@example.gov");
    expect(item.detail!.length).toBeLessThan(800);
  });

  it("is escaped in e-mail HTML, and the subject is one line", () => {
    const person = { id: 7, email: "p@m.test", name: "Pat <i>", role: "officer" as const, locale: "en", scope: null, chosen: null, prefs: {} as never };
    const mail = alertEmail(person, [event], agencies, "https://m.test", Date.UTC(2026, 0, 5));
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain("<b>bold</b>");
    expect(mail.html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Hello Pat &lt;i&gt;,");
  });

  it("cannot become markup or a link in Teams or Slack messages", () => {
    const teams = webhookBody("teams", [event], agencies, "https://m.test", 0).body;
    expect(teams).not.toContain("](https://evil.test)");
    expect(teams).toContain("] (https://evil.test)");
    const slack = JSON.parse(webhookBody("slack", [event], agencies, "https://m.test", 0).body) as { text: string };
    expect(slack.text).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(slack.text).not.toContain("<b>");
  });
});
