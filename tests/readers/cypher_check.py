#!/usr/bin/python3
"""Loads an mlkg export as the database would hold it and runs the openCypher queries printed by
`mlkg ... --emit cypher` on it, comparing each answer with mlkg's own.

  cypher_check.py neptune-csv DIR  SCHEMA.json CASES.jsonl  (Neptune's Gremlin bulk-load CSV, read as its loader does)
  cypher_check.py neo4j-csv   DIR  SCHEMA.json CASES.jsonl  (neo4j-admin import CSV: the :ID column's name is a property)
  cypher_check.py cypher      FILE SCHEMA.json CASES.jsonl  (the CREATE statements of --format cypher)

Each line of CASES is {"name", "kind", "query", "expected"}, as for sparql_check.py. Every query is checked
against what the database holds: each node label and property it names is on every node, each node id it
names is some node's id property, each relationship type it names is the type the export gives the edges of
a relation in SCHEMA (the graph's schema.json), and so is every edge's type. Queries
of kind "nodes" (what, related, neighbours) and "links" (pipeline) are also evaluated here, by the
semantics of their few shapes, and must give mlkg's answer; "path" queries get the first check only.
Prints "ok: N queries (M evaluated)" or every mismatch, exit 1.
"""
import json
import os
import re
import sys

from check_export import read_csv, read_neptune_csv, upper_snake


class Loaded:
    """A property graph: nodes by internal key as (labels, properties); edges as (from, type, to)."""

    def __init__(self):
        self.nodes = {}
        self.edges = []

    def by_id(self):
        return {props["id"]: key for key, (labels, props) in self.nodes.items() if "id" in props}


def load_csv(folder, neptune):
    g = Loaded()
    read = read_neptune_csv if neptune else read_csv
    header, rows = read(os.path.join(folder, "nodes.csv"))
    for row in rows:
        r = dict(zip(header, row))
        key = r["~id" if neptune else "id:ID"]
        labels = set(r["~label" if neptune else ":LABEL"].split(";"))
        props = {}
        for column, value in r.items():
            name = column.split(":")[0]
            # A system column is no property, except neo4j-admin's id:ID, whose name is one; an empty
            # field loads as no value (Neptune without allowEmptyStrings, neo4j-admin unquoted).
            if name and not name.startswith("~") and value != "":
                props[name] = value
        g.nodes[key] = (labels, props)
    header, rows = read(os.path.join(folder, "edges.csv" if neptune else "relationships.csv"))
    for row in rows:
        r = dict(zip(header, row))
        if neptune:
            g.edges.append((r["~from"], r["~label"], r["~to"]))
        else:
            g.edges.append((r[":START_ID"], r[":TYPE"], r[":END_ID"]))
    return g


STRING = r"'(?:[^'\\]|\\.)*'"


def unquote(literal):
    return json.loads('"' + literal[1:-1].replace('\\\'', "'").replace('"', '\\"') + '"')


def cypher_map(text):
    return {k: unquote(v) for k, v in re.findall(r"(\w+): (" + STRING + ")", text)}


def load_cypher(path):
    """The nodes and relationships the Cypher export's UNWIND ... CREATE statements make."""
    g = Loaded()
    statements = re.findall(r"UNWIND \[\n(.*?)\n\] AS row\n(.*?);\n", open(path, encoding="utf-8").read(), re.S)
    for rows, tail in statements:
        maps = [cypher_map(line) for line in rows.split("\n")]
        create = re.fullmatch(r"CREATE \((:\w+(?::\w+)*) \{(.*)\}\)", tail)
        if create:
            labels = set(create.group(1)[1:].split(":"))
            constants = cypher_map(create.group(2))
            for m in maps:
                g.nodes[m["id"]] = (labels, {**m, **constants})
            continue
        rel = re.search(r"CREATE \(a\)-\[:(\w+) ", tail)
        if not rel or "MATCH (a:Node {id: row.from}), (b:Node {id: row.to})" not in tail:
            raise ValueError(f"a statement of no known shape: {tail!r}")
        ids = g.by_id()
        g.edges.extend((ids[m["from"]], rel.group(1), ids[m["to"]]) for m in maps)
    return g


def mismatches_of_names(g, query, known_types):
    """What the query names that the loaded graph does not hold as it names it."""
    text = re.sub(r"^//.*$", "", query, flags=re.M)
    named_ids = [unquote(s) for s in re.findall(r"id: (" + STRING + ")", text)]
    named_ids += [unquote(s) for s in re.findall(r"\.id = (" + STRING + ")", text)]
    link_pairs = re.search(r"UNWIND \[(.*)\] AS link", text)
    if link_pairs:
        named_ids += [unquote(s) for s in re.findall(STRING, link_pairs.group(1))]
    types = [t for group in re.findall(r"\[:([\w|]+)", text) for t in group.split("|")]
    for listed in re.findall(r"type\(relationships\(p\)\[i\]\) IN \[([^\]]*)\]", text):
        types += [unquote(s) for s in re.findall(STRING, listed)]
    bare = re.sub(STRING, "''", text)
    labels = set(re.findall(r"\(\w*:(\w+)", bare))
    properties = set(re.findall(r"\{(\w+): ", bare)) | set(re.findall(r"\b[a-z]\.(\w+)\b", bare))
    problems = []
    for key, (node_labels, props) in g.nodes.items():
        if not labels <= node_labels:
            problems.append(f"node {key} lacks label(s) {sorted(labels - node_labels)}")
        if not properties <= set(props):
            problems.append(f"node {key} lacks propert(ies) {sorted(properties - set(props))}")
        if problems:
            break
    ids = g.by_id()
    problems += [f"no node has id {i!r}" for i in named_ids if i not in ids]
    problems += [f"relationship type {t} is none the export writes" for t in types if t not in known_types]
    return problems


