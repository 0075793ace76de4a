// What a 404 says, inside the dashboard or outside it: that nothing is here, and the way back.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function NotFoundBody({ title, text }: { title: string; text: string }) {
  const t = useTranslations("notFound");
  return (
    <>
      <p className="not-found-code">404</p>
      <h1>{title}</h1>
      <p className="muted">{text}</p>
      <p className="row" style={{ justifyContent: "center", gap: ".5rem" }}>
        <Link className="btn btn-primary" href="/">
          {t("backToOverview")}
        </Link>
        <Link className="btn" href="/endpoints">
          {t("endpoints")}
        </Link>
        <Link className="btn" href="/agencies">
          {t("agencies")}
        </Link>
      </p>
    </>
  );
}
