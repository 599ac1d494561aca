#!/usr/bin/env python3
"""Builds name lists in the format of the variant development set (list_XX.txt and
list_XX.gold.json, scored the same way) from Debian's enamdict (JMnedict, © EDRDG, CC BY-SA 3.0).

A gold group is every katakana headword with the same romanised name (its first gloss,
lower-cased, tags and remarks dropped): ヴィヴァルディ/ビバルディ (vivaldi). Each list holds
groups, hard negatives (other names one or two kana edits from a group member: the names a
checker must not merge, such as ヒックマン beside ヘックマン) and random other names as singletons,
in about the proportions of the loanword development set.

  make_lists.py ENAMDICT_UTF8 OUT_DIR [--lists N] [--seed S]
"""
import collections, json, os, random, re, sys

KATAKANA = re.compile(r'^[\u30A1-\u30FA\u30FC\u30FB]{2,}$')


def read(path):
    names = {}
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^(\S+) (?:\[\S+\] )?/(.*)/$', line.strip())
        if not m or not KATAKANA.match(m.group(1)):
            continue
        gloss = re.sub(r'\([^)]*\)', '', m.group(2).split('/')[0]).strip().lower()
        if gloss and m.group(1) not in names:
            names[m.group(1)] = gloss
    return names


def levenshtein(a, b, limit):
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def main(argv):
    args = [a for n, a in enumerate(argv) if not a.startswith('--') and (n == 0 or not argv[n - 1].startswith('--'))]
    lists = int(argv[argv.index('--lists') + 1]) if '--lists' in argv else 10
    seed = int(argv[argv.index('--seed') + 1]) if '--seed' in argv else 20261127
    source, out = args[0], args[1]
    names = read(source)
    by_gloss = collections.defaultdict(list)
    for term, gloss in names.items():
        by_gloss[gloss].append(term)
    groups = sorted(sorted(ts) for ts in by_gloss.values() if len(ts) >= 2)
    rng = random.Random(seed)
    rng.shuffle(groups)
    # Bigram index over every name, for the hard negatives.
    index = collections.defaultdict(set)
    for term in names:
        for k in range(len(term) - 1):
            index[term[k:k + 2]].add(term)
    everything = sorted(names)
    per_list = len(groups) // lists
    os.makedirs(out, exist_ok=True)
    for n in range(lists):
        chosen = groups[n * per_list:(n + 1) * per_list][:400]
        used = {t for g in chosen for t in g}
        clusters = [list(g) for g in chosen]
        negatives = []
        for gi, g in enumerate(chosen):
            gloss = names[g[0]]
            near = set()
            for t in g:
                cands = collections.Counter(c for k in range(len(t) - 1) for c in index[t[k:k + 2]])
                for c, shared in cands.items():
                    if c in used or names[c] == gloss or shared < max(1, len(t) - 3):
                        continue
                    if levenshtein(t, c, 2) <= 2:
                        near.add(c)
            for c in rng.sample(sorted(near), min(len(near), 1 + (gi % 2))):
                if c not in used:
                    used.add(c)
                    negatives.append([c, gi])
                    clusters.append([c])
        singles = 0
        while singles < 350:
            t = rng.choice(everything)
            if t in used or len(by_gloss[names[t]]) > 1:
                continue
            used.add(t)
            clusters.append([t])
            singles += 1
        terms = sorted(used)
        pairs = [[a, b, 'name'] for g in chosen for i, a in enumerate(g) for b in g[i + 1:]]
        stem = f'list_{n:02d}'
        with open(os.path.join(out, stem + '.txt'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(rng.sample(terms, len(terms))) + '\n')
        gold = {'set': 'names_enamdict', 'list': stem, 'seed': seed, 'source': 'enamdict',
                'terms': terms, 'clusters': clusters,
                'cluster_info': [{'gloss': names[c[0]], 'category': 'name'} for c in clusters],
                'pairs': pairs, 'hard_negatives': negatives}
        with open(os.path.join(out, stem + '.gold.json'), 'w', encoding='utf-8') as f:
            json.dump(gold, f, ensure_ascii=False)
    print(f'{lists} lists, {len(groups)} name groups in enamdict, {per_list} per list (≤ 400 used)',
          file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1:])
