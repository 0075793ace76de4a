// English texts of everything Muster sends (e-mails, chat and webhook messages), by message id,
// in ICU MessageFormat. Another language is a file beside this one with the same ids (i18n.ts).
export const EN = {
  // Event names (subscription settings, webhook configuration, digests)
  "event.finding.new.name": "New banned software found",
  "event.finding.reinstalled.name": "Banned software back after a verified removal",
  "event.agency.status.name": "Agency at risk or overdue",
  "event.deadline.near.name": "Deadline in 14, 7 or 1 days with banned endpoints",
  "event.stale.rising.name": "Stale endpoints above the threshold",
  "event.waiver.requested.name": "Waiver requested (to those who may approve it)",
  "event.waiver.expiring.name": "Waiver expiring within 7 days",
  "event.report.published.name": "Report published",

  // One line (title) and a sentence (detail) per event
  "event.finding.new.title": "{count, plural, one {# new finding} other {# new findings}} of banned software in {agency}",
  "event.finding.new.detail": "Banned software was detected where it had not been found before ({when}).",
  "event.finding.reinstalled.title": "Banned software is back on {count, plural, one {# endpoint} other {# endpoints}} in {agency}",
  "event.finding.reinstalled.detail": "It had been removed, and the removal verified by the agent, before it came back ({when}).",
  "event.agency.status.title": "{agency} is {status, select, at-risk {at risk} overdue {overdue} other {{status}}}",
  "event.agency.status.detail":
    "{status, select, overdue {The deadline of {deadline} has passed with {open, plural, one {# open finding} other {# open findings}}.} other {At the removal pace of the last 14 days, {open, plural, one {its # open finding outlasts} other {its # open findings outlast}} the deadline of {deadline}.}}",
  "event.deadline.near.title": "{days, plural, =0 {The deadline of {agency} is today} one {# day to the deadline of {agency}} other {# days to the deadline of {agency}}}",
  "event.deadline.near.detail": "{banned, plural, one {# endpoint still carries} other {# endpoints still carry}} banned software; the deadline is {deadline}.",
  "event.stale.rising.title": "{percent} of the endpoints of {agency} are stale",
  "event.stale.rising.detail": "{stale, plural, one {# endpoint has} other {# endpoints have}} not reported for {days} days or more (of {endpoints, number}; the threshold is {threshold}).",
  "event.waiver.requested.title": "Waiver requested for {product} on {hostname} in {agency}",
  "event.waiver.requested.detail": "{requester} asks for an exception until {expires}: “{justification}”",
  "event.waiver.expiring.title": "Waiver expiring on {expires}: {product} on {hostname} in {agency}",
  "event.waiver.expiring.detail": "The finding opens again when the waiver expires, unless the product is removed or a new waiver is approved.",
  "event.report.published.title": "Report published: {title}",
  "event.report.published.detail": "Published by {publisher}. Fingerprint (SHA-256): {sha256}.",

  // Alerts (immediate)
  "alert.subject.many": "Muster: {count, plural, one {# alert} other {# alerts}} for {agencies, plural, =0 {the deployment} one {# agency} other {# agencies}}",
  "alert.subject.finding.new": "{count, plural, one {# new finding} other {# new findings}} of banned software in {agencies, plural, one {# agency} other {# agencies}}",
  "alert.subject.finding.reinstalled": "Banned software is back on {count, plural, one {# endpoint} other {# endpoints}} in {agencies, plural, one {# agency} other {# agencies}}",
  "alert.intro": "{count, plural, one {This needs your attention:} other {These need your attention:}}",
  "alert.more": "{count, plural, one {# more alert} other {# more alerts}} in Muster.",

  // Digests
  "daily.subject": "Muster daily digest, {date}: {banned, plural, =0 {no endpoint with banned software} one {# endpoint with banned software} other {# endpoints with banned software}}",
  "daily.subject.nochange": "Muster daily digest, {date}: no change",
  "daily.title": "Daily digest",
  "weekly.subject": "Muster weekly summary, {from} to {to}: {banned, plural, =0 {no endpoint with banned software} one {# endpoint with banned software} other {# endpoints with banned software}}",
  "weekly.title": "Weekly summary",
  "digest.period.day": "Changes on {date}, and the figures now.",
  "digest.period.range": "Changes from {from} to {to}, and the figures now.",
  "digest.nochange": "No change since the last {kind, select, weekly {summary} other {digest}}: no banned software appeared, was removed or came back, and no alert was raised.",
  "digest.scope": "{count, plural, one {# agency} other {# agencies}}: {names}",
  "digest.scope.more": "{names} and {count, plural, one {# more} other {# more}}",
  "digest.agencies": "By agency",
  "digest.events": "Alerts in this period",
  "digest.more": "{count, plural, one {# more agency} other {# more agencies}} on the Agencies page.",
  "digest.open": "Open the overview",

  // Figures and table headings
  "figure.endpoints": "Endpoints",
  "figure.banned": "Banned software",
  "figure.remnants": "Remnants",
  "figure.stale": "Stale",
  "figure.openFindings": "Open findings",
  "figure.detections": "New findings",
  "figure.removals": "Removals",
  "figure.reinstalls": "Reinstalls",
  "table.agency": "Agency",
  "table.status": "Status",
  "table.banned": "Banned",
  "table.open": "Open",
  "table.new": "New",
  "table.removed": "Removed",
  "table.reinstalled": "Back",
  "table.deadline": "Deadline",
  "table.none": "–",
  "status.done": "Done",
  "status.on-track": "On track",
  "status.at-risk": "At risk",
  "status.overdue": "Overdue",
  "status.no-deadline": "No deadline",

  // Test messages
  "test.subject": "Muster test message",
  "test.body": "This is a test message from Muster, sent by {actor} to check the {channel} channel. No action is needed.",

  "channel.email": "e-mail",
  "channel.standard": "webhook",
  "channel.teams": "Microsoft Teams",
  "channel.slack": "Slack or Mattermost",

  "when.at": "{at}",
  "when.range": "{from} to {to}",

  // Common parts
  "common.greeting": "Hello {name},",
  "common.open": "Open in Muster",
  "common.footer.alert": "You receive these alerts because of your notification settings in Muster.",
  "common.footer.daily": "You receive this digest every day, also when nothing changed, because of your notification settings in Muster.",
  "common.footer.weekly": "You receive this summary every Monday, also when nothing changed, because of your notification settings in Muster.",
  "common.footer.test": "An administrator sent this message from the notification settings of Muster.",
  "common.settings": "Change your notifications",
  "common.unsubscribe.alert": "Stop these alerts",
  "common.unsubscribe.daily": "Stop the daily digest",
  "common.unsubscribe.weekly": "Stop the weekly summary",
  "common.product": "Muster",
} as const;

export type MessageId = keyof typeof EN;
