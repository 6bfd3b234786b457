#!/usr/bin/env python3
"""Builds examples/data/dedup_sample.jsonl: 200 HH-RLHF "chosen" dialogues from
examples/data/hh_rlhf_harmless_sample.jsonl plus planted copies, so `winnow dedup` has something to
find in the demo. Deterministic (seeded); stdlib only.

Planted: 20 exact copies, 20 copies differing only in case/punctuation/whitespace, 20 near copies
with 2-4% of words replaced, and 10 paraphrase-free unrelated records. Each planted record's
"planted" field says what it is and which id it copies.
"""
import json
import random
import sys

rng = random.Random(7)
rows = [json.loads(line) for line in open(sys.argv[1] if len(sys.argv) > 1 else
                                             "examples/data/hh_rlhf_harmless_sample.jsonl")]
base = [{"id": f"hh{i:04d}", "text": r["chosen"].strip(), "source": "hh-rlhf"}
        for i, r in enumerate(rows[:200])]
out = list(base)
picks = rng.sample(range(len(base)), 60)
for n, i in enumerate(picks):
    original = base[i]
    text = original["text"]
    if n < 20:
        kind = "exact"
    elif n < 40:
        kind = "case_punct"
        text = text.upper().replace(".", " .").replace("?", "!").replace("  ", " ")
    else:
        kind = "near"
        words = text.split()
        for _ in range(max(1, len(words) // 40)):
            words[rng.randrange(len(words))] = rng.choice(["really", "maybe", "indeed", "quite"])
        text = " ".join(words)
    out.append({"id": f"copy{n:03d}", "text": text, "source": "planted",
                "planted": {"kind": kind, "of": original["id"]}})
rng.shuffle(out)
for row in out:
    print(json.dumps(row, ensure_ascii=False))
