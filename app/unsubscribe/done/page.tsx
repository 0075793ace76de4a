import type { Metadata } from "next";
import { Notice } from "../_components/notice";
import { TARGETS, unsubscribeText } from "../targets";

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: (await unsubscribeText((await searchParams).lang)).doneTitle };
}

export default async function UnsubscribedPage({ searchParams }: Props) {
  const sp = await searchParams;
  const text = await unsubscribeText(sp.lang);
  const target = TARGETS.find((x) => x === sp.target);
  return (
    <Notice locale={text.locale}>
      <h2>{text.doneHeading}</h2>
      <p className="form-ok" role="status">
        {target ? text.target[target].done : text.doneOther}
      </p>
    </Notice>
  );
}
