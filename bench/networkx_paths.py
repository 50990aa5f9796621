"""Times networkx on the graph and queries mlkg_bench_paths wrote, for bench/run.

Usage: networkx_paths.py DIR PAIRS K_PAIRS K [REPEAT]
Reads DIR/edges.tsv and DIR/pairs.tsv; prints one JSON object. Only the query calls are timed
(nx.shortest_path, and the first K of nx.shortest_simple_paths), on graphs already built; each query
REPEAT times (default 5), reporting its first run and its fastest, as mlkg_bench_paths does.
"""
import itertools
import json
import sys
import time

import networkx as nx


def timed(times, query):
    """Runs query() `times` times: its first run and its fastest run in milliseconds, and its result."""
    runs, result = [], None
    for _ in range(times):
        start = time.perf_counter()
        result = query()
        runs.append((time.perf_counter() - start) * 1000)
    return runs[0], min(runs), result


def main():
    folder, pairs_count, k_pairs, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    repeat = int(sys.argv[5]) if len(sys.argv) > 5 else 5
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
        def one_path(s, t):
            try:
                return [len(nx.shortest_path(g, s, t)) - 1]
            except nx.NetworkXNoPath:
                return []

        def k_paths(s, t):
            try:
                return [len(p) - 1 for p in itertools.islice(nx.shortest_simple_paths(g, s, t), k)]
            except nx.NetworkXNoPath:
                return []

        for s, t in pairs[:pairs_count]:
            first, warm, lengths = timed(repeat, lambda: one_path(s, t))
            shortest.append({"ms": first, "warm_ms": warm, "lengths": lengths})
        for s, t in pairs[:k_pairs]:
            first, warm, lengths = timed(repeat, lambda: k_paths(s, t))
            k_shortest.append({"ms": first, "warm_ms": warm, "lengths": lengths})
        report[name] = {"shortest": shortest, "k": k_shortest}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
