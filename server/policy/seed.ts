// The real measures against Kaspersky (and Dr.Web) that a deployment can put in force. Seeded at
// every start (upsert by slug) so text fixes ship with releases; `active` is never touched here:
// only an administrator chooses what is in force, and a fresh deployment has nothing active.
//
// The scope (vendors, categories) of an existing policy is never rewritten by the seed: a policy
// in force must not silently change what it covers; a different scope ships as a new slug.
//
// References marked "unverified" were not checked against the primary source when written;
// treat them as leads. Canada's Treasury Board decision (2023-10-30) is deliberately NOT seeded:
// it covers government mobile devices (Kaspersky apps on iOS/Android), and Muster's agent and
// catalog cover Windows, macOS and Linux endpoints only, so activating it would either match
// nothing or, scoped like the others, wrongly flag desktops.
import type { Category } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import { upsertBuiltinPolicy } from "./store";
import type { PolicyTexts } from "./texts";

export type SeedPolicy = {
  slug: string;
  name: string;
  jurisdiction: string;
  legalReference: string;
  legalUrl: string | null;
  summary: string;
  effectiveDate: string;
  status: "banned" | "advisory";
  vendors: string[];
  categories: Category[] | null;
  deadline: string | null;
  /** The texts in other languages (Dutch for every built-in policy; see texts.ts). */
  texts: PolicyTexts;
};

