"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import type { Role } from "~/server/db/schema/users";

type NavKey = "overview" | "agencies" | "endpoints" | "findings" | "reports" | "policies" | "catalog" | "enrollment" | "import" | "users" | "notifications" | "audit";
type Item = { href: string; label: NavKey; roles?: Role[] };

const SECTIONS: { title: "removal" | "configuration"; items: Item[] }[] = [
  {
    title: "removal",
    items: [
      { href: "/", label: "overview" },
      { href: "/agencies", label: "agencies" },
      { href: "/endpoints", label: "endpoints" },
      { href: "/findings", label: "findings" },
      { href: "/reports", label: "reports" },
    ],
  },
  {
    title: "configuration",
    items: [
      { href: "/policies", label: "policies" },
      { href: "/catalog", label: "catalog" },
      { href: "/enrollment", label: "enrollment" },
      { href: "/import", label: "import" },
      { href: "/users", label: "users", roles: ["admin"] },
      { href: "/notifications", label: "notifications" },
      { href: "/audit", label: "audit" },
    ],
  },
];

export function Nav({ role }: { role: Role }) {
  const t = useTranslations("shell.nav");
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav className="nav">
      {SECTIONS.map((section) => (
        <div key={section.title} className="nav">
          <div className="nav-section">{t(section.title)}</div>
          {section.items
            .filter((item) => !item.roles || item.roles.includes(role))
            .map((item) => (
              <Link key={item.href} href={item.href} aria-current={isActive(item.href) ? "page" : undefined}>
                {t(item.label)}
              </Link>
            ))}
        </div>
      ))}
    </nav>
  );
}
