#!/usr/bin/env python3
# usage: make_reference_signatures.py PUNCTUATION_SET_TSV MINHASH_TEST_CLUSTERS_JSONL > minhash_reference_signatures.jsonl
# Reference: datatrove-style MinHash per ../shared/specs/dedup.md, in Python with numpy + xxhash.
import json, re, sys, unicodedata
import numpy as np, xxhash
P = np.uint64((1 << 61) - 1)
punct = set(chr(int(l.split('\t')[0][2:], 16)) for l in open(sys.argv[1]))
NUM = re.compile(r'\d+([.,\u060c\u066b\u2396\u2397\u2398]\d+)?')
def simplify(t):
    t = t.lower()
    t = NUM.sub('0', t)
    t = ''.join(' ' if c in punct else c for c in t)
    t = re.sub(r'\s+', ' ', t).strip()
    t = ''.join(c for c in unicodedata.normalize('NFD', t) if unicodedata.category(c) != 'Mn')
    return t.strip()
g = np.random.RandomState(1)
a = g.randint(1, P, dtype=np.uint64, size=(1, 112)); b = g.randint(0, P, dtype=np.uint64, size=(1, 112))
def sig(text):
    words = simplify(text).split()
    ng = [' '.join(words[i:i+5]) for i in range(len(words) - 4)]
    if not ng: return None
    h = np.array([xxhash.xxh64_intdigest(x.encode()) for x in ng], dtype=np.uint64).reshape(-1, 1)
    with np.errstate(over='ignore'):
        phv = (h * a + b) % P
    return [int(v) for v in np.min(phv, axis=0)]
texts = [json.loads(l)['text'] for l in open(sys.argv[2])][:4]
texts += ["Ünïcödé Café, 3.14159 and 1,000,000 dollars — “quoted” text here!", "İstanbul ΣΊΣΥΦΟΣ straße naïve coöperate résumé façade", "too short text"]
for t in texts:
    s = sig(t)
    print(json.dumps({"text": t, "normalized": simplify(t), "signature": [str(v) for v in s] if s else None}, ensure_ascii=False))
