"""Term lists for scripts/bench-cluster, deterministic (fixed seeds):

  dense N    N distinct katakana spellings of real names and loanwords: every katakana
             headword of Debian's enamdict and edict and every katakana run of two letters or
             more in manpages-ja, shuffled, the first N (dense in close different spellings)
  edict N    edict's katakana headwords plus spelling perturbations of them, N lines
             (the list earlier README figures were measured on)
  random N   N random katakana strings of 2 to 12 letters
  fixture N  about N synthetic spellings for the cluster equivalence test
             (Tests/TsuzuriVariantsTests/Fixtures): invented names, perturbations of them, repeats,
             reduplications, other scripts, and a corner so dense that its buckets overflow

Usage: python3 make_terms.py KIND N > terms.txt
"""
import glob, gzip, random, re, sys

KATAKANA = re.compile(r'^[\u30A1-\u30FA\u30FC\u30FB]{2,}$')
RUN = re.compile(r'[\u30A1-\u30FA\u30FC\u30FB]{2,}')


def headwords(path):
    with open(path, encoding='euc-jp', errors='ignore') as f:
        for line in f:
            for h in line.split(' ', 1)[0].split(';'):
                h = re.sub(r'\(.*?\)', '', h)
                if KATAKANA.match(h):
                    yield h


def distinct(items):
    seen = set()
    for t in items:
        if t not in seen:
            seen.add(t)
            yield t


def dense(n):
    def man():
        for p in sorted(glob.glob('/usr/share/man/ja/*/*.gz')):
            with gzip.open(p, 'rt', errors='ignore') as f:
                yield from RUN.findall(f.read())
    terms = list(distinct([*headwords('/usr/share/edict/enamdict'), *headwords('/usr/share/edict/edict'), *man()]))
    if len(terms) < n:
        sys.exit(f'make_terms: only {len(terms)} distinct spellings, {n} asked for')
    random.Random(20261130).shuffle(terms)
    return terms[:n]


