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
of kind "nodes" (what, related, neighbours), "links" (pipeline) and "path" are also evaluated here, by the
semantics of their few shapes, and must give mlkg's answer (for "path": the same chains in the same order).
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


def walk_test(text):
    """A test of one relationship of p, `text` as emit writes it inside all(i IN range(0, length(p) - 1) WHERE
    ...): atoms on relationships(p)[i] and nodes(p)[i] joined by AND, OR and parentheses. Returns a function of
    the edge (from, type, to) and the node walked from."""
    atom = re.compile(r"type\(relationships\(p\)\[i\]\) IN \[([^\]]*)\]|(startNode|endNode)\(relationships\(p\)\[i\]\) "
                      r"= nodes\(p\)\[i\]|AND|OR|\(|\)|\s+")
    tokens, at = [], 0
    while at < len(text):
        m = atom.match(text, at)
        if not m:
            raise ValueError(f"a relationship test of no known shape: {text[at:]!r}")
        at = m.end()
        if m.group(1) is not None:
            types = frozenset(unquote(s) for s in re.findall(STRING, m.group(1)))
            tokens.append(lambda edge, here, types=types: edge[1] in types)
        elif m.group(2) == "startNode":
            tokens.append(lambda edge, here: edge[0] == here)
        elif m.group(2) == "endNode":
            tokens.append(lambda edge, here: edge[2] == here)
        elif not m.group(0).isspace():
            tokens.append(m.group(0))

    def disjunction(i):  # OR binds looser than AND, as in Cypher
        first, i = conjunction(i)
        parts = [first]
        while i < len(tokens) and tokens[i] == "OR":
            part, i = conjunction(i + 1)
            parts.append(part)
        return (lambda e, h: any(p(e, h) for p in parts)), i

    def conjunction(i):
        parts = []
        while True:
            if tokens[i] == "(":
                part, i = disjunction(i + 1)
                if tokens[i] != ")":
                    raise ValueError(f"unbalanced: {text!r}")
                i += 1
            else:
                part, i = tokens[i], i + 1
            parts.append(part)
            if i < len(tokens) and tokens[i] == "AND":
                i += 1
                continue
            return (lambda e, h: all(p(e, h) for p in parts)), i

    test, end = disjunction(0)
    if end != len(tokens):
        raise ValueError(f"a relationship test of no known shape: {text!r}")
    return test


EVERY_STEP = r"all\(i IN range\(0, length\(p\) - 1\) WHERE (.*)\)"
PATH = re.compile(r"MATCH p = \(a:Node \{id: (" + STRING + r")\}\)(<?-)\[(?::([\w|]+))?\*1\.\.(\d+)\](->?)"
                  r"\(b:Node \{id: (" + STRING + r")\}\)\n"
                  r"WHERE ALL\(n IN nodes\(p\) WHERE single\(m IN nodes\(p\) WHERE m = n\)\)"
                  r"((?:\n  AND .*)*)"
                  r"\nWITH \[n IN nodes\(p\) \| n\.id\] AS path, length\(p\) AS hops"
                  r"(?:,\n     CASE((?:\n       WHEN " + EVERY_STEP + r" THEN \d+)+)\n       ELSE (\d+) END AS tier"
                  r"\nWITH path, hops, min\(tier\) AS tier|\nWITH DISTINCT path, hops)"
                  r"\nRETURN path, hops(?:, tier)?\nORDER BY (?:tier, )?hops, path\nLIMIT (\d+);\n")


def path_condition(g, line):
    """One `AND ...` line of a path query's WHERE, as a test of p's (nodes, edges)."""
    ids = g.by_id()
    m = re.fullmatch(r"(NONE|ANY)\(n IN nodes\(p\) WHERE n\.id = (" + STRING + r")\)", line)
    if m:
        node = ids.get(unquote(m.group(2)))
        return lambda nodes, edges: (node in nodes) == (m.group(1) == "ANY")
    m = re.fullmatch(EVERY_STEP, line)
    if m:
        test = walk_test(m.group(1))
        return lambda nodes, edges: all(test(e, n) for e, n in zip(edges, nodes))
    raise ValueError(f"a path condition of no known shape: {line!r}")


def simple_paths(g, start, end, types, way, hops):
    """Every p = (start)-[*1..hops]-(end) with no node twice, as (nodes, edges): each relationship of `types`
    (all when empty) walked `way`, and several relationships between two nodes giving several p."""
    incident = {}
    for edge in g.edges:
        if not types or edge[1] in types:
            incident.setdefault(edge[0], []).append(edge)
            if edge[2] != edge[0]:
                incident.setdefault(edge[2], []).append(edge)

    def walked(here, edge, walk):
        return edge[2] if edge[0] == here and walk != "in" else edge[0] if edge[2] == here and walk != "out" else None

    back = {"out": "in", "in": "out"}.get(way, "both")
    distance, frontier = {end: 0}, {end}  # hops to `end`, to prune walks that cannot get there in time
    for d in range(1, hops + 1):
        frontier = {walked(k, e, back) for k in frontier for e in incident.get(k, [])} - distance.keys() - {None}
        distance.update((n, d) for n in frontier)
    nodes, edges = [start], []

    def extend():
        here = nodes[-1]
        if here == end:
            yield list(nodes), list(edges)
            return
        for edge in incident.get(here, []):
            there = walked(here, edge, way)
            if there is None or there in nodes or distance.get(there, hops + 1) > hops - len(edges) - 1:
                continue
            nodes.append(there)
            edges.append(edge)
            yield from extend()
            nodes.pop()
            edges.pop()

    yield from extend()


def evaluate_path(g, query):
    text = re.sub(r"^//.*\n", "", query, flags=re.M)
    m = PATH.fullmatch(text)
    if not m:
        return None
    source, left, types, hops, right, target, conditions, cases, _, last_tier, limit = m.groups()
    ids = g.by_id()
    start, end = ids.get(unquote(source)), ids.get(unquote(target))
    if start is None or end is None or not matching(g, start) or not matching(g, end):
        return []
    tests = [path_condition(g, line[len("  AND "):]) for line in conditions.split("\n") if line]
    tiers = [(walk_test(test), int(tier))
             for test, tier in re.findall(r"\n       WHEN " + EVERY_STEP + r" THEN (\d+)", cases or "")]
    best = {}  # chain of ids -> its tier (min over every p through those nodes)
    types = set(types.split("|")) if types else set()
    for nodes, edges in simple_paths(g, start, end, types, direction(left, right), int(hops)):
        if not all(test(nodes, edges) for test in tests):
            continue
        tier = next((t for test, t in tiers if all(test(e, n) for e, n in zip(edges, nodes))), int(last_tier or 0))
        chain = tuple(g.nodes[n][1]["id"] for n in nodes)
        best[chain] = min(best.get(chain, tier), tier)
    rows = sorted((tier, len(chain) - 1, list(chain)) for chain, tier in best.items())
    return [chain for _, _, chain in rows[:int(limit)]]


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
        evaluate = {"nodes": evaluate_nodes, "links": evaluate_links, "path": evaluate_path}[case["kind"]]
        got = evaluate(g, case["query"])
        # A path's chains come in mlkg's order; nodes and links are sets.
        expected = case["expected"] if case["kind"] == "path" else sorted(case["expected"])
        if got is None:
            problems.append("a query of no known shape")
        else:
            evaluated += 1
            if got != expected:
                problems.append(f"got {got}, mlkg {expected}")
        failures += [f"{case['name']}: {p}" for p in problems]
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print(f"ok: {count} queries ({evaluated} evaluated)")


if __name__ == "__main__":
    main()
