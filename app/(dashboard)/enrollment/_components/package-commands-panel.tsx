"use client";
// Silent-install commands for the packages, one tab per management tool, each with a copy button.
import { useTranslations } from "next-intl";
import { CommandTabs } from "./command-tabs";
import { PACKAGE_TOOLS, type PackageNames, packageCommands } from "./package-commands";

export function PackageCommandsPanel({ serverUrl, token, names }: { serverUrl: string; token: string; names: PackageNames }) {
  const t = useTranslations("enrollment.deploy");
  const tabs = PACKAGE_TOOLS.map((tool) => ({ key: tool.key, label: tool.label, note: t(`notes.${tool.key}`), text: packageCommands(tool.key, serverUrl, token, names) }));
  return <CommandTabs tabs={tabs} ariaLabel={t("tabsLabel")} idPrefix="deploy" panelLabel={(label) => t("panelLabel", { label })} copyLabel={(label) => t("copyLabel", { label })} />;
}
