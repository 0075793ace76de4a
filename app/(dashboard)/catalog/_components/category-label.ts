// Product categories in the viewer's language, for server and client components alike: pass the
// translator of the namespace below (getTranslations / useTranslations).
import { CATEGORIES, type Category } from "~/agent/shared/protocol";

export { CATEGORIES };
export const CATEGORY_NAMESPACE = "catalog" as const;
type Translate = (key: `categories.${Category}`) => string;

export function categoryLabel(t: Translate, slug: string | null | undefined): string {
  if (!slug) return "";
  return (CATEGORIES as readonly string[]).includes(slug) ? t(`categories.${slug as Category}`) : slug;
}
