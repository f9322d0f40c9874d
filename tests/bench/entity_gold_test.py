#!/usr/bin/env python3
"""The entity gold scorer (bench/entity_gold.py) against hand-computed cases, and the gold
files themselves: every line well formed, every article once per part."""
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import entity_gold  # noqa: E402


class Scorer(unittest.TestCase):
    def gold(self, rows):
        return [(t, {entity_gold.norm(n) for n in names}) for t, names in rows]

    def test_names_compare_loosely(self):
        n = entity_gold.norm
        self.assertEqual(n("The U.S."), "us")
        self.assertEqual(n("Blair's"), "blair")
        self.assertEqual(n("Sinn Féin"), "sinn fein")
        self.assertEqual(n("Standard & Poor's"), n("Standard and Poor"))
        self.assertEqual(n("Ford Motor Co"), n("Ford Motor"))
        self.assertEqual(n("Al-Qaeda"), n("al qaeda"))

    def test_hand_computed_counts(self):
        gold = self.gold([("person", ["Tony Blair", "Blair"]), ("org", ["Labour Party", "Labour"]),
                          ("place", ["United Kingdom", "UK", "Britain"]), ("person", ["Gordon Brown"])])
        # Right: Tony Blair, Labour (an alias), UK. A second name for Tony Blair and a
        # wrong type (Gordon Brown as an org) are false positives; Gordon Brown the
        # person is then missed.
        predicted = [("person", "Tony Blair"), ("org", "Labour"), ("place", "Britain"), ("person", "Blair"),
                     ("org", "Gordon Brown"), ("place", "Paris")]
        c = entity_gold.score(gold, predicted)
        self.assertEqual(dict(c["person"]), {"tp": 1, "fp": 1, "fn": 1})
        self.assertEqual(dict(c["org"]), {"tp": 1, "fp": 1})
        self.assertEqual(dict(c["place"]), {"tp": 1, "fp": 1})
        p, r, f = entity_gold.prf({"tp": 3, "fp": 3, "fn": 1})
        self.assertAlmostEqual(p, 0.5)
        self.assertAlmostEqual(r, 0.75)
        self.assertAlmostEqual(f, 0.6)
        self.assertEqual(entity_gold.prf({}), (0.0, 0.0, 0.0))

    def test_an_entity_matched_once_even_when_two_share_a_name(self):
        gold = self.gold([("person", ["Bill Clinton", "Clinton"]), ("person", ["Hillary Clinton", "Clinton"])])
        c = entity_gold.score(gold, [("person", "Clinton"), ("person", "Clinton")])
        self.assertEqual(dict(c["person"]), {"tp": 2})

    def test_the_gold_files(self):
        files = sorted((ROOT / "bench" / "gold").glob("*.tsv"))
        self.assertGreaterEqual(len(files), 3)
        articles = 0
        for f in files:
            gold = entity_gold.read_gold([f])
            articles += len(gold)
            for article, entities in gold.items():
                for t, names in entities:
                    self.assertIn(t, entity_gold.TYPES, f"{f.name}: {article}")
                    self.assertTrue(all(names), f"{f.name}: {article}: an empty name")
        self.assertGreaterEqual(articles, 150)


if __name__ == "__main__":
    unittest.main()
