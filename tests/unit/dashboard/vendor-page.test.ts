// The Policies page's other vendors, a page at a time: found by vendor or product name whatever the
// case and accents, walked forward and back with keyset cursors, every vendor exactly once.
import { describe, expect, it } from "vitest";
import { type CatalogVendorItem, vendorPage } from "~/server/dashboard/catalog";

const vendor = (slug: string, name: string, products: string[] = []): CatalogVendorItem => ({
  slug,
  name,
  country: null,
  local: false,
  products: products.map((p, i) => ({ slug: `${slug}-${i}`, name: p, category: "antivirus", local: false, hasRemovalGuide: false, bannedBy: [], advisedBy: [] })),
});

const many = Array.from({ length: 95 }, (_, i) => vendor(`v${String(i).padStart(3, "0")}`, `Vendor ${String(i).padStart(3, "0")}`));

describe("vendorPage", () => {
  it("walks every vendor once forward and back, sorted by name", () => {
    const seen: string[] = [];
    let page = vendorPage(many, {}, 40);
    expect(page.prev).toBeNull();
    expect(page.total).toBe(95);
    seen.push(...page.items.map((v) => v.slug));
    while (page.next) {
      page = vendorPage(many, { after: page.next }, 40);
      seen.push(...page.items.map((v) => v.slug));
    }
    expect(seen).toEqual(many.map((v) => v.slug));
    expect(page.first).toBe(80);
    expect(page.items).toHaveLength(15);
    const back = vendorPage(many, { before: page.prev! }, 40);
    expect(back.first).toBe(40);
    expect(back.items.map((v) => v.slug)).toEqual(many.slice(40, 80).map((v) => v.slug));
  });

  it("finds by vendor or product name, ignoring case, accents and punctuation", () => {
    const list = [
      vendor("eset", "ESET", ["ESET NOD32 Antivirus"]),
      vendor("fsecure", "F-Secure", ["Elements Agent"]),
      vendor("ahnlab", "AhnLab", ["V3 Lite"]),
      vendor("qihoo", "Qihoo 360", ["360 Total Security"]),
    ];
    const found = (find: string) => vendorPage(list, { find }, 40).items.map((v) => v.slug);
    expect(found("f secure")).toEqual(["fsecure"]);
    expect(found("ÉSET")).toEqual(["eset"]);
    expect(found("total sec")).toEqual(["qihoo"]);
    expect(found("v3")).toEqual(["ahnlab"]);
    expect(found("nothing like it")).toEqual([]);
    expect(vendorPage(list, { find: "" }, 40).total).toBe(4);
  });

  it("starts from the beginning on a cursor it does not know", () => {
    expect(vendorPage(many, { after: "gone" }, 10).first).toBe(0);
    expect(vendorPage(many, { before: "gone" }, 10).first).toBe(0);
  });
});
