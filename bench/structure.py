"""Print the house's structure as the tests hold it: page packages and what they import, the
core's deepest import chain, page lengths, and Streamlit outside its places.

    .venv/bin/python bench/structure.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import import_graph as g


def main() -> None:
    known = g.modules()
    uses: dict[str, set[str]] = defaultdict(set)
    for name, targets in g.graph().items():
        source = known[name].package or name.split(".")[0]
        for target in targets:
            other = known[target].package or target.split(".")[0]
            if other != source:
                uses[source].add(other)
    print("Packages and the packages they import:")
    for package in sorted(uses):
        kind = "page" if package in g.FEATURES else "shared" if package in g.SHARED else ""
        print(f"  {package:<14} {kind:<7} -> {', '.join(sorted(uses[package]))}")
    crossings = g.feature_crossings()
    print(f"\nA page package importing another: {len(crossings)}")
    for source, target in crossings:
        print(f"  {source} -> {target}")
    chain = g.deepest_core_chain()
    print(f"\nThe core's deepest import chain: {len(chain)} modules")
    print("  " + " -> ".join(chain))
    print("\nPage scripts (lines):")
    for page, lines in g.page_lengths().items():
        print(f"  {page:<28} {lines:>4}")
    print(f"\nCore modules importing Streamlit: {g.streamlit_in_core() or 'none'}")


if __name__ == "__main__":
    main()