export const SEED_POLICIES: SeedPolicy[] = [
  {
    slug: "us-bod-17-01",
    name: "US DHS Binding Operational Directive 17-01",
    jurisdiction: "US",
    legalReference: "DHS Binding Operational Directive BOD-17-01, Removal of Kaspersky-branded Products (13 September 2017); notice at 82 FR 43782",
    legalUrl: "https://www.cisa.gov/news-events/directives/binding-operational-directive-17-01",
    summary:
      "Federal civilian agencies: identify Kaspersky-branded products within 30 days, deliver a removal plan within 60 days, begin removal at 90 days and report status every 30 days until full removal.",
    effectiveDate: "2017-09-13",
    status: "banned",
    vendors: ["kaspersky"],
    categories: null,
    deadline: "2017-12-12",
    texts: {
      nl: {
        legalReference: "DHS Binding Operational Directive BOD-17-01, Removal of Kaspersky-branded Products (13 september 2017); bekendmaking in 82 FR 43782",
        summary:
          "Federale civiele overheidsorganisaties: binnen 30 dagen producten van het merk Kaspersky in kaart brengen, binnen 60 dagen een verwijderingsplan opleveren, na 90 dagen met de verwijdering beginnen en elke 30 dagen over de voortgang rapporteren tot alles is verwijderd.",
      },
    },
  },
  {
    slug: "us-ndaa-fy2018-1634",
    name: "US NDAA FY2018 section 1634",
    jurisdiction: "US",
    legalReference: "National Defense Authorization Act for Fiscal Year 2018, Pub. L. 115-91, section 1634 (link unverified)",
    legalUrl: "https://www.congress.gov/bill/115th-congress/house-bill/2810",
    summary: "No federal department or agency may use any hardware, software or service developed or provided by Kaspersky Lab, from 1 October 2018.",
    effectiveDate: "2018-10-01",
    status: "banned",
    vendors: ["kaspersky"],
    categories: null,
    deadline: "2018-10-01",
    texts: {
      nl: {
        legalReference: "National Defense Authorization Act for Fiscal Year 2018, Pub. L. 115-91, sectie 1634 (link niet geverifieerd)",
        summary: "Geen federaal ministerie of federale dienst mag vanaf 1 oktober 2018 hardware, software of diensten gebruiken die door Kaspersky Lab zijn ontwikkeld of geleverd.",
      },
    },
  },
  {
    slug: "us-bis-icts-2024",
    name: "US Commerce (BIS) ICTS final determination on Kaspersky",
    jurisdiction: "US",
    legalReference: "Final Determination: Case No. ICTS-2021-002, Kaspersky Lab, Inc., 89 FR 52434 (24 June 2024)",
    legalUrl: "https://www.federalregister.gov/d/2024-13532",
    summary: "No new Kaspersky sales to US persons from 20 July 2024; no software or signature updates after 29 September 2024: remaining installs stop being maintained.",
    effectiveDate: "2024-07-20",
    status: "banned",
    vendors: ["kaspersky"],
    categories: null,
    deadline: "2024-09-29",
    texts: {
      nl: {
        legalReference: "Final Determination: Case No. ICTS-2021-002, Kaspersky Lab, Inc., 89 FR 52434 (24 juni 2024)",
        summary:
          "Vanaf 20 juli 2024 geen nieuwe verkoop van Kaspersky aan Amerikaanse personen; na 29 september 2024 geen updates van software of virusdefinities meer: resterende installaties worden niet meer onderhouden.",
      },
    },
  },
  {
    slug: "nl-2018-kaspersky-antivirus",
    // The Dutch decision: its own language first, the English after it.
    texts: {
      nl: {
        name: "Nederland: rijksoverheid faseert Kaspersky-antivirussoftware uit",
        legalReference: "Brief van de minister van Justitie en Veiligheid (Grapperhaus) aan de Tweede Kamer, 14 mei 2018 (referentie niet geverifieerd)",
        summary:
          "De rijksoverheid faseert antivirussoftware van Kaspersky uit; andere Kaspersky-producten vallen er niet onder. Vitale sectoren wordt geadviseerd dit voorbeeld te volgen. Reikwijdte: alleen de categorie antivirus (stuurprogramma's en services van de antivirusengine vallen eronder als restanten; de Network Agent van Kaspersky Security Center niet).",
      },
    },
    name: "Netherlands: central government phases out Kaspersky antivirus",
    jurisdiction: "NL",
    legalReference: "Letter of the Minister of Justice and Security (Grapperhaus) to the House of Representatives (Tweede Kamer), 14 May 2018 (unverified reference)",
    legalUrl: null,
    summary:
      "Central government phases out Kaspersky antivirus software; other Kaspersky products are not covered. Vital sectors are advised to follow. Scope: antivirus category only (drivers and services of the antivirus engine are covered as remnants; the Security Center Network Agent is not).",
    effectiveDate: "2018-05-14",
    status: "banned",
    vendors: ["kaspersky"],
    categories: ["antivirus"],
    deadline: null,
  },
  {
    slug: "uk-ncsc-2017",
    name: "UK NCSC guidance on Russia-based antivirus",
    jurisdiction: "GB",
    legalReference: "NCSC letter to permanent secretaries (Ciaran Martin), 1 December 2017 (unverified reference)",
    legalUrl: null,
    summary: "A Russia-based antivirus provider should not be chosen where access by the Russian state is a risk to national security; never for systems processing SECRET and above.",
    effectiveDate: "2017-12-01",
    status: "advisory",
    vendors: ["kaspersky"],
    categories: null,
    deadline: null,
    texts: {
      nl: {
        legalReference: "Brief van het NCSC (Ciaran Martin) aan de permanent secretaries, 1 december 2017 (referentie niet geverifieerd)",
        summary:
          "Kies geen in Rusland gevestigde antivirusleverancier waar toegang door de Russische staat een risico is voor de nationale veiligheid; nooit voor systemen die informatie met de rubricering SECRET of hoger verwerken.",
      },
    },
  },
  {
    slug: "de-bsi-2022",
    name: "Germany: BSI warning on Kaspersky antivirus (section 7 BSIG)",
    jurisdiction: "DE",
    legalReference: "BSI warning under section 7 BSIG, 15 March 2022 (unverified reference)",
    legalUrl: null,
    summary: "Replace Kaspersky antivirus software with alternative products.",
    effectiveDate: "2022-03-15",
    status: "advisory",
    vendors: ["kaspersky"],
    categories: ["antivirus"],
    deadline: null,
    texts: {
      nl: {
        legalReference: "Waarschuwing van het BSI op grond van § 7 BSIG, 15 maart 2022 (referentie niet geverifieerd)",
        summary: "Vervang antivirussoftware van Kaspersky door alternatieve producten.",
      },
    },
  },
  {
    slug: "it-dl-21-2022-art-29",
    name: "Italy: decree-law 21/2022 article 29",
    jurisdiction: "IT",
    legalReference: "Decreto-legge 21 marzo 2022, n. 21, art. 29 (unverified reference)",
    legalUrl: null,
    summary: "Public administrations must diversify away from security products of Russia-linked companies (Kaspersky named in practice).",
    effectiveDate: "2022-03-22",
    status: "banned",
    vendors: ["kaspersky"],
    categories: null,
    deadline: null,
    texts: {
      nl: {
        legalReference: "Decreto-legge 21 marzo 2022, n. 21, art. 29 (referentie niet geverifieerd)",
        summary: "Overheidsorganisaties moeten afstappen van beveiligingsproducten van aan Rusland gelieerde bedrijven (in de praktijk wordt Kaspersky genoemd).",
      },
    },
  },
  {
    slug: "lt-2017-kaspersky",
    name: "Lithuania: Kaspersky replaced in critical infrastructure and state information resources",
    jurisdiction: "LT",
    legalReference: "Government decision of 20 December 2017 (unverified reference)",
    legalUrl: null,
    summary: "Critical information infrastructure and state information resources must replace Kaspersky products.",
    effectiveDate: "2017-12-20",
    status: "banned",
    vendors: ["kaspersky"],
    categories: null,
    deadline: null,
    texts: {
      nl: {
        legalReference: "Regeringsbesluit van 20 december 2017 (referentie niet geverifieerd)",
        summary: "Kritieke informatie-infrastructuur en informatievoorzieningen van de staat moeten Kaspersky-producten vervangen.",
      },
    },
  },
  {
    slug: "ua-decree-133-2017",
    name: "Ukraine: presidential decree 133/2017 (sanctions)",
    jurisdiction: "UA",
    legalReference: "Decree of the President of Ukraine No. 133/2017 of 15 May 2017, enacting the NSDC decision on sanctions (unverified reference)",
    legalUrl: null,
    summary: "Sanctions on Kaspersky Lab and Doctor Web (Dr.Web), among others.",
    effectiveDate: "2017-05-15",
    status: "banned",
    vendors: ["kaspersky", "drweb"],
    categories: null,
    deadline: null,
    texts: {
      nl: {
        legalReference: "Decreet van de president van Oekraïne nr. 133/2017 van 15 mei 2017, waarmee het besluit van de NSDC over sancties in werking treedt (referentie niet geverifieerd)",
        summary: "Sancties tegen onder meer Kaspersky Lab en Doctor Web (Dr.Web).",
      },
    },
  },
];

/** Inserts missing seed policies and refreshes the text of existing ones; never changes `active`. */
export function seedPolicies(db: Db): void {
  const tx = db.$client.transaction(() => {
    for (const p of SEED_POLICIES) {
      upsertBuiltinPolicy(db, {
        slug: p.slug,
        name: p.name,
        jurisdiction: p.jurisdiction,
        legalReference: p.legalReference,
        legalUrl: p.legalUrl,
        summary: p.summary,
        effectiveDate: p.effectiveDate,
        status: p.status,
        vendors: JSON.stringify(p.vendors),
        categories: p.categories ? JSON.stringify(p.categories) : null,
        deadline: p.deadline,
        texts: JSON.stringify(p.texts),
      });
    }
  });
  tx.immediate();
}
