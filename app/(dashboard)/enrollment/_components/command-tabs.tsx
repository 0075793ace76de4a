"use client";
// Copy-paste commands in tabs (one per OS or management tool), each with a copy button.
import { useState } from "react";
import { CopyButton } from "../../_components/copy-button";

export type CommandTab = { key: string; label: string; note: string; text: string };

type Props = { tabs: CommandTab[]; ariaLabel: string; idPrefix: string; panelLabel: (label: string) => string; copyLabel: (label: string) => string };

export function CommandTabs({ tabs, ariaLabel, idPrefix, panelLabel, copyLabel }: Props) {
  const [key, setKey] = useState(tabs[0]!.key);
  const tab = tabs.find((t) => t.key === key) ?? tabs[0]!;
  return (
    <div>
      <div className="tabs" role="tablist" aria-label={ariaLabel}>
        {tabs.map((t) => (
          <a
            key={t.key}
            href={`#${idPrefix}-${t.key}`}
            role="tab"
            aria-selected={t.key === tab.key}
            aria-current={t.key === tab.key ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              setKey(t.key);
            }}
          >
            {t.label}
          </a>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-${tab.key}`} aria-label={panelLabel(tab.label)}>
        <p className="small muted">{tab.note}</p>
        <pre className="cmd" data-testid={`${idPrefix}-${tab.key}`}>
          {tab.text}
        </pre>
        <CopyButton text={tab.text} label={copyLabel(tab.label)} />
      </div>
    </div>
  );
}