def matching(g, key, label="Node"):
    return label in g.nodes[key][0]


def direction(left, right):
    return "out" if right == "->" else "in" if left == "<-" else "both"


def steps(g, key, types, way, either=frozenset()):
    """Neighbours of `key` over one relationship of `types` (all when empty), walked `way` ("out", "in" or
    "both"); a type in `either` is walked both ways."""
    for f, t, to in g.edges:
        if types and t not in types:
            continue
        if f == key and (way != "in" or t in either):
            yield to
        if to == key and (way != "out" or t in either):
            yield f


def evaluate_nodes(g, query):
    ids = g.by_id()
    got = set()
    one_hop = re.findall(r"MATCH \(x:Node \{id: (" + STRING + r")\}\)(<?-)\[:(\w+)\](->?)\(n:Node\)\nRETURN n\.id AS node",
                         query)
    if one_hop:
        for literal, left, rel, right in one_hop:
            start = ids.get(unquote(literal))
            if start is not None and matching(g, start):
                got |= {n for n in steps(g, start, {rel}, direction(left, right)) if matching(g, n)}
        return sorted(g.nodes[n][1]["id"] for n in got)
    m = re.fullmatch(r"MATCH (?:p = )?\(c:Node \{id: (" + STRING + r")\}\)(<?-)\[(?::([\w|]+))?\*1\.\.(\d+)\](->?)"
                     r"\(n:Node\)\nWHERE n <> c(?: AND n\.type IN \[([^\]]*)\])?"
                     r"(?:\n  AND all\(i IN range\(0, length\(p\) - 1\) WHERE type\(relationships\(p\)\[i\]\) IN "
                     r"\[([^\]]*)\] OR (startNode|endNode)\(relationships\(p\)\[i\]\) = nodes\(p\)\[i\]\))?"
                     r"\nRETURN DISTINCT n\.id AS node\nORDER BY node;\n", query)
    if not m:
        return None
    literal, left, types, depth, right, type_list, either, rule = m.groups()
    start = ids.get(unquote(literal))
    if start is None or not matching(g, start):
        return []
    types = set(types.split("|")) if types else set()
    way = direction(left, right)
    if rule:  # an undirected pattern whose relationships point the way they are walked, but for `either`'s
        way = "out" if rule == "startNode" else "in"
    either = frozenset(unquote(s) for s in re.findall(STRING, either or ""))
    # Cypher's variable-length match walks trails, and a node a walk reaches within N steps a trail reaches too.
    frontier, seen = {start}, set()
    for _ in range(int(depth)):
        frontier = {n for k in frontier for n in steps(g, k, types, way, either)} - seen
        seen |= frontier
    wanted = {unquote(s) for s in re.findall(STRING, type_list)} if type_list is not None else None
    for n in seen - {start}:
        if matching(g, n) and (wanted is None or g.nodes[n][1].get("type") in wanted):
            got.add(n)
    return sorted(g.nodes[n][1]["id"] for n in got)


def evaluate_links(g, query):
    m = re.fullmatch(r"UNWIND \[(.*)\] AS link\nMATCH \(a:Node \{id: link\[0\]\}\), \(b:Node \{id: link\[1\]\}\)\n"
                     r"WHERE \(a\)-\[:([\w|]+)\]->\(b\)(\n   OR .*)?\nRETURN a\.id AS source, b\.id AS target;\n",
                     query, re.S)
    if not m:
        return None
    pairs = re.findall(r"\[(" + STRING + r"), (" + STRING + r")\]", m.group(1))
    flows, parts = set(m.group(2).split("|")), m.group(3) is not None
    ids = g.by_id()

    def linked(a, rels, b):
        return any(f == a and t in rels and to == b for f, t, to in g.edges)

    got = []
    for x, y in pairs:
        a, b = ids.get(unquote(x)), ids.get(unquote(y))
        if a is None or b is None or not matching(g, a) or not matching(g, b):
            continue
        through_part = parts and any(
            matching(g, p) and ((linked(p, {"PART_OF"}, a) and linked(p, flows, b)) or
                                (linked(a, flows, p) and linked(p, {"PART_OF"}, b))) for p in g.nodes)
        if linked(a, flows, b) or through_part:
            got.append([g.nodes[a][1]["id"], g.nodes[b][1]["id"]])
    return sorted(got)


def main():
    kind, where, schema_path, cases_path = sys.argv[1:5]
    g = load_cypher(where) if kind == "cypher" else load_csv(where, kind == "neptune-csv")
    known_types = {upper_snake(r) for r in json.load(open(schema_path, encoding="utf-8"))["relations"]}
    failures, count, evaluated = [], 0, 0
    failures += [f"an edge of type {t}, no relation's" for t in sorted({t for _, t, _ in g.edges} - known_types)]
    for line in open(cases_path, encoding="utf-8"):
        case = json.loads(line)
        count += 1
        problems = mismatches_of_names(g, case["query"], known_types)
        if case["kind"] in ("nodes", "links"):
            got = (evaluate_nodes if case["kind"] == "nodes" else evaluate_links)(g, case["query"])
            if got is None:
                problems.append("a query of no known shape")
            else:
                evaluated += 1
                if got != sorted(case["expected"]):
                    problems.append(f"got {got}, mlkg {sorted(case['expected'])}")
        failures += [f"{case['name']}: {p}" for p in problems]
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print(f"ok: {count} queries ({evaluated} evaluated)")


if __name__ == "__main__":
    main()
