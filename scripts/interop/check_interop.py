#!/usr/bin/env python3
"""Round-trip check of `tsuzuri tm export` TMX through tsuzuri, Translate Toolkit and OmegaT.

Called by scripts/check-interop (which builds tsuzuri and installs the tools); see there.
Prints PASS/FAIL per check and a summary; exits 0 only if every check passes.
"""
import argparse, collections, glob, importlib.machinery, importlib.util, json, os, re, shutil, subprocess, sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = {"bpt", "ept", "ph", "it", "ut"}          # content is native code, not text (as in tsuzuri)
results = []                                       # (name, ok, detail)


def say(*a):
    print(*a, flush=True)


def report(name, ok, detail=""):
    results.append((name, ok, detail))
    say(f"{'PASS' if ok else 'FAIL'}  {name}" + (f" — {detail}" if detail else ""))


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {p.returncode}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return p


# ---------------------------------------------------------------- TMX as records

def seg_text(seg):
    """Text as tsuzuri sees it: everything but the content of bpt/ept/ph/it/ut (hi/sub content counts)."""
    out = [seg.text or ""]
    for child in seg:
        if child.tag not in CODES:
            out.append(seg_text(child))
        out.append(child.tail or "")
    return "".join(out)


def seg_markup(seg):
    """Canonical form of the inline markup, or None for a plain segment."""
    if len(seg) == 0:
        return None
    # tostring writes a CR raw, and canonicalize's parser would fold it into LF: keep it as &#13;.
    return ET.canonicalize(ET.tostring(seg, encoding="unicode").replace("\r", "&#13;"))


def lang_of(el):
    return (el.get(XML_LANG) or el.get("lang") or "").replace("_", "-").lower()


def read_tmx(path, with_markup=True):
    """Every <tu> as a record: (srclang, source, source markup, tgtlang, target, target markup, notes, props)."""
    root = ET.parse(path).getroot()
    header = root.find("header")
    hsrc = (header.get("srclang") if header is not None else None) or "*all*"
    recs = []
    for tu in root.iter("tu"):
        tuvs = tu.findall("tuv")
        src = (tu.get("srclang") or hsrc).replace("_", "-").lower()
        if src == "*all*":
            src = lang_of(tuvs[0])
        s = next((t for t in tuvs if lang_of(t) == src), None) or next((t for t in tuvs if lang_of(t).split("-")[0] == src.split("-")[0]), tuvs[0])
        for t in tuvs:
            if t is s:
                continue
            ss, ts = s.find("seg"), t.find("seg")
            recs.append((lang_of(s), seg_text(ss), seg_markup(ss) if with_markup else None,
                         lang_of(t), seg_text(ts), seg_markup(ts) if with_markup else None,
                         tuple(n.text or "" for n in tu.findall("note")),
                         tuple((p.get("type"), p.text or "") for p in tu.findall("prop"))))
    return recs


def body_of(path):
    text = open(path, encoding="utf-8", newline="").read()   # newline="": keep CR bytes as they are
    return text[text.index("<body>"):]


def diff_sets(a, b, name_a, name_b, limit=5):
    ca, cb = collections.Counter(a), collections.Counter(b)
    only_a, only_b = list((ca - cb).elements()), list((cb - ca).elements())
    lines = []
    for label, items in ((f"only in {name_a}", only_a), (f"only in {name_b}", only_b)):
        if items:
            lines.append(f"    {len(items)} {label}, e.g.:")
            lines += [f"      {r!r}"[:400] for r in items[:limit]]
    return not only_a and not only_b, "\n".join(lines)


# ---------------------------------------------------------------- test memory

