#!/usr/bin/env python3
"""The relevance scorer (bench/relevance.py) against hand-computed cases, trec_eval 9.0.x
conventions: ties by docid in decreasing string order, cut at 1,000, P@k over k, graded nDCG,
every judged query averaged (no hits: 0), unjudged queries ignored."""
import math
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import relevance  # noqa: E402

L3 = math.log2(3)  # the discount at rank 2

# Query A: ties and a graded judgment. d1 and d2 tie at 1.0: "d2" > "d1", so d2 comes first.
# Ranking d3 (unjudged), d2 (rel 2), d1 (rel 1), d4 (rel 0); d5 (rel 1) is not retrieved.
A_HITS = [("d3", 2.0), ("d1", 1.0), ("d2", 1.0), ("d4", 0.5)]
A_JUDGED = {"d1": 1, "d2": 2, "d4": 0, "d5": 1}
A = {"p@10": 2 / 10,                              # 4 retrieved, 2 relevant, divided by 10
     "r@100": 2 / 3,                              # relevant: d1, d2, d5
     "map": (1 / 2 + 2 / 3) / 3,                  # relevant at ranks 2 and 3 = 7/18
     "ndcg@10": (2 / L3 + 1 / 2) / (2 + 1 / L3 + 1 / 2)}  # ideal: gains 2, 1, 1 (d5 too), 0 = 0.5627

# Query B: judged, no hits: 0 on everything.
B_JUDGED = {"d7": 1}

# Query D: 12 hits e01..e12 (scores 12..1), relevant e02 and e11, e99 relevant but not retrieved.
D_HITS = [(f"e{i:02d}", 13.0 - i) for i in range(1, 13)]
D_JUDGED = {"e02": 1, "e11": 1, "e99": 1, "e05": 0}
D = {"p@10": 1 / 10,                              # e11 is at rank 11
     "r@100": 2 / 3,
     "map": (1 / 2 + 2 / 11) / 3,                 # = 5/22
     "ndcg@10": (1 / L3) / (1 + 1 / L3 + 1 / 2)}  # = 0.2961


class Ranking(unittest.TestCase):
    def test_ties_by_docid_decreasing_string_order(self):
        # At 1.0: "d2" > "d10" > "d1" as strings (not as numbers).
        hits = [("d1", 1.0), ("d3", 2.0), ("d2", 1.0), ("d10", 1.0)]
        self.assertEqual(relevance.ranking(hits), ["d3", "d2", "d10", "d1"])

    def test_cut_at_1000(self):
        # The only relevant document is at rank 1,001: cut off, so AP and R@100 are 0.
        hits = [(f"x{i:04d}", 2000.0 - i) for i in range(1, 1002)]
        self.assertEqual(len(relevance.ranking(hits)), 1000)
        m = relevance.query_measures(hits, {"x1001": 1})
        self.assertEqual(m["map"], 0.0)


class Measures(unittest.TestCase):
    def check(self, got, want):
        for measure, value in want.items():
            self.assertAlmostEqual(got[measure], value, places=12, msg=measure)

    def test_ties_and_graded_relevance(self):
        self.check(relevance.query_measures(A_HITS, A_JUDGED), A)
        self.assertAlmostEqual(A["ndcg@10"], 0.5627, places=4)
        self.assertAlmostEqual(A["map"], 7 / 18)

    def test_fewer_than_ten_and_beyond_ten(self):
        self.check(relevance.query_measures(D_HITS, D_JUDGED), D)
        self.assertAlmostEqual(D["ndcg@10"], 0.2961, places=4)

    def test_no_hits(self):
        self.check(relevance.query_measures([], B_JUDGED), dict.fromkeys(relevance.MEASURES, 0.0))

    def test_recall_cut_at_100(self):
        # Relevant at ranks 100 and 101: R@100 = 1/2; AP = (1/100 + 2/101) / 2; nothing in the top 10.
        hits = [(f"x{i:03d}", 1000.0 - i) for i in range(1, 151)]
        self.check(relevance.query_measures(hits, {"x100": 1, "x101": 1}),
                   {"r@100": 1 / 2, "map": (1 / 100 + 2 / 101) / 2, "p@10": 0.0, "ndcg@10": 0.0})

    def test_nothing_relevant_judged(self):
        # Judged, but only rel 0: every measure is 0 (no division by zero).
        self.check(relevance.query_measures([("d1", 1.0)], {"d1": 0}), dict.fromkeys(relevance.MEASURES, 0.0))


class ScoreRun(unittest.TestCase):
    def test_means_over_judged_queries(self):
        # B is judged but absent from the run (0); U has hits but no judgments (ignored).
        run = {"A": A_HITS, "D": D_HITS, "U": [("d1", 1.0)]}
        qrels = {"A": A_JUDGED, "B": B_JUDGED, "D": D_JUDGED}
        s = relevance.score_run(run, qrels)
        self.assertEqual(s["queries"], 3)
        for m in relevance.MEASURES:
            self.assertAlmostEqual(s[m], (A[m] + 0 + D[m]) / 3, places=12, msg=m)
        self.assertEqual(sorted(s["per_query"]), ["A", "B", "D"])
        self.assertEqual(s["per_query"]["B"]["ndcg@10"], 0.0)
        # Concretely: P@10 = (0.2 + 0 + 0.1) / 3 = 0.1; MAP = (7/18 + 5/22) / 3.
        self.assertAlmostEqual(s["p@10"], 0.1)
        self.assertAlmostEqual(s["map"], (7 / 18 + 5 / 22) / 3)

    def test_no_judged_queries(self):
        self.assertEqual(relevance.score_run({"U": [("d1", 1.0)]}, {})["queries"], 0)


class Inputs(unittest.TestCase):
    def test_fts5_query_words(self):
        self.assertEqual(relevance.fts5_query("Time-Sharing (TSS), IBM's 360/67?"),
                         '"time" OR "sharing" OR "tss" OR "ibm" OR "s" OR "360" OR "67"')
        self.assertEqual(relevance.fts5_query(" -- ?"), "")

    def test_collections_and_their_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp)
            for name, files in (("full", relevance.FILES), ("partial", relevance.FILES[:2])):
                (data / name).mkdir()
                for f in files:
                    (data / name / f).write_text("")
            (data / "full" / "queries.tsv").write_text("1\tTime sharing\tsystems\n\n2\tparsing\n")
            (data / "full" / "qrels.txt").write_text("1 0 CACM-0001 1\n1 0 CACM-0002 0\n2 0 CACM-0003 2\n")
            self.assertEqual(list(relevance.find_collections(data)), ["full"])
            self.assertEqual(relevance.read_queries(data / "full"), [("1", "Time sharing\tsystems"), ("2", "parsing")])
            self.assertEqual(relevance.read_qrels(data / "full"),
                             {"1": {"CACM-0001": 1, "CACM-0002": 0}, "2": {"CACM-0003": 2}})


if __name__ == "__main__":
    unittest.main()
