// The agent packages this server ships (release.json from `npm run agent:package`): per platform,
// size, SHA-256 and signature status, then the silent-install commands per management tool.
import { getTranslations } from "next-intl/server";
import type { Release } from "~/server/agent-updates/releases";
import { PackageCommandsPanel } from "./package-commands-panel";
import type { PackageNames } from "./package-commands";

const PLATFORMS = ["windows-x64", "linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "node"] as const;
const FORMATS = ["sea", "js", "deb", "rpm", "msi", "macos"] as const;
const known = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);
/** The signatures agent/packaging/main.ts names in a file's `signature` ("gpg (SHA256SUMS), release key (self-update)"), by catalog key. */
const SIGNATURES = { authenticode: "authenticode", "gpg (SHA256SUMS)": "gpgSums", "gpg (apt repository)": "gpgApt", gpg: "gpg", "release key (self-update)": "releaseKey" } as const;
const signatureKey = (part: string) => (Object.hasOwn(SIGNATURES, part) ? SIGNATURES[part as keyof typeof SIGNATURES] : null);

export function packageNames(release: Release | null): PackageNames {
  const f = release?.index.files ?? [];
  const pick = (format: string, target?: string) => f.find((x) => x.format === format && (!target || x.target === target))?.file;
  return { version: release?.index.version ?? "<version>", msi: pick("msi"), deb: pick("deb", "linux-x64"), rpm: pick("rpm", "linux-x64"), macos: pick("macos", "darwin-arm64") };
}

export async function PackagesPanel({ release, serverUrl, token }: { release: Release | null; serverUrl: string; token: string }) {
  const t = await getTranslations("enrollment.packages");
  if (!release) {
    return (
      <p className="callout" data-testid="packages-missing">
        {t.rich("missing", { code: (chunks) => <code>{chunks}</code> })}
      </p>
    );
  }
  const s = release.index.signing;
  const unsigned = [!s.authenticode && t("noAuthenticode"), !s.gpg && t("noGpg"), !s.releaseKey && t("noReleaseKey")].filter(Boolean);
  return (
    <>
      <p className="small">
        {t.rich("version", { version: release.index.version, node: release.index.node, strong: (chunks) => <strong data-testid="packages-version">{chunks}</strong> })} ·{" "}
        <a href="/download/packages/SHA256SUMS">SHA256SUMS</a>
        {s.gpg && (
          <>
            {" "}
            (<a href="/download/packages/SHA256SUMS.asc">{t("signature")}</a>)
          </>
        )}
      </p>
      {unsigned.length > 0 && (
        <p className="callout" role="status" data-testid="packages-unsigned">
          {t.rich("unsigned", { what: unsigned.join(", "), strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      )}
      <div className="table-wrap">
        <table className="data" data-testid="packages-table">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("platform")}</th>
              <th scope="col">{t("package")}</th>
              <th scope="col" className="num">
                {t("size")}
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">{t("signatureColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {release.index.files.map((f) => (
              <tr key={f.file} data-file={f.file}>
                <td className="nowrap">{known(PLATFORMS, f.target) ? t(`platforms.${f.target}`) : f.target}</td>
                <td>
                  <a href={`/download/packages/${f.file}`} download>
                    {f.file}
                  </a>{" "}
                  <span className="muted small">{known(FORMATS, f.format) ? t(`formats.${f.format}`) : f.format}</span>
                </td>
                <td className="num nowrap">{t("megabytes", { mb: f.size / 1048576 })}</td>
                <td className="mono small" style={{ wordBreak: "break-all", minWidth: "16ch" }}>
                  {f.sha256}
                </td>
                <td className="small">
                  {f.signature === "none" ? (
                    <span className="badge badge-banned">{t("unsignedBadge")}</span>
                  ) : (
                    f.signature
                      .split(", ")
                      .map((part) => {
                        const key = signatureKey(part);
                        return key ? t(`signatures.${key}`) : part;
                      })
                      .join(", ")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="section">{t("silentInstall")}</h3>
      <PackageCommandsPanel serverUrl={serverUrl} token={token} names={packageNames(release)} />
    </>
  );
}
