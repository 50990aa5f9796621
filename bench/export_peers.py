#!/usr/bin/python3
"""One whole run of a peer writer on an mlkg graph folder, for bench/export.

  bench/export_peers.py networkx-graphml|rdflib-turtle GRAPH_DIR OUT_FILE

Loads every GRAPH_DIR/*.json graph file but schema.json with the standard json module, builds the
library's graph with what mlkg's export of the same format holds, and writes it:
  networkx-graphml: an nx.MultiDiGraph, nodes with label, type, category, section, summary, aliases,
                    facts and lines, edges with relation, note and lines; nx.write_graphml.
  rdflib-turtle:    an rdflib.Graph of the triples mlkg's Turtle export holds (type, rdfs:label,
                    skos:altLabel, rdfs:comment, section, category, facts, lines; one triple per edge, and
                    an rdf:Statement with note and lines for an edge that has either); serialize(turtle).
Prints one JSON object: the CPU seconds (time.process_time) of reading, building and writing.
"""
import glob
import json
import os
import sys
import time


def lines_text(source):
    return ", ".join(str(x) for x in source or [])


def read_graph(folder):
    nodes, edges = [], []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        if os.path.basename(path) == "schema.json":
            continue
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for n in data.get("nodes", []):
            n.setdefault("section", data.get("section", ""))
        nodes.extend(data.get("nodes", []))
        edges.extend(data.get("edges", []))
    return nodes, edges


def networkx_graphml(nodes, edges, out):
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], label=n["label"], type=n["type"], category=n.get("category", ""),
                   section=n.get("section", ""), summary=n.get("summary", ""),
                   aliases=json.dumps(n.get("aliases", [])), facts=json.dumps(n.get("facts", [])),
                   lines=lines_text(n.get("source")))
    for e in edges:
        g.add_edge(e["from"], e["to"], relation=e["rel"], note=e.get("note", ""), lines=lines_text(e.get("source")))
    built = time.process_time()
    nx.write_graphml(g, out)
    return built


def rdflib_turtle(nodes, edges, out):
    from rdflib import BNode, Graph, Literal, Namespace, RDF, RDFS
    from rdflib.namespace import SKOS

    vocab, node, kind = (Namespace("https://mlkg.example/" + x) for x in ("vocab#", "node/", "type/"))
    g = Graph()
    for prefix, ns in (("mlkg", vocab), ("node", node), ("type", kind), ("skos", SKOS)):
        g.bind(prefix, ns)
    add = g.add
    for n in nodes:
        s = node[n["id"]]
        add((s, RDF.type, kind[n["type"]]))
        add((s, RDFS.label, Literal(n["label"])))
        for alias in n.get("aliases", []):
            add((s, SKOS.altLabel, Literal(alias)))
        if n.get("summary"):
            add((s, RDFS.comment, Literal(n["summary"])))
        if n.get("section"):
            add((s, vocab.section, Literal(n["section"])))
        if n.get("category"):
            add((s, vocab.category, Literal(n["category"])))
        for fact in n.get("facts", []):
            add((s, vocab.fact, Literal(fact)))
        if n.get("source"):
            add((s, vocab.lines, Literal(lines_text(n["source"]))))
    for e in edges:
        s, p, o = node[e["from"]], vocab[e["rel"]], node[e["to"]]
        add((s, p, o))
        if e.get("note") or e.get("source"):
            st = BNode()
            add((st, RDF.type, RDF.Statement))
            add((st, RDF.subject, s))
            add((st, RDF.predicate, p))
            add((st, RDF.object, o))
            if e.get("note"):
                add((st, vocab.note, Literal(e["note"])))
            if e.get("source"):
                add((st, vocab.lines, Literal(lines_text(e["source"]))))
    built = time.process_time()
    g.serialize(destination=out, format="turtle")
    return built


def main():
    tool, folder, out = sys.argv[1:4]
    start = time.process_time()
    nodes, edges = read_graph(folder)
    read = time.process_time()
    built = {"networkx-graphml": networkx_graphml, "rdflib-turtle": rdflib_turtle}[tool](nodes, edges, out)
    done = time.process_time()
    print(json.dumps({"read_s": read - start, "build_s": built - read, "write_s": done - built,
                      "nodes": len(nodes), "edges": len(edges)}))


if __name__ == "__main__":
    main()
