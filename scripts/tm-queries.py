#!/usr/bin/env python3
"""Make perturbed search queries from a TMX file, deterministically (used by scripts/bench-tm).

Picks --count units at random (seeded) among the single-line ones and perturbs one side:
Japanese: 1–3 character edits (substitute, delete, insert a kana/kanji seen in the corpus);
English: 1–2 word edits (substitute, delete, insert a word seen in the corpus).
Writes two files: OUT.ja.txt (Japanese queries) and OUT.en.txt (English queries), one per line.
"""
import argparse, random, re, sys
from xml.sax.saxutils import unescape

ap = argparse.ArgumentParser()
ap.add_argument("tmx"); ap.add_argument("out")
ap.add_argument("--count", type=int, default=200); ap.add_argument("--seed", type=int, default=7)
args = ap.parse_args()
rng = random.Random(args.seed)
seg = re.compile(r'<tuv xml:lang="en"><seg>(.*?)</seg></tuv><tuv xml:lang="ja"><seg>(.*?)</seg></tuv>')
units = []
with open(args.tmx, encoding="utf-8") as f:
    for line in f:
        m = seg.search(line)
        if m:
            en, ja = unescape(m.group(1)), unescape(m.group(2))
            if "\n" not in en and "\n" not in ja and 3 <= len(ja) and len(en.split()) >= 2:
                units.append((en, ja))
sample = rng.sample(units, min(len(units), args.count * 4))
chars = [c for _, ja in sample for c in ja if "\u3040" <= c <= "\u9fff"]
words = [w for en, _ in sample for w in en.split()]

def perturb_ja(s):
    s = list(s)
    for _ in range(rng.randint(1, 3 if len(s) > 12 else 1)):
        op = rng.randrange(3)
        i = rng.randrange(len(s))
        if op == 0: s[i] = rng.choice(chars)
        elif op == 1 and len(s) > 3: del s[i]
        else: s.insert(i, rng.choice(chars))
    return "".join(s)

def perturb_en(s):
    w = s.split()
    for _ in range(rng.randint(1, 2 if len(w) > 6 else 1)):
        op = rng.randrange(3)
        i = rng.randrange(len(w))
        if op == 0: w[i] = rng.choice(words)
        elif op == 1 and len(w) > 2: del w[i]
        else: w.insert(i, rng.choice(words))
    return " ".join(w)

with open(args.out + ".ja.txt", "w", encoding="utf-8") as f:
    for en, ja in sample[:args.count]: f.write(perturb_ja(ja) + "\n")
with open(args.out + ".en.txt", "w", encoding="utf-8") as f:
    for en, ja in sample[args.count:2 * args.count]: f.write(perturb_en(en) + "\n")
print(f"{args.out}.ja.txt, {args.out}.en.txt: {args.count} queries each from {len(units)} single-line units", file=sys.stderr)