def load_corpus_module():
    path = os.path.join(HERE, "..", "make-tm-corpus")
    loader = importlib.machinery.SourceFileLoader("make_tm_corpus", path)
    spec = importlib.util.spec_from_loader("make_tm_corpus", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_input(path, per_catalogue, reversed_every):
    """A varied TMX: real Debian gettext pairs (en→ja, some ja→en) plus hand-written edge cases."""
    corpus = load_corpus_module()
    pairs = corpus.real_pairs()               # (en, ja, catalogue), distinct, no CR / invalid XML chars
    by_cat = collections.defaultdict(list)
    for en, ja, cat in pairs:
        by_cat[cat].append((en, ja))
    chosen = []
    for cat in sorted(by_cat):
        items = by_cat[cat]
        step = max(1, len(items) // per_catalogue)
        chosen += [(en, ja, cat) for en, ja in items[::step][:per_catalogue]]
    # also every multi-line message and every one with leading/trailing space from a few catalogues
    extra = [p for p in pairs if ("\n" in p[0].strip() or p[0] != p[0].strip()) and p not in chosen][:40]
    chosen += extra
    tus = []
    for i, (en, ja, cat) in enumerate(chosen):
        if reversed_every and i % reversed_every == reversed_every - 1:
            tus.append(f'<tu srclang="ja"><prop type="x-origin">{esc(cat)}</prop>'
                       f'<tuv xml:lang="ja"><seg>{esc(ja)}</seg></tuv><tuv xml:lang="en"><seg>{esc(en)}</seg></tuv></tu>')
        else:
            tus.append(f'<tu><prop type="x-origin">{esc(cat)}</prop>'
                       f'<tuv xml:lang="en"><seg>{esc(en)}</seg></tuv><tuv xml:lang="ja"><seg>{esc(ja)}</seg></tuv></tu>')
    # hand-written edge cases (en→ja and ja→en), with notes, props, inline markup, XML specials
    tus += [
        '<tu creationdate="20240131T235959Z" changedate="20250102T030405Z"><note>checked by QA &amp; legal</note>'
        '<note>second note with "quotes" &lt;and&gt; brackets</note><prop type="x-client">ACME &lt;Ltd&gt;</prop>'
        '<prop type="x-domain">legal</prop>'
        '<tuv xml:lang="en"><seg>Terms &amp; Conditions apply to "all" &lt;users&gt; &gt; 18.</seg></tuv>'
        '<tuv xml:lang="ja"><seg>18 歳を超える「すべての」&lt;ユーザー&gt;に利用規約 &amp; 条件が適用されます。</seg></tuv></tu>',
        '<tu><note>inline placeholder</note><tuv xml:lang="en"><seg>Click <ph x="1" type="image">&lt;img src="ok.png"/&gt;</ph> to continue.</seg></tuv>'
        '<tuv xml:lang="ja"><seg><ph x="1" type="image">&lt;img src="ok.png"/&gt;</ph> をクリックして続行します。</seg></tuv></tu>',
        '<tu><tuv xml:lang="en"><seg>This is <bpt i="1" x="1">&lt;b&gt;</bpt>very<ept i="1">&lt;/b&gt;</ept> important &amp; urgent.</seg></tuv>'
        '<tuv xml:lang="ja"><seg>これは<bpt i="1" x="1">&lt;b&gt;</bpt>非常に<ept i="1">&lt;/b&gt;</ept>重要かつ緊急です。</seg></tuv></tu>',
        '<tu><tuv xml:lang="en"><seg>See <hi type="em">the manual</hi> and <it pos="begin">&lt;i&gt;</it>chapter 3.</seg></tuv>'
        '<tuv xml:lang="ja"><seg><hi type="em">マニュアル</hi>と<it pos="begin">&lt;i&gt;</it>第 3 章を参照してください。</seg></tuv></tu>',
        '<tu><tuv xml:lang="en"><seg>First line\nSecond line\n\tIndented third line</seg></tuv>'
        '<tuv xml:lang="ja"><seg>一行目\n二行目\n\t字下げした三行目</seg></tuv></tu>',
        '<tu><tuv xml:lang="en"><seg>  two leading spaces, two trailing  </seg></tuv><tuv xml:lang="ja"><seg>  前後に空白  </seg></tuv></tu>',
        '<tu><tuv xml:lang="en"><seg>CDATA-like ]]&gt; and an apostrophe\'s &amp;amp; entity text</seg></tuv>'
        '<tuv xml:lang="ja"><seg>]]&gt; とアポストロフィ\' と &amp;amp; という文字列</seg></tuv></tu>',
        '<tu><tuv xml:lang="en"><seg>Emoji 😀 and combining é (e + U+0301), NBSP\u00a0here</seg></tuv>'
        '<tuv xml:lang="ja"><seg>絵文字 😀 と結合文字 é、ノーブレークスペース\u00a0ここ</seg></tuv></tu>',
        # Japanese source, English target
        '<tu srclang="ja"><note>ja→en unit with a note</note><prop type="x-project">tsuzuri interop</prop>'
        '<tuv xml:lang="ja"><seg>ファイル「a&amp;b.txt」を開けません &lt;権限なし&gt;</seg></tuv>'
        '<tuv xml:lang="en"><seg>Cannot open the file "a&amp;b.txt" &lt;permission denied&gt;</seg></tuv></tu>',
        '<tu srclang="ja"><tuv xml:lang="ja"><seg><ph x="1">%s</ph> 件のメッセージを削除しますか?</seg></tuv>'
        '<tuv xml:lang="en"><seg>Delete <ph x="1">%s</ph> messages?</seg></tuv></tu>',
        '<tu srclang="ja"><tuv xml:lang="ja"><seg>一段落目です。\n改行の後の二行目です。</seg></tuv>'
        '<tuv xml:lang="en"><seg>This is the first paragraph.\nSecond line after a line break.</seg></tuv></tu>',
        '<tu srclang="ja"><tuv xml:lang="ja"><seg>キーウ</seg></tuv><tuv xml:lang="en"><seg>Kyiv</seg></tuv></tu>',
        # a carriage return, once in a plain segment and once in a segment with inline markup
        '<tu><note>CR probe (plain)</note><tuv xml:lang="en"><seg>Windows line&#13;\nend</seg></tuv>'
        '<tuv xml:lang="ja"><seg>Windows の改行&#13;\n終わり</seg></tuv></tu>',
        '<tu><note>CR probe (markup)</note><tuv xml:lang="en"><seg>Windows line&#13;\nend<ph x="1">&lt;br/&gt;</ph></seg></tuv>'
        '<tuv xml:lang="ja"><seg>Windows の改行&#13;\n終わり<ph x="1">&lt;br/&gt;</ph></seg></tuv></tu>',
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="check-interop" '
                'creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en-US" srclang="en" o-tmf="test"/>\n<body>\n')
        f.write("\n".join(tus))
        f.write("\n</body>\n</tmx>\n")
    return len(tus)


# ---------------------------------------------------------------- tsuzuri

class Tsuzuri:
    def __init__(self, binary, work):
        self.binary, self.work = binary, work

    def import_export(self, name, *tmx):
        memory = os.path.join(self.work, f"{name}.sqlite")
        if os.path.exists(memory):
            os.remove(memory)
        out = os.path.join(self.work, f"{name}-export.tmx")
        p = run([self.binary, "tm", "import", "--memory", memory, *tmx])
        say("      " + p.stdout.strip().replace("\n", "\n      "))
        run([self.binary, "tm", "export", "--memory", memory, out])
        return out


def check_tsuzuri(tz, export):
    again = tz.import_export("tsuzuri-reimport", export)
    same = body_of(export) == body_of(again)
    ok, detail = diff_sets(read_tmx(export), read_tmx(again), "export", "re-export")
    report("tsuzuri: export → import → export gives the same units (texts, markup, notes, props)", ok, detail)
    first = ""
    if not same:
        a, b = body_of(export).split("\n"), body_of(again).split("\n")
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        first = f"first difference in body line {i + 1}: {a[i] if i < len(a) else ''!r} vs {b[i] if i < len(b) else ''!r}"
    report("tsuzuri: re-export byte-identical below the header", same, first)
    # What tsuzuri holds (via JSON) vs. what its export says, for the CR probes.
    memory = os.path.join(tz.work, "memory.sqlite")
    p = subprocess.run([tz.binary, "tm", "concordance", "--memory", memory, "--format", "json", "Windows"],
                       capture_output=True, text=True)
    held = collections.Counter((u["source"], u["target"]) for u in json.loads(p.stdout)["units"]) if p.returncode == 0 else collections.Counter()
    exported = collections.Counter((r[1], r[4]) for r in read_tmx(export) if r[1].startswith("Windows line"))
    lost = sorted((held - exported).elements())
    report("tsuzuri: carriage returns survive export (CR probes, plain and with inline markup)", not lost and sum(held.values()) == 2,
           f"tsuzuri holds {sum(held.values())} CR probe units, {len(lost)} of them not in the export as an XML parser reads it: "
           + ", ".join(repr(h) for h in lost) + "; the export has " + ", ".join(repr(e) for e in sorted(exported.elements())))


# ---------------------------------------------------------------- Translate Toolkit

def check_translate_toolkit(tz, export, truth):
    from translate.storage import tmx
    import translate.__version__ as ttv
    work = os.path.join(tz.work, "tt")
    os.makedirs(work, exist_ok=True)
    say(f"  Translate Toolkit {ttv.sver}")
    store = tmx.tmxfile.parsefile(export)
    units = store.units
    # 1. TT reads every unit with the same texts. TT's text includes the content of inline codes
    #    (it does not parse <ph>/<bpt>… as codes), so compare with the seg's full text for those.
    root = ET.parse(export).getroot()
    tus = list(root.iter("tu"))
    mismatches, markup_units = [], 0
    for tu, unit in zip(tus, units):
        segs = [t.find("seg") for t in tu.findall("tuv")]
        if any(len(s) for s in segs):
            markup_units += 1
        want = ["".join(s.itertext()) for s in segs]
        got = [unit.source, unit.target]
        if want != got:
            mismatches.append((want, got))
    ok = len(units) == len(tus) and not mismatches
    report("Translate Toolkit: reads every unit of the export with the same source/target text",
           ok, f"{len(units)}/{len(tus)} units, {len(mismatches)} differ"
           + (f"; e.g. {mismatches[0]!r}"[:600] if mismatches else "")
           + f" ({markup_units} units with inline codes compared with the codes' content included, as TT exposes it)")
    notes_bad = [(tuple(n.text or "" for n in tu.findall("note")), u.getnotes()) for tu, u in zip(tus, units)
                 if "\n".join(n.text or "" for n in tu.findall("note")) != u.getnotes()]
    report("Translate Toolkit: reads the notes", not notes_bad,
           f"{len(notes_bad)} differ" + (f", e.g. {notes_bad[0]!r}" if notes_bad else ""))

    # 2. TT saves the file it read; tsuzuri re-imports it and exports the same units.
    saved = os.path.join(work, "tt-saved.tmx")
    store.savefile(saved)
    again = tz.import_export("tt-saved", saved)
    ok, detail = diff_sets(truth, read_tmx(again), "tsuzuri export", "after TT save + tsuzuri re-import")
    report("Translate Toolkit: file saved by TT (parsed export) re-imports as the same units, markup/notes/props included",
           ok, detail)

    # 3. A TMX written by TT's own writer from its unit API (addtranslation: text + one note).
    built = tmx.tmxfile()
    for tu, u in zip(tus, units):
        tuvs = tu.findall("tuv")
        notes = u.getnotes()
        built.addtranslation(u.source, lang_of(tuvs[0]), u.target, lang_of(tuvs[1]), notes or None)
    written = os.path.join(work, "tt-written.tmx")
    built.savefile(written)
    header = ET.parse(written).getroot().find("header")
    say(f"      TT-written header srclang={header.get('srclang')!r}")
    again = tz.import_export("tt-written", written)
    rec = read_tmx(again)
    # TT's writer keeps language pairs, texts and notes (joined into one), not props, dates or inline
    # codes: TT's text of a segment with codes is the codes' content inlined, and that is what it writes.
    flat = lambda text, markup: "".join(ET.fromstring(keep_cr(markup)).itertext()) if markup else text
    want = [(r[0], flat(r[1], r[2]), r[3], flat(r[4], r[5]), "\n".join(r[6])) for r in truth]
    got = [(r[0], r[1], r[3], r[4], "\n".join(r[6])) for r in rec]
    ok, detail = diff_sets(want, got, "tsuzuri export (as TT exposes it)", "after TT-writer + tsuzuri re-import")
    markup = sum(1 for r in truth if r[2] or r[5])
    report("Translate Toolkit: TMX written by TT's writer (addtranslation) re-imports with the same language pairs, "
           "texts and notes", ok, detail or f"{len(rec)} units; by TT's design its writer drops props and dates, and the "
           f"{markup} units with inline codes come back as plain text with the codes' content inlined")


# ---------------------------------------------------------------- OmegaT

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{src}</source_lang>
        <target_lang>{tgt}</target_lang>
        <source_tok>{srctok}</source_tok>
        <target_tok>{tgttok}</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""
TOK = {"en": "org.omegat.tokenizer.LuceneEnglishTokenizer", "ja": "org.omegat.tokenizer.LuceneJapaneseTokenizer"}


def omegat_view(text, markup):
    """The text OmegaT 3.6 reads from a TMX segment into a project without tags: the content of every
    inline element is dropped, <hi> and <sub> included (TMX 1.4b counts their content as text)."""
    if not markup:
        return text
    seg = ET.fromstring(keep_cr(markup))
    return (seg.text or "") + "".join(child.tail or "" for child in seg)


def keep_cr(markup):
    """Markup as a string holds CR as a character; an XML parser would fold a raw CR into LF."""
    return markup.replace("\r", "&#13;")


def paragraph_ok(text):
    """Whether a text can be one paragraph of a plain-text source file that OmegaT segments on empty lines
    and whose segment text equals it (OmegaT trims leading/trailing whitespace off segments)."""
    return (text == text.strip() and text != "" and not re.search(r"\n[ \t]*\n", text) and "\r" not in text)


def check_omegat(tz, export, truth):
    java = shutil.which("java")
    jar = "/usr/share/omegat/OmegaT.jar"
    if not os.path.exists(jar) or not java:
        report("OmegaT: available", False, f"{jar} or java missing (apt-get install -y omegat)")
        return
    ver = subprocess.run([java, "-Djava.awt.headless=true", "-jar", jar, "--help"], capture_output=True, text=True).stdout.split("\n")[0]
    say(f"  {ver}, {subprocess.run([java, '-version'], capture_output=True, text=True).stderr.splitlines()[0]}")
    # OmegaT's view of each unit (inline content dropped, notes reduced to the last one: OmegaT keeps one note).
    view = [(r[0], omegat_view(r[1], r[2]), r[3], omegat_view(r[4], r[5]), r[6]) for r in truth]
    markup = sum(1 for r in truth if r[2] or r[5])
    changed = [(r, v) for r, v in zip(truth, view) if (r[1], r[4]) != (v[1], v[3])]
    say(f"  note: OmegaT 3.6, reading a TMX into a project without tags, drops the content of every inline element. "
        f"Of the {markup} units with inline markup, {len(changed)} read differently from tsuzuri's text: <hi>/<sub> content, "
        "which TMX 1.4b (and tsuzuri) count as text, is lost"
        + (f" (e.g. {changed[0][0][1]!r} → {changed[0][1][1]!r})" if changed else "")
        + "; those are compared as OmegaT reads them. OmegaT keeps one <note> per entry (the last) and no <prop>.")
    trimmed = sum(1 for r in view if r[1] != r[1].strip())
    say(f"  note: {trimmed} units have leading/trailing whitespace in the source (mostly gettext messages ending in \\n): "
        "OmegaT trims whitespace off every segment it reads from a source file, so such a TMX entry can never match a "
        "segment; they are left out of the OmegaT check (Translate Toolkit checks them).")
    for src, tgt in (("en", "ja"), ("ja", "en")):
        units = [r for r in view if r[0] == src and r[2] == tgt]
        # Acceptable translations of a source text: any unit with that text, in either direction.
        accept = collections.defaultdict(set)
        notes_by_pair = collections.defaultdict(set)
        for r in view:
            pair = (r[1], r[3]) if (r[0], r[2]) == (src, tgt) else (r[3], r[1]) if (r[0], r[2]) == (tgt, src) else None
            if pair:
                accept[pair[0]].add(pair[1])
                notes_by_pair[pair].update(r[4])
        sources = sorted({r[1] for r in units if paragraph_ok(r[1])})
        skipped = len({r[1] for r in units}) - len(sources)
        proj = os.path.join(tz.work, f"omegat-{src}-{tgt}")
        shutil.rmtree(proj, ignore_errors=True)
        for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
            os.makedirs(os.path.join(proj, d))
        with open(os.path.join(proj, "omegat.project"), "w") as f:
            f.write(PROJECT.format(src=src, tgt=tgt, srctok=TOK[src], tgttok=TOK[tgt]))
        shutil.copy(export, os.path.join(proj, "tm", "auto", "tsuzuri-export.tmx"))
        with open(os.path.join(proj, "source", "units.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(sources) + "\n")
        cmd = [java, "-Djava.awt.headless=true", "-jar", jar, proj, "--mode=console-translate",
               f"--config-dir={os.path.join(tz.work, 'omegat-config')}", "--disable-project-locking", "--no-team"]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        with open(proj + ".log", "w") as f:
            f.write(p.stdout + p.stderr)
        name = f"OmegaT {src}→{tgt}"
        target_file = os.path.join(proj, "target", "units.txt")
        if p.returncode != 0 or not os.path.exists(target_file):
            report(f"{name}: console-translate runs headless", False,
                   f"exit {p.returncode}, see {proj}.log: " + (p.stdout + p.stderr).strip()[-800:])
            continue
        report(f"{name}: console-translate runs headless", True, f"{len(sources)} source paragraphs ({skipped} distinct "
               "sources with leading/trailing whitespace, an empty line or a CR left out)")
        # The target file: the same paragraphs, each replaced by a translation from the TMX.
        out = open(target_file, encoding="utf-8").read()
        got = out[:-1].split("\n\n") if out.endswith("\n") else out.split("\n\n")
        bad = []
        if len(got) != len(sources):
            bad.append(f"{len(got)} paragraphs in the target file, {len(sources)} in the source")
        else:
            for s, t in zip(sources, got):
                if t not in accept[s]:
                    bad.append((s, t, sorted(accept[s])))
        report(f"{name}: translated file holds tsuzuri's target text for every source paragraph (read from tm/auto)",
               not bad, f"{len(sources) - len(bad)}/{len(sources)} paragraphs translated from the TMX"
               + (f"; e.g. {bad[0]!r}"[:700] if bad else ""))
        # OmegaT's own TMX files: re-import into tsuzuri and compare the pairs.
        for suffix in ("-omegat.tmx", "-level2.tmx"):
            tmx_path = os.path.join(proj, os.path.basename(proj) + suffix)
            if not os.path.exists(tmx_path):
                report(f"{name}: writes {os.path.basename(tmx_path)}", False, "not written")
                continue
            again = tz.import_export(f"omegat-{src}-{tgt}{suffix[:-4]}", tmx_path)
            rec = read_tmx(again)
            wrong = [r for r in rec if not ((r[0], r[3]) == (src, tgt) and r[1] in accept and r[4] in accept[r[1]])]
            missing = set(sources) - {r[1] for r in rec}
            # Notes: OmegaT carries one <note> of the TMX entry it used; props and inline codes it does not keep.
            notes_bad = [r for r in rec if r[6] and not (len(r[6]) == 1 and r[6][0] in notes_by_pair[(r[1], r[4])])]
            notes_kept = sum(1 for r in rec if r[6])
            report(f"{name}: {os.path.basename(tmx_path)} re-imports into tsuzuri with the same (lang, source, lang, target) pairs",
                   not wrong and not missing and not notes_bad,
                   f"{len(rec)} units, {len(wrong)} not among tsuzuri's pairs, {len(missing)} source paragraphs missing, "
                   f"{notes_kept} with notes ({len(notes_bad)} wrong)"
                   + (f"; e.g. {wrong[0]!r}"[:600] if wrong else "") + (f"; missing e.g. {sorted(missing)[0]!r}" if missing else ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsuzuri", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--per-catalogue", type=int, default=4, help="real units taken from each .mo catalogue")
    ap.add_argument("--skip-omegat", action="store_true")
    args = ap.parse_args()
    tz = Tsuzuri(args.tsuzuri, args.work)

    say("== memory")
    source = os.path.join(args.work, "input.tmx")
    n = build_input(source, args.per_catalogue, reversed_every=7)
    say(f"  {source}: {n} <tu> (real Debian gettext pairs en→ja and ja→en, plus edge cases)")
    memory = os.path.join(args.work, "memory.sqlite")
    p = run([args.tsuzuri, "tm", "import", "--memory", memory, source])
    say("  " + p.stdout.strip().replace("\n", "\n  "))
    export = os.path.join(args.work, "export.tmx")
    run([args.tsuzuri, "tm", "export", "--memory", memory, export])
    truth = read_tmx(export)
    pairs = collections.Counter((r[0], r[3]) for r in truth)
    say(f"  {export}: {len(truth)} units, " + ", ".join(f"{a}→{b}: {c}" for (a, b), c in sorted(pairs.items()))
        + f"; {sum(1 for r in truth if r[2] or r[5])} with inline codes, {sum(1 for r in truth if r[6])} with notes, "
        f"{sum(1 for r in truth if chr(10) in r[1])} multi-line")

    say("\n== tsuzuri")
    check_tsuzuri(tz, export)
    say("\n== Translate Toolkit")
    try:
        check_translate_toolkit(tz, export, truth)
    except Exception as e:  # noqa: BLE001 — report, keep going
        report("Translate Toolkit: check ran", False, f"{type(e).__name__}: {e}")
    say("\n== OmegaT")
    if args.skip_omegat:
        report("OmegaT: check ran", False, "skipped (--skip-omegat)")
    else:
        try:
            check_omegat(tz, export, truth)
        except Exception as e:  # noqa: BLE001
            report("OmegaT: check ran", False, f"{type(e).__name__}: {e}")

    say("\n== summary")
    for tool in ("tsuzuri", "Translate Toolkit", "OmegaT"):
        mine = [r for r in results if r[0].startswith(tool)]
        ok = mine and all(r[1] for r in mine)
        say(f"{'PASS' if ok else 'FAIL'}  {tool}: {sum(r[1] for r in mine)}/{len(mine)} checks passed")
    say(f"work files kept in {args.work}")
    return 0 if all(r[1] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
