// The page an e-mail's "Stop these alerts" link opens: says what will change and asks (link
// checkers and previews open links; only the button changes anything). No sign-in needed. In the
// e-mail's language.
import type { Metadata } from "next";
import { verifyUnsubscribeToken } from "~/server/notify/secrets";
import { Notice } from "./_components/notice";
import { unsubscribeText } from "./targets";

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: (await unsubscribeText((await searchParams).lang)).title };
}
export const dynamic = "force-dynamic";

export default async function UnsubscribePage({ searchParams }: Props) {
  const sp = await searchParams;
  const text = await unsubscribeText(sp.lang);
  const { locale } = text;
  const token = sp.token ?? "";
  const claim = verifyUnsubscribeToken(token);
  if (!claim) {
    return (
      <Notice locale={locale}>
        <h2>{text.invalid}</h2>
        <p className="form-error" role="alert">
          {text.invalidWhy}
        </p>
      </Notice>
    );
  }
  return (
    <Notice locale={locale}>
      <form method="post" action="/api/notify/unsubscribe" className="form">
        <h2>{text.target[claim.target].title}</h2>
        <p>{text.target[claim.target].what}</p>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="from" value="page" />
        <input type="hidden" name="lang" value={locale} />
        <button className="btn btn-primary" type="submit">
          {text.target[claim.target].button}
        </button>
      </form>
    </Notice>
  );
}
