"""Times networkx on the graph and queries mlkg_bench_paths wrote, for bench/run.

Usage: networkx_paths.py DIR PAIRS K_PAIRS K
Reads DIR/edges.tsv and DIR/pairs.tsv; prints one JSON object. Only the query calls are timed
(nx.shortest_path, and the first K of nx.shortest_simple_paths), on graphs already built.
"""
import itertools
import json
import sys
import time

import networkx as nx


def main():
    folder, pairs_count, k_pairs, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    start = time.perf_counter()
    with open(f"{folder}/edges.tsv") as f:
        edges = [tuple(map(int, line.split())) for line in f]
    with open(f"{folder}/pairs.tsv") as f:
        pairs = [tuple(map(int, line.split())) for line in f]
    nodes = 1 + max(max(a, b) for a, b in edges)
    undirected, directed = nx.Graph(), nx.DiGraph()
    for g in (undirected, directed):
        g.add_nodes_from(range(nodes))
        g.add_edges_from(edges)
    report = {"build_ms": (time.perf_counter() - start) * 1000}

    for name, g in (("undirected", undirected), ("directed", directed)):
        shortest, k_shortest = [], []
        for s, t in pairs[:pairs_count]:
            start = time.perf_counter()
            try:
                lengths = [len(nx.shortest_path(g, s, t)) - 1]
            except nx.NetworkXNoPath:
                lengths = []
            shortest.append({"ms": (time.perf_counter() - start) * 1000, "lengths": lengths})
        for s, t in pairs[:k_pairs]:
            start = time.perf_counter()
            try:
                paths = list(itertools.islice(nx.shortest_simple_paths(g, s, t), k))
            except nx.NetworkXNoPath:
                paths = []
            k_shortest.append({"ms": (time.perf_counter() - start) * 1000, "lengths": [len(p) - 1 for p in paths]})
        report[name] = {"shortest": shortest, "k": k_shortest}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