def edict(n):
    heads = list(distinct(headwords('/usr/share/edict/edict')))
    rng = random.Random(20261127)
    voicing = dict(zip('カキクケコサシスセソタチツテトハヒフヘホ', 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ'))
    voicing.update({v: k for k, v in voicing.items()})

    def perturb(t):
        kind = rng.randrange(6)
        i = rng.randrange(len(t))
        if kind == 0:
            return t.replace('ー', '', 1) if 'ー' in t else t + 'ー'
        if kind == 1:
            return t.replace('バ', 'ヴァ', 1) if 'バ' in t else t.replace('ヴ', 'ブ', 1)
        if kind == 2 and t[i] in voicing:
            return t[:i] + voicing[t[i]] + t[i + 1:]
        if kind == 3:
            return t.replace('ィ', 'イ', 1) if 'ィ' in t else t.replace('ウイ', 'ウィ', 1)
        if kind == 4 and 0 < i < len(t):
            return t[:i] + '・' + t[i:]
        if kind == 5 and i + 1 < len(t):
            return t[:i] + t[i + 1] + t[i] + t[i + 2:]
        return t + 'ー'
    out = list(heads[:n])
    while len(out) < n:
        out.append(perturb(rng.choice(heads)))
    rng.shuffle(out)
    return out


def random_strings(n):
    # Every katakana letter, ー and the common small-kana pairs, so that all mora kinds occur.
    letters = [chr(c) for c in range(0x30A2, 0x30F4) if chr(c) not in 'ァィゥェォッャュョヮヰヱ'] + ['ー', 'ッ']
    pairs = ['ティ', 'ディ', 'ファ', 'フィ', 'フェ', 'フォ', 'ヴァ', 'ヴィ', 'ヴェ', 'ヴォ', 'ウィ', 'ウェ', 'ウォ',
             'キャ', 'キュ', 'キョ', 'シャ', 'シュ', 'ショ', 'チャ', 'チュ', 'チョ', 'ジャ', 'ジュ', 'ジョ', 'シェ', 'チェ', 'ジェ']
    rng = random.Random(20261130)
    seen = set()
    out = []
    while len(out) < n:
        length = rng.randint(2, 12)
        t = ''
        while len(t) < length:
            t += rng.choice(pairs) if rng.random() < 0.1 else rng.choice(letters)
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def fixture(n):
    rng = random.Random(13)
    syllables = ('ア イ ウ エ オ カ キ ク ケ コ ガ ギ グ ゲ ゴ サ シ ス セ ソ ザ ジ ズ ゼ ゾ タ チ ツ テ ト ダ デ ド '
                 'ナ ニ ヌ ネ ノ ハ ヒ フ ヘ ホ バ ビ ブ ベ ボ パ ピ プ ペ ポ マ ミ ム メ モ ヤ ユ ヨ ラ リ ル レ ロ ワ '
                 'ヴァ ヴィ ヴ ヴェ ヴォ ティ ディ トゥ ファ フィ フェ フォ ウィ ウェ ウォ シェ ジェ チェ '
                 'キャ キュ キョ シャ シュ ショ チャ チュ チョ ジャ ジュ ジョ ニャ ミュ リョ').split()
    codas = ['', '', '', 'ー', 'ン', 'ッ']
    voicing = dict(zip('カキクケコサシスセソタチツテトハヒフヘホ', 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ'))
    voicing.update({v: k for k, v in voicing.items()})
    vowels = dict(zip('アイウエオカキクケコラリルレロマミムメモ', 'イエオアウキケコカクリレロラルミメモマム'))

    def name():
        return ''.join(rng.choice(syllables) + rng.choice(codas) for _ in range(rng.randint(2, 6)))

    def perturb(t):
        i = rng.randrange(len(t))
        kind = rng.randrange(9)
        if kind == 0:
            return t.replace('ー', '', 1) if 'ー' in t else t[:i] + 'ー' + t[i:]
        if kind == 1 and t[i] in voicing:
            return t[:i] + voicing[t[i]] + t[i + 1:]
        if kind == 2:
            return t.replace('ヴァ', 'バ', 1) if 'ヴァ' in t else t.replace('ィ', 'イ', 1)
        if kind == 3 and i + 1 < len(t):
            return t[:i] + t[i + 1] + t[i] + t[i + 2:]
        if kind == 4 and t[i] in vowels:
            return t[:i] + vowels[t[i]] + t[i + 1:]
        if kind == 5:
            return t[:i] + 'ン' + t[i:]
        if kind == 6:
            return t[:i] + 'ッ' + t[i:]
        if kind == 7 and 0 < i:
            return t[:i] + '・' + t[i:]
        return t + rng.choice(['ス', 'ル', 'ー', 'ン'])
    names = [name() for _ in range(n * 2 // 5)]
    out = list(names)
    for _ in range(n * 2 // 5):
        t = rng.choice(names)
        for _ in range(rng.choice([1, 1, 1, 2])):
            t = perturb(t)
        out.append(t)
    # Few letters, so that the one-deletion neighbourhoods of short keys overflow their buckets.
    dense = ['カ', 'ガ', 'キャ', 'ギャ', 'カー', 'ガー', 'ン']
    for _ in range(n // 5):
        out.append(''.join(rng.choice(dense) for _ in range(rng.randint(3, 4))))
    for _ in range(n // 50):
        half = name()[:4]
        out.append(half + half)
        out.append(half + half.replace('ー', 'ウ'))
    out += [rng.choice(out) for _ in range(n // 40)]
    out += ['ヘグセス', 'ヘグゼス', 'ヘスゲス', 'へぐせす', 'ﾍｸﾞｾｽ', 'ピート・ヘグセス', 'NATO', 'ＮＡＴＯ', '東京', 'ジョー', 'ジョン']
    rng.shuffle(out)
    return out


kind, n = sys.argv[1], int(sys.argv[2])
terms = {'dense': dense, 'edict': edict, 'random': random_strings, 'fixture': fixture}[kind](n)
sys.stdout.write('\n'.join(terms) + '\n')
