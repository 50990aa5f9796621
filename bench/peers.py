#!/usr/bin/python3
"""One whole run of a peer library on an mlkg graph folder, for bench/scale.

  bench/peers.py networkx|igraph|graph-tool DIR

Loads every DIR/graph/*.json graph file but schema.json with the standard json module, builds the
library's undirected graph (node ids and types, edge relations as attributes), answers the three
questions of DIR/queries.json (mlkg's `path --any`, `path --any --k 10`, `neighbours --depth 2`) and
prints one JSON object: the answers (path lengths, neighbourhood size) and the seconds each step took.
graph-tool has no k shortest simple paths, so its "k" answer is null.
"""
import glob
import itertools
import json
import os
import sys
import time


def read_graph(folder):
    nodes, edges = [], []
    for path in sorted(glob.glob(os.path.join(folder, "graph", "*.json"))):
        if os.path.basename(path) == "schema.json":
            continue
        with open(path) as f:
            data = json.load(f)
        nodes.extend(data.get("nodes", []))
        edges.extend(data.get("edges", []))
    return nodes, edges


def with_networkx(nodes, edges, q):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from((n["id"], {"type": n["type"], "label": n["label"]}) for n in nodes)
    g.add_edges_from((e["from"], e["to"], {"rel": e["rel"]}) for e in edges)
    built = time.perf_counter()
    a, b = q["path"]
    path = nx.shortest_path_length(g, a, b)
    a, b = q["k"]
    k = [len(p) - 1 for p in itertools.islice(nx.shortest_simple_paths(g, a, b), 10)]
    ego = len(nx.single_source_shortest_path_length(g, q["neighbours"], cutoff=2)) - 1
    return built, path, k, ego


def with_igraph(nodes, edges, q):
    import igraph

    index = {n["id"]: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[e["from"]], index[e["to"]]) for e in edges], directed=False)
    g.vs["name"] = [n["id"] for n in nodes]
    g.vs["type"] = [n["type"] for n in nodes]
    g.es["rel"] = [e["rel"] for e in edges]
    built = time.perf_counter()
    a, b = (index[x] for x in q["path"])
    path = len(g.get_shortest_paths(a, b, output="vpath")[0]) - 1
    a, b = (index[x] for x in q["k"])
    k = [len(p) - 1 for p in g.get_k_shortest_paths(a, b, k=10, mode="all", output="vpath")]
    ego = g.neighborhood_size(index[q["neighbours"]], order=2) - 1
    return built, path, k, ego


def with_graph_tool(nodes, edges, q):
    import graph_tool as gt
    import graph_tool.topology as topology
    import numpy as np

    index = {n["id"]: i for i, n in enumerate(nodes)}
    g = gt.Graph(directed=False)
    g.add_vertex(len(nodes))
    g.add_edge_list(np.array([(index[e["from"]], index[e["to"]]) for e in edges], dtype=np.int64))
    names = g.new_vertex_property("string", vals=[n["id"] for n in nodes])
    types = g.new_vertex_property("string", vals=[n["type"] for n in nodes])
    rels = g.new_edge_property("string", vals=[e["rel"] for e in edges])
    g.vertex_properties["name"], g.vertex_properties["type"], g.edge_properties["rel"] = names, types, rels
    built = time.perf_counter()
    a, b = (index[x] for x in q["path"])
    path = int(topology.shortest_distance(g, g.vertex(a), g.vertex(b)))
    dist = topology.shortest_distance(g, g.vertex(index[q["neighbours"]]), max_dist=2).a
    ego = int(np.count_nonzero(dist <= 2)) - 1
    return built, path, None, ego


def main():
    tool, folder = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    with open(os.path.join(folder, "queries.json")) as f:
        q = json.load(f)
    nodes, edges = read_graph(folder)
    parsed = time.perf_counter()
    run = {"networkx": with_networkx, "igraph": with_igraph, "graph-tool": with_graph_tool}[tool]
    built, path, k, ego = run(nodes, edges, q)
    done = time.perf_counter()
    print(json.dumps({"tool": tool, "path": path, "k": k, "neighbours": ego, "parse_s": parsed - start,
                      "build_s": built - parsed, "queries_s": done - built}))


if __name__ == "__main__":
    main()
