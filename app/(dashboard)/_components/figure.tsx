import Link from "next/link";

type Props = { label: string; value: string; sub?: React.ReactNode; href?: string; tone?: "bad" | "ok" | "warn" | "purple" | "orange" | "grey"; testId?: string; text?: boolean };

/** One headline figure; a link when it has a list behind it. */
export function Figure({ label, value, sub, href, tone, testId, text }: Props) {
  const body = (
    <>
      <div className="label">{label}</div>
      <div className={`value${text ? " value-text" : ""}`} data-testid={testId}>
        {value}
      </div>
      {sub && <div className="sub">{sub}</div>}
    </>
  );
  return <div className={`figure${tone ? ` ${tone}` : ""}`}>{href ? <Link href={href}>{body}</Link> : body}</div>;
}
