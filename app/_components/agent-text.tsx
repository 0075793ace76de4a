// Text an endpoint sent, shown safely (server/lib/display-text.ts): invisible and direction-changing
// characters are replaced by a visible mark whose tooltip lists what was removed.
import { useTranslations } from "next-intl";
import { displayText, hiddenCharacters, REMOVED_MARK } from "~/server/lib/display-text";

export function AgentText({ value, empty = null }: { value: string | null | undefined; empty?: React.ReactNode }) {
  const t = useTranslations("common");
  if (value === null || value === undefined || value === "") return <>{empty}</>;
  const hidden = hiddenCharacters(value);
  if (hidden.length === 0) return <>{displayText(value)}</>;
  const title = t("hiddenCharacters", { list: hidden.join(", ") });
  return (
    <>
      {displayText(value)
        .split(REMOVED_MARK)
        .map((part, i) => (
          <span key={i}>
            {i > 0 && (
              <mark className="hidden-chars" title={title} data-hidden-chars={hidden.join(" ")}>
                {REMOVED_MARK}
              </mark>
            )}
            {part}
          </span>
        ))}
    </>
  );
}
