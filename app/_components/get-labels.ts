// The labels of labels.ts for async server components, in the viewer's language.
import { getTranslations } from "next-intl/server";
import { type Labels, makeLabels } from "./labels";

export async function getLabels(): Promise<Labels> {
  return makeLabels(await getTranslations());
}
