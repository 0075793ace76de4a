"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "~/server/db/schema/users";

type Item = { href: string; label: string; roles?: Role[] };

const SECTIONS: { title: string; items: Item[] }[] = [
  {
    title: "Removal",
    items: [
      { href: "/", label: "Overview" },
      { href: "/agencies", label: "Agencies" },
      { href: "/endpoints", label: "Endpoints" },
      { href: "/findings", label: "Findings" },
      { href: "/reports", label: "Reports" },
    ],
  },
  {
    title: "Configuration",
    items: [
      { href: "/policies", label: "Policies & catalog" },
      { href: "/enrollment", label: "Enrollment" },
      { href: "/users", label: "Users", roles: ["admin"] },
      { href: "/audit", label: "Audit log" },
    ],
  },
];

export function Nav({ role }: { role: Role }) {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav className="nav">
      {SECTIONS.map((section) => (
        <div key={section.title} className="nav">
          <div className="nav-section">{section.title}</div>
          {section.items
            .filter((item) => !item.roles || item.roles.includes(role))
            .map((item) => (
              <Link key={item.href} href={item.href} aria-current={isActive(item.href) ? "page" : undefined}>
                {item.label}
              </Link>
            ))}
        </div>
      ))}
    </nav>
  );
}
