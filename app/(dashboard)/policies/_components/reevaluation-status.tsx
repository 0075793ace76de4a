"use client";
// How far the re-evaluation after a policy change has got (it runs after the change is answered:
// minutes at national scale). Polls while work is owed; when it is done, says so and refreshes the
// page's figures.
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "~/app/_trpc/client";

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

export function ReevaluationStatus() {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("policies.reevaluation");
  const format = useFormatter();
  const status = useQuery({ ...trpc.policies.reevaluation.queryOptions(), refetchInterval: (q) => (q.state.data?.pending ? 1500 : false) });
  const wasPending = useRef(false);
  const [finished, setFinished] = useState(false);
  const s = status.data;
  useEffect(() => {
    if (!s) return;
    if (s.pending) {
      wasPending.current = true;
      setFinished(false);
    } else if (wasPending.current) {
      wasPending.current = false;
      setFinished(true);
      router.refresh();
    }
  }, [s, router]);

  if (finished) {
    return (
      <div className="callout info" role="status" data-testid="reevaluation-status" data-state="done">
        {t("done")}
      </div>
    );
  }
  if (!s?.pending) return <div role="status" data-testid="reevaluation-status" data-state="idle" />;
  const pct = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 0;
  return (
    <div className="callout info" role="status" data-testid="reevaluation-status" data-state={s.running ? "running" : "pending"}>
      {s.running && s.total > 0 ? (
        <>
          {t.rich("running", { done: format.number(s.done), total: format.number(s.total), strong })}{" "}
          <span className="progress" aria-hidden="true" style={{ width: 120 }}>
            <span style={{ width: `${pct}%` }} />
          </span>
          {format.number(pct / 100, { style: "percent" })}
        </>
      ) : (
        t.rich("pending", { strong })
      )}{" "}
      {t("catchUp")}
    </div>
  );
}
