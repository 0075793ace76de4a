// Endpoint management and vulnerability-assessment agents: Tanium, Qualys, Rapid7, Tenable.
// Category `management-agent`: they report on, but do not protect, the endpoint.
import type { CatalogVendor } from "../types";
import { bundle, named, path, pkg, service, unit } from "./helpers";

export const TANIUM: CatalogVendor = {
  slug: "tanium",
  name: "Tanium",
  country: "US",
  publishers: ["^Tanium\\b"],
  fallbackProduct: "tanium-client",
  products: [
    {
      slug: "tanium-client",
      name: "Tanium Client",
      category: "management-agent",
      signatures: [
        named("^Tanium Client"),
        service("Tanium Client|TaniumClient"),
        ...pkg("taniumclient|TaniumClient"),
        ...unit("taniumclient"),
        ...path("/opt/Tanium/TaniumClient|/Library/Tanium"),
        bundle("com\\.tanium\\."),
      ],
    },
  ],
};

export const QUALYS: CatalogVendor = {
  slug: "qualys",
  name: "Qualys",
  country: "US",
  publishers: ["^Qualys\\b"],
  fallbackProduct: "qualys-cloud-agent",
  products: [
    {
      slug: "qualys-cloud-agent",
      name: "Qualys Cloud Agent",
      category: "management-agent",
      signatures: [
        named("^Qualys (?:Cloud (?:Security )?Agent|Agent)"),
        service("QualysAgent"),
        ...pkg("qualys-cloud-agent"),
        ...unit("qualys-cloud-agent"),
        ...path("/usr/local/qualys/cloud-agent|/etc/qualys|/usr/local/qualys"),
        bundle("com\\.qualys\\."),
      ],
    },
  ],
};

export const RAPID7: CatalogVendor = {
  slug: "rapid7",
  name: "Rapid7",
  country: "US",
  publishers: ["^Rapid7\\b"],
  fallbackProduct: "rapid7-insight-agent",
  products: [
    {
      slug: "rapid7-insight-agent",
      name: "Rapid7 Insight Agent",
      category: "management-agent",
      signatures: [
        named("^Rapid7 Insight Agent|^Insight Agent$"),
        service("ir_agent|rapid7_agent_core"),
        ...pkg("rapid7-insight-agent|ir-agent"),
        ...unit("ir_agent"),
        ...path("/opt/rapid7/ir_agent|/opt/rapid7"),
        bundle("com\\.rapid7\\."),
      ],
    },
  ],
};

export const TENABLE: CatalogVendor = {
  slug: "tenable",
  name: "Tenable",
  country: "US",
  publishers: ["^Tenable\\b"],
  products: [
    {
      slug: "tenable-nessus-agent",
      name: "Tenable Nessus Agent",
      category: "management-agent",
      signatures: [
        named("^(?:Tenable )?Nessus Agent"),
        service("Tenable Nessus Agent"),
        ...pkg("NessusAgent|nessusagent"),
        ...unit("nessusagent"),
        ...path("/opt/nessus_agent|/Library/NessusAgent"),
        bundle("com\\.tenablesecurity\\.nessusagent|com\\.tenable\\.nessusagent"),
      ],
    },
    {
      slug: "tenable-nessus",
      name: "Tenable Nessus (scanner)",
      category: "other-security",
      signatures: [named("^(?:Tenable )?Nessus\\b"), service("Tenable Nessus"), ...pkg("Nessus|nessus"), ...unit("nessusd"), ...path("/opt/nessus")],
    },
  ],
};
