// PAdES signature of report PDFs with the key the deployment configures (config.reportSigning:
// a PKCS#12 file and its passphrase): a signature field is added by an incremental update
// (@signpdf/placeholder-plain, subfilter ETSI.CAdES.detached) and filled with a CMS signature
// over the whole file (@signpdf/signer-p12). Any later change to the file breaks it, which
// independent tools (poppler's pdfsig, Acrobat) report. Without a configured key PDFs stay unsigned.
import "server-only";
import fs from "node:fs";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import signpdfModule from "@signpdf/signpdf";
import { P12Signer } from "@signpdf/signer-p12";
import { SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import { config } from "../config";
import { MusterError } from "../lib/errors";

// The package is CommonJS with a default export object.
const signpdf = ((signpdfModule as unknown as { default?: typeof signpdfModule }).default ?? signpdfModule) as { sign: (pdf: Buffer, signer: P12Signer) => Promise<Buffer> };

export type SignInfo = { reason: string; location: string | null };

/** The PDF signed with the configured key, or null when no key is configured. */
export async function signReportPdf(pdf: Buffer, info: SignInfo): Promise<Buffer | null> {
  const key = config.reportSigning;
  if (!key) return null;
  try {
    const withField = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: info.reason,
      contactInfo: info.location ?? "",
      name: "Muster",
      location: info.location ?? "",
      signatureLength: 16_384,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    });
    const signer = new P12Signer(fs.readFileSync(key.p12Path), { passphrase: key.passphrase });
    return await signpdf.sign(withField, signer);
  } catch (err) {
    throw new MusterError("UNAVAILABLE", `The report PDF could not be signed with MUSTER_REPORT_SIGNING_P12: ${(err as Error).message.split("\n")[0]}`);
  }
}
