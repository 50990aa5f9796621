#!/usr/bin/python3
"""Reads an mlkg export back with the format's real reader and compares it with the node-link JSON
export of the same slice (the truth). Prints what differs and exits 1, or prints "ok: ..." and exits 0.

  check_export.py graphml     TRUTH.json FILE.graphml
  check_export.py neptune-csv TRUTH.json DIR
  check_export.py neo4j-csv   TRUTH.json DIR
  check_export.py obsidian    TRUTH.json DIR
  check_export.py turtle      TRUTH.json FILE.ttl
  check_export.py node-link   TRUTH.json          (networkx.node_link_graph reads the JSON itself)
"""
import csv
import json
import os
import re
import sys


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def expect(what, got, want):
    if got != want:
        fail(f"{what}: got {got!r}, want {want!r}")


def lines_text(lines):
    return ", ".join(str(x) for x in lines)


def truth_rows(truth):
    nodes = {n["id"]: n for n in truth["nodes"]}
    links = [(l["source"], l["relation"], l["target"], l) for l in truth["links"]]
    return nodes, links


def check_graphml(truth, path):
    import networkx as nx
    g = nx.read_graphml(path)
    nodes, links = truth_rows(truth)
    expect("node ids", sorted(g.nodes), sorted(nodes))
    expect("edge count", g.number_of_edges(), len(links))
    for id, n in nodes.items():
        d = g.nodes[id]
        for key in ("label", "type", "category", "section", "summary"):
            expect(f"{id}.{key}", d.get(key, ""), n[key])
        expect(f"{id}.aliases", json.loads(d["aliases"]), n["aliases"])
        expect(f"{id}.facts", json.loads(d["facts"]), n["facts"])
        expect(f"{id}.lines", d.get("lines", ""), lines_text(n["lines"]))
        if not isinstance(d["degree"], int):
            fail(f"{id}.degree is not typed int")
    got = sorted((u, d["relation"], v, d.get("note", ""), d.get("lines", "")) for u, v, d in g.edges(data=True))
    want = sorted((s, r, t, l["note"], lines_text(l["lines"])) for s, r, t, l in links)
    expect("edges", got, want)
    for _, _, d in g.edges(data=True):
        if not isinstance(d["flow"], bool):
            fail("edge flow is not typed boolean")
    return f"{len(nodes)} nodes, {len(links)} edges"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    return rows[0], rows[1:]


def read_neptune_csv(path):
    """Fields as Neptune's bulk loader reads them: RFC 4180, with an unquoted field's leading and trailing
    spaces and tabs trimmed (as awslabs/amazon-neptune-tools' csv-gremlin was changed to do, to match the
    loader)."""
    text = open(path, encoding="utf-8", newline="").read()
    rows, row, i = [], [], 0
    while i < len(text):
        if text[i] == '"':
            end, field = i + 1, ""
            while True:
                close = text.index('"', end)
                field += text[end:close]
                if text.startswith('""', close):
                    field += '"'
                    end = close + 2
                else:
                    i = close + 1
                    break
        else:
            end = min(len(text) if j < 0 else j for j in (text.find(",", i), text.find("\n", i)))
            field = text[i:end].strip(" \t")
            if '"' in field or "\r" in field:
                fail(f"{path}: a quote or CR in an unquoted field: {field!r}")
            i = end
        row.append(field)
        if i >= len(text):
            fail(f"{path}: the last row has no line end")
        if text[i] == "\n":
            rows.append(row)
            row = []
        elif text[i] != ",":
            fail(f"{path}: text after a quoted field")
        i += 1
    return rows[0], rows[1:]


def upper_snake(name):
    return name.upper().replace("-", "_")


def pascal_case(name):
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def check_csv(truth, folder, neptune):
    nodes, links = truth_rows(truth)
    read = read_neptune_csv if neptune else read_csv
    header, rows = read(os.path.join(folder, "nodes.csv"))
    if neptune:
        expect("node header", header, ["~id", "~label", "id:String", "label:String", "type:String", "category:String",
                                       "section:String", "aliases:String", "summary:String", "facts:String",
                                       "lines:String"])
    else:
        expect("node header", header, ["id:ID", ":LABEL", "label", "type", "category", "section", "aliases", "summary", "facts",
                                       "lines"])
    expect("node rows", len(rows), len(nodes))
    for row in rows:
        expect("node row width", len(row), len(header))
        r = dict(zip(header, row))
        id = r["~id" if neptune else "id:ID"]
        n = nodes[id]
        p = ":String" if neptune else ""
        # What the queries --emit cypher prints match on: the label Node and the properties id and type.
        expect(f"{id} labels", r["~label" if neptune else ":LABEL"].split(";"), ["Node", pascal_case(n["type"])])
        if neptune:
            expect(f"{id}.id", r["id:String"], id)
        expect(f"{id}.type", r["type" + p], n["type"])
        expect(f"{id}.label", r["label" + p], n["label"])
        expect(f"{id}.summary", r["summary" + p], n["summary"])
        expect(f"{id}.section", r["section" + p], n["section"])
        expect(f"{id}.category", r["category" + p], n["category"])
        expect(f"{id}.aliases", json.loads(r["aliases" + p]), n["aliases"])
        expect(f"{id}.facts", json.loads(r["facts" + p]), n["facts"])
    header, rows = read(os.path.join(folder, "edges.csv" if neptune else "relationships.csv"))
    if neptune:
        expect("edge header", header, ["~id", "~from", "~to", "~label", "note:String", "lines:String"])
        got = sorted((r[1], r[3], r[2], r[4], r[5]) for r in rows)
        ids = [r[0] for r in rows]
        expect("unique edge ids", len(set(ids)), len(ids))
    else:
        expect("edge header", header, [":START_ID", ":END_ID", ":TYPE", "note", "lines"])
        got = sorted((r[0], r[2], r[1], r[3], r[4]) for r in rows)
    want = sorted((s, upper_snake(rel), t, l["note"], lines_text(l["lines"])) for s, rel, t, l in links)
    expect("edge rows", len(rows), len(links))
    expect("edges", got, want)
    return f"{len(nodes)} nodes, {len(links)} edges"


