// Keyset pager: first / previous / next links that keep the filters in the URL.
import Link from "next/link";
import { hrefWith, type Params } from "./url";

type Props = { path: string; params: Params; prev: string | null; next: string | null; label?: string };

export function Pager({ path, params, prev, next, label = "Pages" }: Props) {
  const base = { ...params, after: undefined, before: undefined };
  const onFirst = !params.after && !params.before;
  return (
    <nav className="pager" aria-label={label}>
      <span>{onFirst ? "First page" : <Link href={hrefWith(path, base)}>First page</Link>}</span>
      <span className="row">
        {prev ? (
          <Link className="btn btn-small" href={hrefWith(path, base, { before: prev })} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className="btn btn-small" aria-disabled="true" style={{ opacity: 0.5 }}>← Previous</span>
        )}
        {next ? (
          <Link className="btn btn-small" href={hrefWith(path, base, { after: next })} rel="next">
            Next →
          </Link>
        ) : (
          <span className="btn btn-small" aria-disabled="true" style={{ opacity: 0.5 }}>Next →</span>
        )}
      </span>
    </nav>
  );
}
