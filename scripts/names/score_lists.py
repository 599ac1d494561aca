#!/usr/bin/env python3
"""Pairwise precision and recall of predicted groups against list_XX.gold.json files (lists
pooled), and the share of hard negatives merged into their anchor group: the measures of the
variant development set's score.py, without its per-kind breakdown.

  score_lists.py GOLD_DIR PRED_DIR     # PRED_DIR/list_XX.json for every GOLD_DIR/list_XX.gold.json
"""
import glob, itertools, json, os, sys


def main(gold_dir, pred_dir):
    tp = pred_pairs = gold_pairs = merged = negatives = 0
    for path in sorted(glob.glob(os.path.join(gold_dir, 'list_*.gold.json'))):
        gold = json.load(open(path, encoding='utf-8'))
        stem = os.path.basename(path)[:-len('.gold.json')]
        pred = json.load(open(os.path.join(pred_dir, stem + '.json'), encoding='utf-8'))
        terms = set(gold['terms'])
        g_label = {t: i for i, c in enumerate(gold['clusters']) for t in c}
        p_label = {}
        for i, c in enumerate(pred):
            for t in c:
                if t in terms:
                    p_label.setdefault(t, i)
        g = {(a, b) for c in gold['clusters'] for a, b in itertools.combinations(sorted(c), 2)}
        p = {(a, b) for c in pred for a, b in itertools.combinations(sorted(t for t in set(c) if p_label.get(t) is not None), 2)
             if p_label[a] == p_label[b]}
        tp += len(g & p)
        pred_pairs += len(p)
        gold_pairs += len(g)
        for term, anchor in gold.get('hard_negatives', []):
            negatives += 1
            merged += any(term in p_label and p_label[term] == p_label.get(m) for m in gold['clusters'][anchor])
    precision = tp / pred_pairs if pred_pairs else 0.0
    recall = tp / gold_pairs if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f'gold_pairs={gold_pairs} pred_pairs={pred_pairs} true_pairs={tp}')
    print(f'hard negatives merged into their anchor group: {merged}/{negatives} = {merged / max(1, negatives):.3f}')
    print(f'F1={f1:.3f} P={precision:.3f} R={recall:.3f}')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