LINK = re.compile(r"(?<!\\)\[\[([^\]|#^]*)(?:\|[^\]]*)?\]\]")


def check_obsidian(truth, folder):
    import yaml
    nodes, links = truth_rows(truth)
    notes = sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".md"))

    # A note is named by its node's id; an id too long for a file name by its first 180 characters and a
    # 16-digit hash.
    def note_of(id):
        return id if len(id) <= 200 else id[:180] + "-"

    def named(name, id):
        return name == id if len(id) <= 200 else name.startswith(id[:180] + "-") and len(name) == 197

    expect("note count", len(notes), len(nodes) + 1)
    link_count = 0
    ids_seen = []
    for name in notes:
        text = open(os.path.join(folder, name + ".md"), encoding="utf-8").read()
        if not text.startswith("---\n"):
            fail(f"{name}: no front matter")
        end = text.index("\n---\n", 4)
        meta = yaml.safe_load(text[4:end])
        for target in LINK.findall(text):
            link_count += 1
            if target not in notes:
                fail(f"{name}: [[{target}]] resolves to no note")
        if name == "_index":
            for id in nodes:
                if f"[[{note_of(id)}" not in text:
                    fail(f"index does not link {id}")
            continue
        if meta["id"] not in nodes or not named(name, meta["id"]):
            fail(f"{name}: note of no node, or of {meta['id']} under another name")
        ids_seen.append(meta["id"])
        n = nodes[meta["id"]]
        for key in ("id", "label", "type", "section"):
            expect(f"{name} front matter {key}", meta[key], n[key])
        expect(f"{name} front matter category", meta.get("category", ""), n["category"])
        expect(f"{name} aliases", meta["aliases"], [n["label"]] + n["aliases"])
        expect(f"{name} source", meta["source"], lines_text(n["lines"]))
        # One link per relation the node takes part in, plus the link back to the index.
        degree = sum(1 for s, _, t, _ in links if n["id"] in (s, t))
        expect(f"{name} links", len(LINK.findall(text)), degree + 1)
    expect("notes", sorted(ids_seen), sorted(nodes))
    return f"{len(notes)} notes, {link_count} links, all resolve"


def check_turtle(truth, path):
    import rdflib
    from rdflib.namespace import RDF, RDFS, SKOS
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    V = rdflib.Namespace("https://mlkg.example/vocab#")
    N = rdflib.Namespace("https://mlkg.example/node/")
    nodes, links = truth_rows(truth)
    for id, n in nodes.items():
        s = N[id]
        expect(f"{id} label", [str(o) for o in g.objects(s, RDFS.label)], [n["label"]])
        expect(f"{id} aliases", sorted(str(o) for o in g.objects(s, SKOS.altLabel)), sorted(n["aliases"]))
        expect(f"{id} comment", [str(o) for o in g.objects(s, RDFS.comment)], [n["summary"]] if n["summary"] else [])
    got = sorted((str(s)[len(N):], str(p)[len(V):], str(o)[len(N):]) for s, p, o in g
                 if str(p).startswith(str(V)) and isinstance(o, rdflib.URIRef) and str(o).startswith(str(N)))
    expect("edges", got, sorted((s, r, t) for s, r, t, _ in links))
    statements = {}
    for st, s, p, o, note, lines in g.query(
            "SELECT ?st ?s ?p ?o ?note ?lines WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; "
            "rdf:object ?o . OPTIONAL { ?st mlkg:note ?note } OPTIONAL { ?st mlkg:lines ?lines } }",
            initNs={"rdf": RDF, "mlkg": V}):
        key = (str(s)[len(N):], str(p)[len(V):], str(o)[len(N):])
        if key in statements:
            fail(f"two statements about {key}")
        statements[key] = (str(note or ""), str(lines or ""))
    want = {(s, r, t): (l["note"], lines_text(l["lines"])) for s, r, t, l in links if l["note"] or l["lines"]}
    expect("statements", statements, want)
    return f"{len(g)} triples, {len(nodes)} nodes, {len(links)} edges"


def check_node_link(truth):
    import networkx as nx
    g = nx.node_link_graph(truth, directed=True, multigraph=True)
    nodes, links = truth_rows(truth)
    expect("nodes", sorted(g.nodes), sorted(nodes))
    expect("edges", g.number_of_edges(), len(links))
    return f"{len(nodes)} nodes, {len(links)} edges"


def main():
    kind, truth_path = sys.argv[1], sys.argv[2]
    truth = json.load(open(truth_path, encoding="utf-8"))
    checks = {
        "graphml": lambda: check_graphml(truth, sys.argv[3]),
        "neptune-csv": lambda: check_csv(truth, sys.argv[3], True),
        "neo4j-csv": lambda: check_csv(truth, sys.argv[3], False),
        "obsidian": lambda: check_obsidian(truth, sys.argv[3]),
        "turtle": lambda: check_turtle(truth, sys.argv[3]),
        "node-link": lambda: check_node_link(truth),
    }
    print(f"ok: {kind}: {checks[kind]()}")


if __name__ == "__main__":
    main()
