#!/usr/bin/python3
"""Writes a big, valid mlkg graph folder for the whole-run benchmark (bench/scale).

  bench/gen_graph.py OUT_DIR --nodes N --edges M [--seed S] [--files F] [--problems P]

writes the graph folder OUT_DIR/graph and OUT_DIR/queries.json.

Deterministic: the same arguments give byte-identical files. Degrees are heavy-tailed (Chung-Lu: a
node's expected degree follows a power law with exponent 2.3, like real knowledge graphs), at most one
edge joins any two nodes and none joins a node to itself, so every tool sees the same simple
undirected graph. Nodes and edges are spread over F files ("part-NN.json", edges often pointing into
other files) beside a schema.json; some nodes carry aliases and facts, some edges a note, many a
source line. queries.json names the node pairs the benchmark asks about.

--problems P (a count) instead writes a graph with P problems of a dozen kinds spread over it
(unknown nodes, duplicate ids and edges, bad types, self-loops, ...), for the bad-input-at-scale test.
"""
import argparse
import bisect
import itertools
import json
import os
import random

TYPES = ["service", "feature", "concept", "technique", "problem", "metric"]
RELATIONS = {
    "feeds": {"description": "Data flows from source to target.", "inverse": "fed-by", "flow": True},
    "part-of": {"description": "Is a component of.", "inverse": "has-part"},
    "used-for": {"description": "Serves a purpose.", "inverse": "served-by"},
    "requires": {"description": "Needs the other to work.", "inverse": "required-by"},
    "alternative-to": {"description": "Either can do the job.", "inverse": "alternative-to", "symmetric": True},
    "mitigates": {"description": "Reduces a problem.", "inverse": "mitigated-by", "from": ["technique"],
                  "to": ["problem"]},
}
FREE_RELATIONS = ["feeds", "part-of", "used-for", "requires", "alternative-to"]
GAMMA = 2.3


def node_id(i):
    return f"n-{i}"


def chung_lu_edges(rng, nodes, edges):
    """`edges` distinct unordered pairs, endpoints drawn with weight (rank + 10)^(-1/(gamma-1))."""
    exponent = -1.0 / (GAMMA - 1.0)
    rank = list(range(nodes))
    rng.shuffle(rank)  # hubs are spread over the ids, not the first ones
    cumulative = list(itertools.accumulate((rank[i] + 10) ** exponent for i in range(nodes)))
    total = cumulative[-1]
    seen, result = set(), []
    while len(result) < edges:
        batch = 2 * (edges - len(result)) + 1024
        picks = [bisect.bisect(cumulative, rng.random() * total) for _ in range(batch)]
        for a, b in zip(picks[::2], picks[1::2]):
            if a == b or a >= nodes or b >= nodes:
                continue
            key = a * nodes + b if a < b else b * nodes + a
            if key in seen:
                continue
            seen.add(key)
            result.append((a, b))
            if len(result) == edges:
                break
    return result


def node_text(i, type_name, rng):
    parts = [f'{{"id": "{node_id(i)}", "label": "Node {i}", "type": "{type_name}", '
             f'"summary": "Generated {type_name} number {i} of the benchmark graph."']
    if i % 10 == 0:
        parts.append(f', "aliases": ["Alias {i}"]')
    if i % 4 == 0:
        parts.append(f', "facts": ["Fact one about node {i}.", "Fact two about node {i}."]')
    parts.append(f', "source": [{1 + rng.randrange(5000)}]}}')
    return "".join(parts)


def edge_text(a, rel, b, rng):
    text = f'{{"from": "{node_id(a)}", "rel": "{rel}", "to": "{node_id(b)}"'
    r = rng.random()
    if r < 0.02:
        text += f', "note": "generated edge between {a} and {b}"'
    if r < 0.4:
        text += f', "source": [{1 + rng.randrange(5000)}]'
    return text + "}"


