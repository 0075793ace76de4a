// The e-mails: an alert (one or many events), the test message. Digests are in digest.ts. Each is
// a Doc rendered to text and HTML, with the link to one's settings and a one-click unsubscribe link
// (also sent as List-Unsubscribe / List-Unsubscribe-Post, RFC 8058).
import type { AgencyInfo, Person } from "./audience";
import { describeEvent, type StoredEvent } from "./describe";
import { supportedLocale, t } from "./i18n";
import { type Doc, renderHtml, renderText } from "./render";
import { mintUnsubscribeToken, type UnsubscribeTarget } from "./secrets";

export type RenderedEmail = { subject: string; text: string; html: string; unsubscribe: string | null };

/** At most this many events are written out in one alert; the rest are counted. */
export const MAX_ITEMS = 50;

/** The page a person opens from the e-mail (it asks before changing anything), and the RFC 8058
 *  one-click address mail clients POST to (List-Unsubscribe). The same signed token in both. */
/** The page speaks the e-mail's language (`lang`, outside the signed token: it changes only words). */
export function unsubscribeUrls(base: string, userId: number, target: UnsubscribeTarget, now: number, locale = "en"): { page: string; oneClick: string } {
  const token = encodeURIComponent(mintUnsubscribeToken(userId, target, now));
  return { page: `${base}/unsubscribe?token=${token}&lang=${encodeURIComponent(supportedLocale(locale))}`, oneClick: `${base}/api/notify/unsubscribe?token=${token}` };
}

/** Footer of every e-mail to a person: why they get it, their settings, the one-click stop. */
export function personFooter(p: Pick<Person, "id" | "locale">, base: string, target: UnsubscribeTarget, now: number): { footer: Doc["footer"]; unsubscribe: string } {
  const urls = unsubscribeUrls(base, p.id, target, now, p.locale);
  return {
    unsubscribe: urls.oneClick,
    footer: {
      why: t(p.locale, `common.footer.${target}`),
      links: [
        { label: t(p.locale, "common.settings"), url: `${base}/notifications` },
        { label: t(p.locale, `common.unsubscribe.${target}`), url: urls.page },
      ],
    },
  };
}

export function render(doc: Doc, subject: string, unsubscribe: string | null): RenderedEmail {
  return { subject, text: renderText(doc), html: renderHtml(doc), unsubscribe };
}

/** One event: its title; several of one counted kind: their sum; otherwise how many alerts. */
export function alertSubject(loc: string, events: StoredEvent[], firstTitle: string): string {
  if (events.length === 1) return firstTitle;
  const agencies = new Set(events.map((e) => e.agencyId).filter((a) => a !== null)).size;
  const kind = events[0]!.kind;
  if ((kind === "finding.new" || kind === "finding.reinstalled") && events.every((e) => e.kind === kind)) {
    return t(loc, `alert.subject.${kind}`, { count: events.reduce((n, e) => n + e.count, 0), agencies });
  }
  return t(loc, "alert.subject.many", { count: events.length, agencies });
}

export function alertEmail(p: Person, events: StoredEvent[], agencies: Map<number, AgencyInfo>, base: string, now: number): RenderedEmail {
  const loc = p.locale;
  const items = events.slice(0, MAX_ITEMS).map((e) => describeEvent(loc, base, e, e.agencyId === null ? undefined : agencies.get(e.agencyId)));
  const subject = alertSubject(loc, events, items[0]!.title);
  const { footer, unsubscribe } = personFooter(p, base, "alert", now);
  const blocks: Doc["blocks"] = [
    { type: "p", text: t(loc, "alert.intro", { count: events.length }) },
    { type: "items", items },
  ];
  if (events.length > MAX_ITEMS) blocks.push({ type: "button", label: t(loc, "alert.more", { count: events.length - MAX_ITEMS }), url: `${base}/` });
  const doc: Doc = { lang: loc, title: subject, greeting: t(loc, "common.greeting", { name: p.name }), blocks, footer };
  return render(doc, subject, unsubscribe);
}

export function testEmail(p: Pick<Person, "name" | "locale">, base: string, actor: string): RenderedEmail {
  const loc = p.locale;
  const subject = t(loc, "test.subject");
  const doc: Doc = {
    lang: loc,
    title: subject,
    greeting: t(loc, "common.greeting", { name: p.name }),
    blocks: [
      { type: "p", text: t(loc, "test.body", { actor, channel: t(loc, "channel.email") }) },
      { type: "button", label: t(loc, "common.open"), url: `${base}/` },
    ],
    footer: { why: t(loc, "common.footer.test"), links: [{ label: t(loc, "common.settings"), url: `${base}/notifications` }] },
  };
  return render(doc, subject, null);
}
