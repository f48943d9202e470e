#!/usr/bin/env python3
"""Independent thread count for a Maildir or folder of messages: the
connected components of the Message-ID / In-Reply-To / References graph,
computed with Python's standard `email` package (no mailthread code).

    python3 scripts/thread_sizes.py DIR > sizes.tsv

Prints one line per thread: its size (messages) and its earliest
Message-ID, sorted by size (descending) then id. An id that is referenced
but never seen links the messages that name it (as in JWZ), and counts
no message of its own.
"""
import email
import email.policy
import os
import re
import sys

ID = re.compile(r"<([^<>\s]+)>")


def main(root):
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    seen = []
    for dirpath, _, files in sorted(os.walk(root)):
        if os.path.basename(dirpath) == "tmp":
            continue
        for name in sorted(files):
            if name.startswith("."):
                continue
            with open(os.path.join(dirpath, name), "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.compat32)
            mid = ID.findall(msg.get("Message-ID", "") or "")
            node = mid[0] if mid else "file:" + os.path.join(dirpath, name)
            seen.append(node)
            find(node)
            for header in ("In-Reply-To", "References"):
                for ref in ID.findall(str(msg.get(header, "") or "")):
                    union(node, ref)
    groups = {}
    for node in set(seen):
        groups.setdefault(find(node), []).append(node)
    rows = sorted((-len(v), min(v)) for v in groups.values())
    for size, first in rows:
        print(f"{-size}\t{first}")


if __name__ == "__main__":
    main(sys.argv[1])
