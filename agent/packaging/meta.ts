// What every package says about itself, and the options of the units the Linux packages ship
// (install-service's defaults: every hour, up to 10 minutes of random delay).
import type { ServiceOptions } from "../src/service/plan";
import { LINUX } from "./linux-scripts";

export const PACKAGE_META = {
  summary: "Muster agent: reports installed security software",
  description: `Finds installed security software (antivirus, EDR, firewalls, management
agents, their services and drivers) and reports only that to a Muster server,
so an administration can prove banned products are gone.

A single executable (Node.js built in); runs from a systemd timer.`,
  maintainer: "Muster maintainers <muster@example.gov>",
  vendor: "Muster",
  homepage: "https://muster.example.gov",
  license: "MIT",
  copyright: `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: muster-agent

Files: *
Copyright: 2024-2026 Muster maintainers
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of
 this software and associated documentation files, to deal in the Software
 without restriction, subject to the above copyright notice being included in
 all copies. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
 .
 The executable embeds Node.js (MIT License, Copyright Node.js contributors).
`,
  /** Lintian tags that cannot be fixed for a single executable, each with why. */
  lintianOverrides: [
    // The Node.js binary carries its own libraries (V8, OpenSSL, ICU...): that is what makes it self-contained.
    "embedded-library *",
    // Stripping would drop the injected SEA blob; the binary comes from Node's release as built.
    "unstripped-binary-or-object [opt/muster-agent/muster-agent]",
    // Node's release build enables the hardening it enables; we cannot rebuild it.
    "hardening-no-pie [opt/muster-agent/muster-agent]",
    // A command-line tool whose --help is its manual.
    "no-manual-page [opt/muster-agent/muster-agent]",
    // /opt is where self-contained third-party agents live (the install path is documented).
    "dir-or-file-in-opt *",
    // The dpkg collector reads /var/lib/dpkg/status: listing installed packages is the agent's job.
    "uses-dpkg-database-directly [opt/muster-agent/muster-agent]",
    // Enrollment needs a server and a token that only the administrator knows: not a debconf question.
    "maintainer-script-ignores-errors",
  ],
};

export function unitOptions(): ServiceOptions {
  return { platform: "linux", sea: true, nodePath: "", stateDir: LINUX.state, intervalSeconds: 3600, splaySeconds: 600 };
}
