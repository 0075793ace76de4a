"use client";
// Install commands per OS (tabs), each with a copy button.
import { useState } from "react";
import { CopyButton } from "../../_components/copy-button";
import { INSTALL_TARGETS, type InstallTarget, installCommands } from "./install-commands";

export function InstallPanel({ serverUrl, token, sha256 }: { serverUrl: string; token: string; sha256: string | null }) {
  const [target, setTarget] = useState<InstallTarget>("linux");
  const text = installCommands(target, serverUrl, token, sha256);
  const info = INSTALL_TARGETS.find((t) => t.key === target)!;
  return (
    <div>
      <div className="tabs" role="tablist" aria-label="Operating system">
        {INSTALL_TARGETS.map((t) => (
          <a
            key={t.key}
            href={`#install-${t.key}`}
            role="tab"
            aria-selected={t.key === target}
            aria-current={t.key === target ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              setTarget(t.key);
            }}
          >
            {t.label}
          </a>
        ))}
      </div>
      <div role="tabpanel" id={`install-${target}`} aria-label={`${info.label} install commands`}>
        <p className="small muted">{info.note}</p>
        <pre className="cmd" data-testid={`install-${target}`}>
          {text}
        </pre>
        <CopyButton text={text} label={`Copy ${info.label} commands`} />
      </div>
    </div>
  );
}
