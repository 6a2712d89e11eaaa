#!/usr/bin/env python3
"""Turns the curated lists beside this script into taxonomy JSON under app/src/main/resources/taxonomy/.

Usage (from the repository root):  python3 tools/taxonomy/curate.py [../shared/data/vocab]

Inputs, all written by the Tidings project: organisations.txt, people.txt, cities.txt, topics.txt
(formats in their headers). Topics are checked against the IPTC Media Topics vocabulary (CC BY 4.0),
whose English label is kept beside our own. Run generate.py first: people and cities refer to places.
"""
import json
import os
import sys

from generate import slug, ROOT

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, "app", "src", "main", "resources", "taxonomy")
AS_OF = "2026-11"

# Names that are also everyday words: they count only when the context does not point elsewhere.
AMBIGUOUS = {
    "organisation/apple": {"contextAgainst": ["fruit", "apples", "orchard", "orchards", "cider", "pie"],
                           "contextFor": ["iPhone", "iPad", "Mac", "Tim Cook", "App Store", "shares"]},
    "organisation/amazon": {"contextAgainst": ["rainforest", "river", "basin", "deforestation", "forest", "Amazonian", "indigenous"],
                            "contextFor": ["Amazon.com", "Jeff Bezos", "AWS", "e-commerce", "online retailer", "shares"]},
    "organisation/shell": {"contextAgainst": ["shelling", "artillery", "shells", "egg", "turtle", "oyster", "company"],
                           "contextFor": ["oil", "gas", "LNG", "refinery", "energy", "shares", "Royal Dutch"]},
    "organisation/meta-platforms": {"contextAgainst": ["meta-analysis"], "contextFor": ["Facebook", "Instagram", "WhatsApp", "Zuckerberg"]},
}


def rows(name, fields):
    out = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < fields:
                sys.exit(f"{name}:{n}: expected {fields} fields separated by |, got {len(parts)}")
            out.append((n, parts))
    return out


def names(field):
    return [a.strip() for a in field.split(";") if a.strip()]


def local_names(field):
    local = {}
    for part in field.split():
        pass
    # "de=A;B fr=C D" : a language key starts each group; names may contain spaces
    current = None
    for token in field.replace("  ", " ").split(" "):
        if len(token) > 3 and token[2] == "=" and token[:2].isalpha() and token[:2].islower():
            current = token[:2]
            local[current] = token[3:]
        elif current:
            local[current] += " " + token
    return {k: names(v) for k, v in local.items() if names(v)}


def organisations():
    out = []
    for n, (label, aliases, description, tags, local, *rest) in rows("organisations.txt", 5):
        cid = "organisation/" + slug(label)
        entry = {"id": cid, "label": label, "aliases": names(aliases), "localAliases": local_names(local),
                 "description": description, "tags": tags.split(), "importance": 0.8 if "company" not in tags.split() else 0.6}
        if cid in AMBIGUOUS:
            entry["ambiguous"] = AMBIGUOUS[cid]
        out.append(entry)
    return out


def people(places):
    out = []
    for n, (label, aliases, description, tags, country, *rest) in rows("people.txt", 5):
        entry = {"id": "person/" + slug(label), "label": label, "aliases": names(aliases), "description": description,
                 "tags": tags.split(), "importance": 0.8 if "head-of-state" in tags or "head-of-government" in tags else 0.6}
        if country:
            if "place/" + country not in places:
                sys.exit(f"people.txt:{n}: unknown place {country}")
            entry["country"] = "place/" + country
        out.append(entry)
    return out


def cities(places):
    out = []
    for n, (label, aliases, country, kind, abbreviations, *rest) in rows("cities.txt", 5):
        entry = {"id": "place/" + slug(label), "label": label, "aliases": names(aliases),
                 "description": {"city": "City", "region": "Region", "historical": "Former state"}[kind],
                 "tags": [kind], "importance": 0.6}
        if country:
            if "place/" + country not in places:
                sys.exit(f"cities.txt:{n}: unknown place {country}")
            entry["partOf"] = "place/" + country
            entry["description"] += " in " + places["place/" + country]["label"]
            entry["tags"] += [t for t in places["place/" + country]["tags"] if t not in ("eu-member",)]
        if abbreviations:
            entry["abbreviations"] = names(abbreviations)
        if entry["id"] in places:
            sys.exit(f"cities.txt:{n}: {entry['id']} is a country already")
        out.append(entry)
    return out


def topics(vocab):
    iptc = {}
    for c in json.load(open(os.path.join(vocab, "iptc-media-topics.json"), encoding="utf-8"))["conceptSet"]:
        iptc[c["qcode"].split(":")[1]] = c["prefLabel"].get("en-GB", "")
    out = []
    for n, (code, label, terms, threshold, about, require, forbid, *rest) in rows("topics.txt", 7):
        if code not in iptc:
            sys.exit(f"topics.txt:{n}: {code} is not an IPTC Media Topic")
        weighted = {}
        for t in names(terms):
            term, _, weight = t.partition("=")
            weighted[term.strip()] = float(weight) if weight else 1.0
        rule = {"terms": weighted, "threshold": float(threshold), "about": float(about)}
        if require:
            rule["require"] = require
        if forbid:
            rule["forbid"] = forbid
        out.append({"id": "topic/" + slug(label), "label": label, "aliases": [], "description": f"IPTC Media Topic {code} ({iptc[code]})",
                     "iptc": code, "tags": [], "importance": 0.7, "rule": rule})
    return out


def write(name, source, concepts):
    ids = [c["id"] for c in concepts]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"{name}: duplicate ids {sorted(dup)}")
    doc = {"_source": f"curated by the Tidings project in tools/taxonomy/{source}; regenerate with curate.py",
           "asOf": AS_OF, "concepts": concepts}
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(concepts)} concepts to {name}", file=sys.stderr)


def main():
    vocab = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "vocab")
    places = {c["id"]: c for c in json.load(open(os.path.join(OUT, "places.json"), encoding="utf-8"))["concepts"]}
    existing = {c["id"] for c in json.load(open(os.path.join(OUT, "concepts.json"), encoding="utf-8"))["concepts"]}
    for name, source, concepts in [("organisations.json", "organisations.txt", organisations()),
                                   ("people.json", "people.txt", people(places)),
                                   ("cities.json", "cities.txt", cities(places)),
                                   ("topics.json", "topics.txt", topics(vocab))]:
        clash = [c["id"] for c in concepts if c["id"] in existing]
        if clash:
            sys.exit(f"{source}: already in concepts.json: {clash}")
        write(name, source, concepts)


if __name__ == "__main__":
    main()