def write_file(path, section, node_lines, edge_lines):
    with open(path, "w") as f:
        f.write(f'{{\n  "section": "{section}",\n  "nodes": [\n    ')
        f.write(",\n    ".join(node_lines))
        f.write('\n  ],\n  "edges": [\n    ')
        f.write(",\n    ".join(edge_lines))
        f.write("\n  ]\n}\n")


def add_problems(rng, count, nodes, node_lines, edge_lines):
    """Replaces or adds lines so that the graph has `count` problems, each one mlkg must report."""
    kinds = [
        lambda i: ("edge", f'{{"from": "n-{i}", "rel": "feeds", "to": "missing-{i}"}}'),
        lambda i: ("edge", f'{{"from": "n-{i}", "rel": "feds", "to": "n-{(i + 1) % nodes}"}}'),
        lambda i: ("edge", f'{{"from": "n-{i}", "rel": "feeds", "to": "n-{i}"}}'),
        lambda i: ("node", f'{{"id": "n-{i}", "label": "Copy {i}", "type": "concept"}}'),
        lambda i: ("node", f'{{"id": "Bad_Id_{i}", "label": "Bad {i}", "type": "concept"}}'),
        lambda i: ("node", f'{{"id": "extra-{i}", "label": "Extra {i}", "type": "servise"}}'),
        lambda i: ("node", f'{{"id": "more-{i}", "label": "More {i}", "type": "concept", "colour": "red"}}'),
        lambda i: ("node", f'{{"id": "lines-{i}", "label": "Lines {i}", "type": "concept", "source": [0]}}'),
        lambda i: ("node", f'{{"id": "label-{i}", "type": "concept", "summary": 7}}'),
    ]
    for p in range(count):
        i = rng.randrange(nodes)
        where, text = kinds[p % len(kinds)](i)
        (node_lines if where == "node" else edge_lines).append(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--nodes", type=int, required=True)
    p.add_argument("--edges", type=int, required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--files", type=int, default=4)
    p.add_argument("--problems", type=int, default=0)
    a = p.parse_args()

    rng = random.Random(a.seed)
    graph = os.path.join(a.out, "graph")
    os.makedirs(graph, exist_ok=True)
    schema = {"version": 1, "node_types": {t: {"description": f"A {t}."} for t in TYPES}, "relations": RELATIONS}
    with open(os.path.join(graph, "schema.json"), "w") as f:
        json.dump(schema, f, indent=2)
        f.write("\n")

    types = [TYPES[rng.randrange(len(TYPES))] for _ in range(a.nodes)]
    pairs = chung_lu_edges(rng, a.nodes, a.edges)
    nodes_of = [[] for _ in range(a.files)]
    for i in range(a.nodes):
        nodes_of[i * a.files // a.nodes].append(node_text(i, types[i], rng))
    edges_of = [[] for _ in range(a.files)]
    for e, (x, y) in enumerate(pairs):
        if rng.random() < 0.5:
            x, y = y, x
        if types[x] == "technique" and types[y] == "problem":
            rel = "mitigates"
        else:
            rel = FREE_RELATIONS[rng.randrange(len(FREE_RELATIONS))]
        edges_of[e * a.files // len(pairs)].append(edge_text(x, rel, y, rng))
    if a.problems:
        add_problems(rng, a.problems, a.nodes, nodes_of[-1], edges_of[-1])
    for f in range(a.files):
        write_file(os.path.join(graph, f"part-{f:02d}.json"), f"Part {f}", nodes_of[f], edges_of[f])

    degree = [0] * a.nodes
    for x, y in pairs:
        degree[x] += 1
        degree[y] += 1
    linked = [i for i in range(a.nodes) if degree[i] > 0]
    quiet = [i for i in linked if degree[i] <= 3]  # two hops from a quiet node is a real, bounded answer
    queries = {"path": [node_id(rng.choice(linked)), node_id(rng.choice(linked))],
               "k": [node_id(rng.choice(linked)), node_id(rng.choice(linked))],
               "neighbours": node_id(rng.choice(quiet or linked))}
    with open(os.path.join(a.out, "queries.json"), "w") as f:
        json.dump(queries, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
