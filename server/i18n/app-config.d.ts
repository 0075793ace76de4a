// Message keys and locales are type-checked: `t("shell.nav.overview")` compiles, a typo does not.
import type { Locale } from "./locales";
import type en from "../../messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
