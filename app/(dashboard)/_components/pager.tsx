// Keyset pager: first / previous / next links that keep the filters in the URL.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { hrefWith, type Params } from "./url";

type Props = { path: string; params: Params; prev: string | null; next: string | null; label?: string };

export function Pager({ path, params, prev, next, label }: Props) {
  const t = useTranslations("common");
  const base = { ...params, after: undefined, before: undefined };
  const onFirst = !params.after && !params.before;
  return (
    <nav className="pager" aria-label={label ?? t("pages")}>
      <span>{onFirst ? t("firstPage") : <Link href={hrefWith(path, base)}>{t("firstPage")}</Link>}</span>
      <span className="row">
        {prev ? (
          <Link className="btn btn-small" href={hrefWith(path, base, { before: prev })} rel="prev">
            {t("previous")}
          </Link>
        ) : (
          <span className="btn btn-small" aria-disabled="true" style={{ opacity: 0.5 }}>
            {t("previous")}
          </span>
        )}
        {next ? (
          <Link className="btn btn-small" href={hrefWith(path, base, { after: next })} rel="next">
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
