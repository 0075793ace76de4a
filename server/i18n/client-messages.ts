// The part of a catalog client components translate with. app/_components/intl-provider.tsx picks
// it from the catalogs the client code is bundled with (cached by the browser once), so no page
// carries messages in its flight data; before, each page carried this part (about 45 KB), and
// before that the whole catalog (about 100 KB of English, more of Dutch). Server components
// translate on the server and need nothing here. tests/unit/i18n/client-messages.test.ts holds
// the list to the code: every namespace a module reachable from a "use client" file translates
// must be covered.
import type { Messages } from "./catalogs";

/** Message paths (a namespace, or one of its parts) that client components translate. */
export const CLIENT_MESSAGES = [
  // the namespaces the client components translate with
  "agencies.create",
  "agencies.tree",
  "catalog",
  "charts",
  "common",
  "endpoints.admit",
  "endpoints.revoke",
  "enrollment.deploy",
  "enrollment.form",
  "enrollment.install",
  "enrollment.revoke",
  "enrollment.versions",
  "import.actions",
  "import.rowErrors",
  "import.statuses",
  "import.tokenForm",
  "import.upload",
  "loading",
  "notifications.actions",
  "notifications.prefs",
  "notifications.webhookForm",
  "policies.form",
  "policies.reevaluation",
  "policies.toggle",
  "reports.publish",
  "roles",
  "shell",
  "signin",
  "users.actions",
  "users.form",
  "verify.form",
  "waivers.decide",
  "waivers.request",
  // keys the server sends, translated in the browser (app/_trpc/errors.ts, import/_components/upload-form.tsx)
  "errors",
  "importText",
  // the labels of app/_components/labels.ts
  "states.label",
  "states.help",
  "categories",
  "waivers.status",
  "findings.status",
  "findings.presence",
  "sources",
  "evidence",
] as const;

type Tree = { [key: string]: string | Tree };

/** The messages under CLIENT_MESSAGES' paths, in the catalog's shape. */
export function clientMessages(messages: Messages): Messages {
  const out: Tree = {};
  for (const p of CLIENT_MESSAGES) {
    const parts = p.split(".");
    let from: string | Tree | undefined = messages as unknown as Tree;
    for (const part of parts) from = typeof from === "object" ? from[part] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const part of parts.slice(0, -1)) to = (to[part] ??= {}) as Tree;
    to[parts.at(-1)!] = from;
  }
  return out as unknown as Messages;
}
