// Filters in the address that could not be read: said plainly above the list (which is shown
// without them), never dropped in silence.
import { useTranslations } from "next-intl";
import type { FilterProblem, InvalidFilter } from "~/server/dashboard/url-filters";

const FORMATS: Record<string, "day" | "product" | "cursor"> = { from: "day", to: "day", present: "product", after: "cursor", before: "cursor" };

export function InvalidFilters({ invalid }: { invalid: InvalidFilter[] }) {
  const t = useTranslations("filters.invalid");
  if (invalid.length === 0) return null;
  const why = (i: InvalidFilter, p: FilterProblem | undefined): string => {
    switch (p?.kind) {
      case "oneOf":
        return t("oneOf", { values: p.values.join(", ") });
      case "tooLong":
        return t("tooLong", { max: p.max });
      case "tooBig":
        return t("tooBig", { max: p.max });
      case "tooSmall":
        return t("tooSmall", { min: p.min });
      case "notNumber":
        return t("notNumber");
      case "notWhole":
        return t("notWhole");
      case "format":
        return t(`format.${FORMATS[i.param] ?? "other"}`);
      case "periodFuture":
        return t("periodFuture");
      case "periodOrder":
        return t("periodOrder");
      case "periodLength":
        return t("periodLength", { max: p.max });
      default:
        return t("other");
    }
  };
  return (
    <div className="form-error" role="alert" data-testid="invalid-filters">
      <strong>{t("heading", { count: invalid.length })}</strong>
      <ul className="plain-list">
        {invalid.map((i) => (
          <li key={i.param}>
            <span className="mono">
              {i.param}={i.value}
            </span>{" "}
            — {why(i, i.problem)}
          </li>
        ))}
      </ul>
      {t("shownWithout", { count: invalid.length })}
    </div>
  );
}
