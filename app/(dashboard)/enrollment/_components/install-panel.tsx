"use client";
// Install scripts per OS (tabs), each with a copy button. The scripts ask for the token (their
// prompt, like the scripts themselves, stays English: it is what the terminal shows).
import { useTranslations } from "next-intl";
import { CommandTabs } from "./command-tabs";
import { INSTALL_TARGETS, installCommands, TOKEN_PROMPT } from "./install-commands";

export function InstallPanel({ serverUrl, sha256 }: { serverUrl: string; sha256: string }) {
  const t = useTranslations("enrollment.install");
  const tabs = INSTALL_TARGETS.map((target) => ({
    key: target.key,
    label: target.label,
    note: `${t(`notes.${target.key}`)} ${t("tokenNote", { prompt: TOKEN_PROMPT })}`,
    text: installCommands(target.key, serverUrl, sha256),
  }));
  return <CommandTabs tabs={tabs} ariaLabel={t("tabsLabel")} idPrefix="install" panelLabel={(label) => t("panelLabel", { label })} copyLabel={(label) => t("copyLabel", { label })} />;
}
