#!/usr/bin/env python3
"""Regenerates app/src/main/resources/taxonomy/places.json from the shared vocabularies.

Usage (from the repository root):  python3 tools/taxonomy/generate.py [../shared/data/vocab]

Sources: world-countries.json (npm world-countries 5.1.0, ODbL) for names, capitals, demonyms and
translations; iso_3166-1.json (Debian iso-codes, LGPL-2.1+) for official ISO names. Hand-made
corrections live beside this script in place-overrides.json. The output is committed because users
of Tidings do not have the shared vocabularies.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "app", "src", "main", "resources", "taxonomy", "places.json")
LANGS = {"deu": "de", "fra": "fr", "spa": "es", "ita": "it", "nld": "nl", "pol": "pl"}
# Plural demonyms are formed only for names that take an -s in English.
NO_PLURAL = re.compile(r"(ese|ss|sh|ch|i|s|x|z)$")


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def latin(text):
    return all(ord(ch) < 0x250 or ch in "ʻʼ‘’" for ch in text)


def usable(alias, label):
    if alias == label or not alias or not latin(alias):
        return False
    if len(alias) <= 3 and alias.isupper():
        return False  # ISO codes and other short codes give false hits in text
    if "," in alias or "(" in alias:
        return False  # catalogue forms such as "Korea, Republic of"
    return True


def main():
    vocab = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "vocab")
    countries = json.load(open(os.path.join(vocab, "world-countries.json"), encoding="utf-8"))
    iso = {c["alpha_2"]: c for c in json.load(open(os.path.join(vocab, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]}
    over = json.load(open(os.path.join(HERE, "place-overrides.json"), encoding="utf-8"))
    drop = set(over["dropAliases"])
    eu = set(over["euMembers"])
    schengen = set(over["schengenNonEu"])

    places = []
    for c in countries:
        code = c["cca2"]
        o = over["places"].get(code, {})
        label = o.get("label", c["name"]["common"])
        aliases, local = [], {}

        def add(alias, lang=None, curated=False):
            alias = alias.strip()
            if alias == label or (not curated and (alias in drop or not usable(alias, label))):
                return
            if lang and lang != "en":
                if alias not in aliases and alias not in local.setdefault(lang, []):
                    local[lang].append(alias)
            elif alias not in aliases:
                aliases.append(alias)

        if label != c["name"]["common"]:
            add(c["name"]["common"])
        add(c["name"]["official"])
        for a in o.get("aliases", []):
            add(a, curated=True)
        i = iso.get(code, {})
        for key in ("name", "official_name", "common_name"):
            if key in i:
                add(i[key])
        for a in c.get("altSpellings", []):
            add(a)
        for cap in c.get("capital", []):
            add(cap)
        dem = c.get("demonyms", {}).get("eng", {})
        for form in {dem.get("m", ""), dem.get("f", "")}:
            for d in form.split(","):
                d = d.strip()
                if not d:
                    continue
                add(d)
                if not NO_PLURAL.search(d) and " " not in d:
                    add(d + "s")
        for lang3, lang in LANGS.items():
            t = c.get("translations", {}).get(lang3)
            if t:
                add(t["common"], lang)
                add(t["official"], lang)
        # a foreign name that is also an English name stays universal only once
        for lang in list(local):
            local[lang] = [a for a in local[lang] if a not in aliases]
            if not local[lang]:
                del local[lang]
        tags = [c["region"].lower()] if c.get("region") else []
        if code in eu:
            tags += ["eu", "eu-member"]
        if code in eu or code in schengen:
            tags.append("schengen")
        region = c.get("subregion") or c.get("region") or ""
        kind = "Country" if c.get("independent") else "Territory"
        capital = ", ".join(c.get("capital", []))
        description = f"{kind} in {region}" + (f"; capital {capital}" if capital else "")
        entry = {
            "id": "place/" + slug(label),
            "label": label,
            "aliases": aliases,
            "localAliases": local,
            "description": description,
            "iso2": code,
            "iso3": c.get("cca3"),
            "tags": tags,
            "importance": 1.0 if c.get("unMember") else (0.7 if c.get("independent") else 0.5),
        }
        if "ambiguous" in o:
            entry["ambiguous"] = o["ambiguous"]
        places.append(entry)

    # An alias claimed by several places goes to the most important one (Indian → India, not the
    # British Indian Ocean Territory); a tie keeps it nowhere.
    owners = {}
    for p in places:
        for a in p["aliases"] + [p["label"]]:
            owners.setdefault(a, []).append(p)
    labels = {p["label"] for p in places}
    for alias, ps in owners.items():
        if len(ps) < 2 or alias in labels:
            if alias in labels:
                for p in ps:
                    if p["label"] != alias and alias in p["aliases"]:
                        p["aliases"].remove(alias)
            continue
        ps.sort(key=lambda p: -p["importance"])
        keep = ps[0] if ps[0]["importance"] > ps[1]["importance"] else None
        for p in ps:
            if p is not keep:
                p["aliases"].remove(alias)
        print(f"alias {alias!r}: {[p['label'] for p in ps]} -> {keep['label'] if keep else 'dropped'}", file=sys.stderr)

    places.sort(key=lambda p: p["id"])
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids)), "duplicate place ids"
    doc = {
        "_source": "generated by tools/taxonomy/generate.py from world-countries 5.1.0 (ODbL) and iso-codes 4.15.0 (LGPL-2.1+); do not edit by hand",
        "blockers": over["blockers"],
        "concepts": places,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(places)} places to {os.path.relpath(OUT, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
