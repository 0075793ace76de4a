// Dutch texts of everything Muster sends, by the ids of en.ts (every id, the same placeholders:
// tests/unit/notify/catalogs.test.ts). Formal "u", the terms of the dashboard's Dutch catalog
// (werkplek, bevinding, uitzondering, organisatie, verouderd, uiterste datum).
import type { MessageId } from "./en";

export const NL: Record<MessageId, string> = {
  // Event names (subscription settings, webhook configuration, digests)
  "event.finding.new.name": "Nieuwe verboden software gevonden",
  "event.finding.reinstalled.name": "Verboden software terug na een aangetoonde verwijdering",
  "event.agency.status.name": "Organisatie in gevaar of te laat",
  "event.deadline.near.name": "Uiterste datum over 14, 7 of 1 dag en nog werkplekken met verboden software",
  "event.stale.rising.name": "Verouderde werkplekken boven de drempel",
  "event.waiver.requested.name": "Uitzondering aangevraagd (naar wie deze mag goedkeuren)",
  "event.waiver.expiring.name": "Uitzondering verloopt binnen 7 dagen",
  "event.report.published.name": "Rapportage gepubliceerd",

  // One line (title) and a sentence (detail) per event
  "event.finding.new.title": "{count, plural, one {# nieuwe bevinding} other {# nieuwe bevindingen}} van verboden software in {agency}",
  "event.finding.new.detail": "Er is verboden software aangetroffen waar die eerder niet was gevonden ({when}).",
  "event.finding.reinstalled.title": "Verboden software is terug op {count, plural, one {# werkplek} other {# werkplekken}} in {agency}",
  "event.finding.reinstalled.detail": "De software was verwijderd, en de agent had de verwijdering bevestigd, voordat deze terugkwam ({when}).",
  "event.agency.status.title": "{agency} is {status, select, at-risk {in gevaar} overdue {te laat} other {{status}}}",
  "event.agency.status.detail":
    "{status, select, overdue {De uiterste datum van {deadline} is verstreken met {open, plural, one {# openstaande bevinding} other {# openstaande bevindingen}}.} other {Bij het verwijdertempo van de afgelopen 14 dagen {open, plural, one {staat de # openstaande bevinding na de uiterste datum van {deadline} nog open} other {staan de # openstaande bevindingen na de uiterste datum van {deadline} nog open}}.}}",
  "event.deadline.near.title":
    "{days, plural, =0 {De uiterste datum van {agency} is vandaag} one {Nog # dag tot de uiterste datum van {agency}} other {Nog # dagen tot de uiterste datum van {agency}}}",
  "event.deadline.near.detail": "Op {banned, plural, one {# werkplek staat} other {# werkplekken staat}} nog verboden software; de uiterste datum is {deadline}.",
  "event.stale.rising.title": "{percent} van de werkplekken van {agency} is verouderd",
  "event.stale.rising.detail": "{stale, plural, one {# werkplek heeft} other {# werkplekken hebben}} {days} dagen of langer niet gerapporteerd (van {endpoints, number}; de drempel is {threshold}).",
  "event.waiver.requested.title": "Uitzondering aangevraagd voor {product} op {hostname} in {agency}",
  "event.waiver.requested.detail": "{requester} vraagt een uitzondering aan tot {expires}: “{justification}”",
  "event.waiver.expiring.title": "Uitzondering verloopt op {expires}: {product} op {hostname} in {agency}",
  "event.waiver.expiring.detail": "De bevinding staat weer open zodra de uitzondering verloopt, tenzij het product is verwijderd of een nieuwe uitzondering is goedgekeurd.",
  "event.report.published.title": "Rapportage gepubliceerd: {title}",
  "event.report.published.detail": "Gepubliceerd door {publisher}. Vingerafdruk (SHA-256): {sha256}.",

  // Alerts (immediate)
  "alert.subject.many": "Muster: {count, plural, one {# melding} other {# meldingen}} voor {agencies, plural, =0 {alle organisaties} one {# organisatie} other {# organisaties}}",
  "alert.subject.finding.new": "{count, plural, one {# nieuwe bevinding} other {# nieuwe bevindingen}} van verboden software in {agencies, plural, one {# organisatie} other {# organisaties}}",
  "alert.subject.finding.reinstalled": "Verboden software is terug op {count, plural, one {# werkplek} other {# werkplekken}} in {agencies, plural, one {# organisatie} other {# organisaties}}",
  "alert.intro": "{count, plural, one {Dit vraagt uw aandacht:} other {Deze meldingen vragen uw aandacht:}}",
  "alert.more": "{count, plural, one {Nog # melding} other {Nog # meldingen}} in Muster.",

  // Digests
  "daily.subject": "Muster dagoverzicht, {date}: {banned, plural, =0 {geen werkplek met verboden software} one {# werkplek met verboden software} other {# werkplekken met verboden software}}",
  "daily.subject.nochange": "Muster dagoverzicht, {date}: geen verandering",
  "daily.title": "Dagoverzicht",
  "weekly.subject":
    "Muster weekoverzicht, {from} tot en met {to}: {banned, plural, =0 {geen werkplek met verboden software} one {# werkplek met verboden software} other {# werkplekken met verboden software}}",
  "weekly.title": "Weekoverzicht",
  "digest.period.day": "Veranderingen op {date}, en de stand van nu.",
  "digest.period.range": "Veranderingen van {from} tot en met {to}, en de stand van nu.",
  "digest.nochange":
    "Geen verandering sinds het vorige {kind, select, weekly {weekoverzicht} other {dagoverzicht}}: er is geen verboden software bijgekomen, verwijderd of teruggekomen, en er is geen melding gedaan.",
  "digest.scope": "{count, plural, one {# organisatie} other {# organisaties}}: {names}",
  "digest.scope.more": "{names} en {count, plural, one {nog #} other {nog #}}",
  "digest.agencies": "Per organisatie",
  "digest.events": "Meldingen in deze periode",
  "digest.more": "{count, plural, one {Nog # organisatie} other {Nog # organisaties}} op de pagina Organisaties.",
  "digest.open": "Overzicht openen",

  // Figures and table headings
  "figure.endpoints": "Werkplekken",
  "figure.banned": "Verboden software",
  "figure.remnants": "Restanten",
  "figure.stale": "Verouderd",
  "figure.openFindings": "Openstaande bevindingen",
  "figure.detections": "Nieuwe bevindingen",
  "figure.removals": "Verwijderingen",
  "figure.reinstalls": "Herinstallaties",
  "table.agency": "Organisatie",
  "table.status": "Status",
  "table.banned": "Verboden",
  "table.open": "Open",
  "table.new": "Nieuw",
  "table.removed": "Verwijderd",
  "table.reinstalled": "Terug",
  "table.deadline": "Uiterste datum",
  "table.none": "–",
  "status.done": "Afgerond",
  "status.on-track": "Op schema",
  "status.at-risk": "In gevaar",
  "status.overdue": "Te laat",
  "status.no-deadline": "Geen uiterste datum",

  // Test messages
  "test.subject": "Muster-testbericht",
  "test.body": "Dit is een testbericht van Muster, verstuurd door {actor} om het kanaal {channel} te controleren. U hoeft niets te doen.",

  "channel.email": "e-mail",
  "channel.standard": "webhook",
  "channel.teams": "Microsoft Teams",
  "channel.slack": "Slack of Mattermost",

  "when.at": "{at}",
  "when.range": "{from} tot {to}",

  // Common parts
  "common.greeting": "Beste {name},",
  "common.open": "Openen in Muster",
  "common.footer.alert": "U ontvangt deze meldingen vanwege uw instellingen voor meldingen in Muster.",
  "common.footer.daily": "U ontvangt dit overzicht elke dag, ook als er niets is veranderd, vanwege uw instellingen voor meldingen in Muster.",
  "common.footer.weekly": "U ontvangt dit overzicht elke maandag, ook als er niets is veranderd, vanwege uw instellingen voor meldingen in Muster.",
  "common.footer.test": "Een beheerder heeft dit bericht verstuurd vanuit de instellingen voor meldingen in Muster.",
  "common.settings": "Uw meldingen wijzigen",
  "common.unsubscribe.alert": "Deze meldingen stoppen",
  "common.unsubscribe.daily": "Het dagoverzicht stoppen",
  "common.unsubscribe.weekly": "Het weekoverzicht stoppen",
  "common.product": "Muster",
};
