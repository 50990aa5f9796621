#!/usr/bin/python3
"""Runs SPARQL queries printed by `mlkg ... --emit sparql` against a Turtle export with rdflib and
compares each answer with mlkg's own.

  sparql_check.py EXPORT.ttl CASES.jsonl

Each line of CASES is {"name", "kind", "query", "expected"}:
  kind "nodes": expected is the list of node ids the query must select as ?node, no more, no fewer;
  kind "links": expected is the list of [from, to] pairs selected as ?from ?to;
  kind "path":  expected is mlkg's paths (lists of node ids) in mlkg's order; the query's rows, in
                order, must be exactly those chains (its ?length and ?x1 ... give each chain).
Prints "ok: N queries" or every mismatch, exit 1.
"""
import json
import sys

import rdflib

NODE = "https://mlkg.example/node/"


def local(term):
    text = str(term)
    if not text.startswith(NODE):
        raise ValueError(f"not a node: {text}")
    return text[len(NODE):]


def check(graph, case):
    rows = list(graph.query(case["query"]))
    kind, expected = case["kind"], case["expected"]
    if kind == "nodes":
        got = sorted(local(r[0]) for r in rows)
        return None if got == sorted(expected) else f"got {got}, mlkg {sorted(expected)}"
    if kind == "links":
        got = sorted([local(r[0]), local(r[1])] for r in rows)
        return None if got == sorted(expected) else f"got {got}, mlkg {sorted(expected)}"
    chains = []
    for r in rows:
        d = r.asdict()
        length = int(d["length"])
        chains.append([case["from"]] + [local(d[f"x{i}"]) for i in range(1, length)] + [case["to"]])
    return None if chains == expected else f"got {chains}, mlkg {expected}"


def main():
    graph = rdflib.Graph()
    graph.parse(sys.argv[1], format="turtle")
    failures = 0
    cases = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    for case in cases:
        problem = check(graph, case)
        if problem:
            failures += 1
            print(f"FAIL {case['name']}: {problem}")
    if failures:
        print(f"{failures} of {len(cases)} queries differ")
        sys.exit(1)
    print(f"ok: {len(cases)} queries")


if __name__ == "__main__":
    main()
