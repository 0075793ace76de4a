// Keyset pager: first / previous / next links that keep the filters in the URL.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { hrefWith, type Params } from "./url";

/** `hash` keeps the reader at the list when it is not at the top of its page ("#catalog"). */
type Props = { path: string; params: Params; prev: string | null; next: string | null; label?: string; hash?: string };

export function Pager({ path, params, prev, next, label, hash = "" }: Props) {
  const t = useTranslations("common");
  const base = { ...params, after: undefined, before: undefined };
  const onFirst = !params.after && !params.before;
  return (
    <nav className="pager" aria-label={label ?? t("pages")}>
      <span>{onFirst ? t("firstPage") : <Link href={`${hrefWith(path, base)}${hash}`}>{t("firstPage")}</Link>}</span>
      <span className="row">
        {prev ? (
          <Link className="btn btn-small" href={`${hrefWith(path, base, { before: prev })}${hash}`} rel="prev">
            {t("previous")}
          </Link>
        ) : (
          <span className="btn btn-small" aria-disabled="true" style={{ opacity: 0.5 }}>
            {t("previous")}
          </span>
        )}
        {next ? (
          <Link className="btn btn-small" href={`${hrefWith(path, base, { after: next })}${hash}`} rel="next">
            {t("next")}
          </Link>
        ) : (
          <span className="btn btn-small" aria-disabled="true" style={{ opacity: 0.5 }}>
            {t("next")}
          </span>
        )}
      </span>
    </nav>
  );
}
