#!/usr/bin/env python3
"""Builds corpuscope's English word-key data: config/lemmas_en.tsv and config/stem_exceptions_en.txt.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install snowballstemmer==2.2.0
    pip download --no-deps lemminflect==0.2.3 -d /tmp/x && unzip -q /tmp/x/lemminflect-*.whl -d /tmp/x/li
    /tmp/venv/bin/python scripts/english_data.py lemmas /tmp/x/li > config/lemmas_en.tsv
    /tmp/venv/bin/python scripts/english_data.py flag /tmp/x/li > /tmp/flagged.txt
    /tmp/venv/bin/python scripts/english_data.py exceptions /tmp/x/li > config/stem_exceptions_en.txt

`lemmas`: lemminflect's form -> lemma table (lemminflect/resources/lemma_lu.csv.gz, derived from
the NIH SPECIALIST Lexicon), one lemma per form, as `english.normalize = "lemma"` uses it:

- forms and lemmas lowercased; forms of letters only; a lowercase entry wins over a
  capitalised one (`Aarons` -> `aaron` only when `aarons` has no entry of its own);
- a form that is itself a base form in one of its parts of speech (one of its own lemmas) is
  kept as it is and not listed: `building`, `meeting`, `means`, `data`, `media`, `politics`;
- otherwise the first lemma lemminflect gives; when the parts of speech disagree, the lemma most
  of them give, then the noun's (`does` -> `do`, `lives` -> `life`, `analyses` -> `analysis`).

`flag`: the review list the exception list was built from. The English documentation of the
machine (/usr/share/doc: text, Markdown, reStructuredText, HTML, gzip-compressed changelogs and
READMEs; /usr/share/man/man*: the English manual pages, roff requests dropped) is cut into words
(letters only, lowercase or capitalised; camelCase and ALLCAPS identifiers left out). Words seen
5 times or more, of 3 letters or more and in lemminflect's lexicon are grouped by their Snowball
stem (snowballstemmer 2.2.0's "english", which gives rust-stemmers 1.2's stems: checked equal on
108,355 words; snowballstemmer 3 stems some words differently); a group whose
members have more than one lemma (the rule of `lemmas`, or the form itself) is flagged. Flagged
groups are printed by corpus frequency with their lemmas, for review by hand.

`exceptions`: the reviewed decisions below, expanded to every inflection lemminflect knows
(lemma_lu.csv.gz and infl_lu.csv.gz), British -ise/-isation spellings of the -ize/-ization
words, and the plural of each -ism; printed as `word<TAB>key` lines under the file's header.
It also prints to stderr each key that some word outside the list already stems to (that word
would join the key: `experimental` joins `experiment`, as it should; `rationale` had to be
listed so as not to join `rational`).
"""

import collections
import gzip
import os
import re
import sys

import snowballstemmer

STEM = snowballstemmer.stemmer("english")
MIN_COUNT = 5
POS_ORDER = ["noun", "verb", "adj", "adv", "aux"]

DOCS = [  # flagged groups of the documentation corpus, kept after review
    ("projection", ["projection"]),
    ("formation", ["formation"]),
    ("attribution", ["attribution"]),
    ("authority", ["authority"]),
    ("authorize", ["authorize", "authorization"]),
    ("containment", ["containment"]),
    ("container", ["container"]),
    ("computer", ["computer"]),
    ("objection", ["objection"]),
    ("objective", ["objective", "objectively", "objectivity"]),
    ("allowance", ["allowance"]),
    ("modulation", ["modulation"]),
    ("generation", ["generation"]),
    ("generator", ["generator"]),
    ("important", ["important", "importance", "importantly"]),
    ("informal", ["informal", "informally", "informality"]),
    ("information", ["information", "informational"]),
    ("initial", ["initial", "initially"]),
    ("initiative", ["initiative"]),
    ("extensive", ["extensive", "extensively"]),
    ("specification", ["specification"]),
    ("executive", ["executive"]),
    ("publication", ["publication"]),
    ("publicity", ["publicity"]),
    ("privatization", ["privatization", "privatize"]),
    ("globalization", ["globalization", "globalize"]),
    ("likely", ["likely"]),
    ("engineer", ["engineer", "engineering"]),
    ("unite", ["unite", "united"]),
    ("relative", ["relative", "relatively"]),
    ("relation", ["relation", "relational"]),
    ("detective", ["detective"]),
    ("contention", ["contention"]),
    ("positive", ["positive", "positively", "positivity"]),
    ("customer", ["customer"]),
    ("customize", ["customize", "customization"]),
    ("terminal", ["terminal"]),
    ("directive", ["directive"]),
    ("direction", ["direction"]),
    ("definition", ["definition"]),
    ("numerous", ["numerous"]),
    ("meaning", ["meaning"]),
    ("responsible", ["responsible", "responsibly", "responsibility"]),
    ("minority", ["minority"]),
    ("succession", ["succession"]),
    ("successive", ["successive", "successively"]),
    ("identity", ["identity"]),
    ("identical", ["identical", "identically"]),
    ("conversion", ["conversion"]),
    ("conversation", ["conversation", "conversational"]),
    ("consistent", ["consistent", "consistently", "consistency"]),
    ("progressive", ["progressive", "progressively"]),
    ("collective", ["collective", "collectively"]),
    ("several", ["several"]),
    ("severe", ["severe", "severely", "severity"]),
    ("respective", ["respective", "respectively"]),
    ("integrity", ["integrity"]),
    ("integral", ["integral"]),
    ("negative", ["negative", "negatively"]),
    ("utility", ["utility"]),
    ("abortion", ["abortion"]),
    ("subjective", ["subjective", "subjectively", "subjectivity"]),
    ("composer", ["composer"]),
    ("personality", ["personality"]),
    ("suite", ["suite"]),
    ("majority", ["majority"]),
    ("literate", ["literate"]),
    ("literal", ["literal", "literally"]),
    ("digital", ["digital", "digitally"]),
    ("exclusion", ["exclusion"]),
    ("mechanism", ["mechanism"]),
    ("resolute", ["resolute", "resolutely"]),
    ("convention", ["convention", "conventional", "conventionally"]),
    ("statistic", ["statistic", "statistics", "statistical", "statistically"]),
    ("hardly", ["hardly"]),
    ("precedent", ["precedent"]),
    ("barely", ["barely"]),
    ("contraction", ["contraction"]),
    ("designate", ["designate", "designation"]),
    ("transition", ["transition", "transitional"]),
    ("transitive", ["transitive"]),
    ("quite", ["quite"]),
    ("decimal", ["decimal"]),
    ("handful", ["handful"]),
    ("infinitive", ["infinitive"]),
    ("modernization", ["modernization", "modernize"]),
    ("unlikely", ["unlikely"]),
    ("practical", ["practical", "practically", "practicable"]),
    ("physics", ["physics"]),
    ("deference", ["deference"]),
    ("fairly", ["fairly"]),
    ("business", ["business"]),
    ("experience", ["experience"]),
    ("experiment", ["experiment"]),
    ("rationale", ["rationale"]),
    ("rational", ["rational", "rationally", "rationality", "rationalize", "rationalization"]),
    ("factorial", ["factorial"]),
    ("government", ["government", "governmental"]),
    ("governance", ["governance"]),
    ("recreation", ["recreation", "recreational"]),
    ("odds", ["odds"]),
    ("nearly", ["nearly"]),
    ("inflation", ["inflation"]),
    ("considerable", ["considerable", "considerably"]),
    ("meeting", ["meeting"]),
    ("defection", ["defection"]),
    ("diversion", ["diversion"]),
    ("opposite", ["opposite"]),
    ("aide", ["aide"]),
    ("institution", ["institution", "institutional", "institutionally", "institutionalize", "institutionalization"]),
    ("pacification", ["pacification"]),
    ("electronic", ["electronic", "electronics", "electronically"]),
    ("animal", ["animal"]),
    ("conservative", ["conservative", "conservatively"]),
    ("discretion", ["discretion"]),
    ("nominal", ["nominal", "nominally"]),
    ("mobilization", ["mobilization", "mobilize"]),
    ("decadence", ["decadence", "decadent"]),
    ("provenance", ["provenance"]),
    ("polarization", ["polarization", "polarize"]),
    ("fortune", ["fortune"]),
    ("conference", ["conference"]),
    ("competent", ["competent", "competently", "competence", "competency"]),
    ("fabricate", ["fabricate", "fabrication"]),
    ("industrious", ["industrious", "industriously"]),
    ("ironic", ["ironic", "ironical", "ironically"]),
    ("polite", ["polite", "politely", "politeness"]),
    ("political", ["political", "politically"]),
    ("politics", ["politics"]),
    ("liberal", ["liberal", "liberally", "liberality"]),
    ("liberalization", ["liberalization", "liberalize"]),
    ("witness", ["witness"]),
    ("utterly", ["utterly"]),
    ("firmly", ["firmly"]),
    ("judicious", ["judicious", "judiciously"]),
    ("interesting", ["interesting", "interestingly"]),
    ("france", ["france"]),
    ("covenant", ["covenant"]),
    ("emergency", ["emergency"]),
    ("international", ["international", "internationally"]),
    ("internal", ["internal", "internally", "internalize"]),
    ("organization", ["organization", "organizational", "organize", "organizer"]),
    ("paste", ["paste"]),
    ("university", ["university"]),
    ("universal", ["universal", "universally"]),
]
ISMS = [  # -isms of the lexicon naming a doctrine, movement or system, kept apart from their base
    "absolutism", "activism", "alcoholism", "animism", "capitalism", "classicism", "colonialism",
    "creationism", "determinism", "elitism", "environmentalism", "existentialism", "extremism",
    "fatalism", "favoritism", "favouritism", "federalism", "formalism", "fundamentalism",
    "humanism", "idealism", "imperialism", "individualism", "industrialism", "internationalism",
    "journalism", "legalism", "liberalism", "materialism", "militarism", "minimalism",
    "modernism", "multiculturalism", "nationalism", "naturalism", "opportunism", "optimism",
    "pacifism", "paternalism", "pluralism", "populism", "radicalism", "rationalism",
    "regionalism", "romanticism", "secularism", "socialism", "terrorism", "tokenism",
]
NAMED = [  # checked by name: social-science terms not in the documentation corpus's groups
    ("centralism", ["centralism"]),
    ("constitutionalism", ["constitutionalism"]),
    ("institutionalism", ["institutionalism"]),
    ("structuralism", ["structuralism"]),
    ("functionalism", ["functionalism"]),
    ("universalism", ["universalism"]),
    ("localism", ["localism"]),
    ("globalism", ["globalism"]),
    ("accountability", ["accountability"]),
    ("civilization", ["civilization", "civilizational"]),
    ("morale", ["morale"]),
    ("socialization", ["socialization", "socialize"]),
    ("nationalization", ["nationalization", "nationalize"]),
    ("protestant", ["protestant", "protestantism"]),
    ("urbanization", ["urbanization", "urbanize"]),
    ("industrialization", ["industrialization", "industrialize"]),
    ("centralization", ["centralization", "centralize"]),
    ("colonization", ["colonization", "colonize", "colonizer"]),
    ("organism", ["organism"]),
    ("organic", ["organic", "organically"]),
]


def read_lemma_lu(wheel):
    path = os.path.join(wheel, "lemminflect", "resources", "lemma_lu.csv.gz")
    entries = {}
    for line in gzip.open(path, "rt", encoding="utf-8"):
        form, pos, lemma = line.rstrip("\n").split(",")
        entries.setdefault(form, {})[pos] = lemma
    return entries


def lowercase_entries(entries):
    low = {}
    for form, e in entries.items():
        if form.islower():
            low[form] = {p: l.lower() for p, l in e.items()}
    for form, e in entries.items():
        if not form.islower():
            low.setdefault(form.lower(), {p: l.lower() for p, l in e.items()})
    return low


def lemma_of(form, e):
    """The lemma of a lowercase form, by the rule of `lemmas`; the form when it is a base form."""
    alts = {p: l.split("/") for p, l in e.items()}
    if any(form in a for a in alts.values()):
        return form
    votes = collections.Counter(a[0] for a in alts.values())
    best = max(votes.values())
    for p in POS_ORDER:
        if p in alts and votes[alts[p][0]] == best:
            return alts[p][0]
    return form


def lemma_table(wheel):
    table = {}
    for form, e in lowercase_entries(read_lemma_lu(wheel)).items():
        if form.isalpha() and form.isascii():
            lemma = lemma_of(form, e)
            if lemma != form and lemma.isalpha():
                table[form] = lemma
    return table


def cmd_lemmas(wheel):
    table = lemma_table(wheel)
    print(header("lemmas_en.tsv"), end="")
    print(f"# {len(table)} forms.", file=sys.stderr)
    for form in sorted(table):
        print(f"{form}\t{table[form]}")


def corpus_counts():
    counts = collections.Counter()
    word = re.compile(r"[A-Za-z]+")
    skip = {".png", ".gif", ".jpg", ".svg", ".pdf", ".c", ".h", ".pl", ".py", ".sh", ".css",
            ".js", ".awk", ".cocci", ".xml", ".json", ".pem", ".so"}
    files = 0
    for root in ["/usr/share/doc", "/usr/share/man"]:
        for d, subdirs, names in os.walk(root):
            rel = os.path.relpath(d, root)
            if root.endswith("man") and rel != "." and not rel.split(os.sep)[0].startswith("man"):
                subdirs[:] = []  # translated manual pages
                continue
            for n in names:
                base = n[:-3] if n.endswith(".gz") else n
                if os.path.splitext(base)[1].lower() in skip:
                    continue
                p = os.path.join(d, n)
                try:
                    data = gzip.open(p).read() if n.endswith(".gz") else open(p, "rb").read()
                except Exception:
                    continue
                if b"\0" in data[:4096]:
                    continue
                text = data.decode("utf-8", "replace")
                if root.endswith("man"):
                    text = re.sub(r"\\f[BIRP]|\\\(..|\\[-&e]", " ", text)
                    text = re.sub(r"(?m)^\.[A-Za-z]{1,3}\b", " ", text)
                elif base.endswith(".html"):
                    text = re.sub(r"<[^>]*>", " ", text)
                files += 1
                for w in word.findall(text):
                    if w.islower() or (w[0].isupper() and w[1:].islower()):
                        counts[w.lower()] += 1
    return files, counts


def cmd_flag(wheel):
    entries = lowercase_entries(read_lemma_lu(wheel))
    files, counts = corpus_counts()
    groups = collections.defaultdict(list)
    for w, c in counts.items():
        if c >= MIN_COUNT and len(w) >= 3 and w in entries:
            groups[STEM.stemWord(w)].append(w)
    flagged = []
    for stem, words in groups.items():
        lemmas = collections.defaultdict(list)
        for w in words:
            lemmas[lemma_of(w, entries[w])].append(w)
        if len(lemmas) > 1:
            flagged.append((sum(counts[w] for w in words), stem, lemmas))
    flagged.sort(key=lambda g: (-g[0], g[1]))
    known = sum(len(ws) for ws in groups.values())
    print(f"# {files} files, {len(counts)} distinct words, {sum(counts.values())} words; "
          f"{known} known words seen {MIN_COUNT}+ times in {len(groups)} Snowball groups, "
          f"{sum(1 for ws in groups.values() if len(ws) > 1)} of 2+ words, "
          f"{len(flagged)} flagged")
    for total, stem, lemmas in flagged:
        print(f"{stem}\t{total}\t" + " | ".join(f"{l}: {' '.join(sorted(ws))}"
                                               for l, ws in sorted(lemmas.items())))


def forms_of_lemmas(wheel):
    forms = collections.defaultdict(set)
    for form, e in read_lemma_lu(wheel).items():
        if form.isalpha():
            for lemma in e.values():
                for alt in lemma.split("/"):
                    forms[alt.lower()].add(form.lower())
    path = os.path.join(wheel, "lemminflect", "resources", "infl_lu.csv.gz")
    for line in gzip.open(path, "rt", encoding="utf-8"):
        parts = line.rstrip("\n").split(",")
        for cell in parts[2:]:
            for f in cell.split("/"):
                if f.isalpha():
                    forms[parts[0].lower()].add(f.lower())
    return forms


def expand(lemma, forms):
    out = {lemma} | forms.get(lemma, set())
    if lemma.endswith("ism"):
        out.add(lemma + "s")
    if lemma.endswith("ize"):
        out |= {lemma + "d", lemma + "s", lemma[:-1] + "ing"}
    if lemma.endswith("ization"):
        out.add(lemma + "s")
    for f in list(out):
        if "iz" in f and (lemma.endswith("ize") or lemma.endswith("ization")):
            out.add(f.replace("iz", "is"))
    return out


def cmd_exceptions(wheel):
    forms = forms_of_lemmas(wheel)
    groups = DOCS + [(w, [w]) for w in ISMS] + NAMED
    key_of = {}
    for key, lemmas in groups:
        for lemma in lemmas:
            for f in expand(lemma, forms):
                if key_of.get(f, key) != key:
                    sys.exit(f"{f} is listed under {key_of[f]} and {key}")
                key_of[f] = key
    lexicon = set(lowercase_entries(read_lemma_lu(wheel)))
    by_stem = collections.defaultdict(set)
    for w in lexicon:
        if w.isalpha() and w not in key_of:
            by_stem[STEM.stemWord(w)].add(w)
    for key in sorted({k for k, _ in groups}):
        if by_stem.get(key):
            print(f"joins {key}: {' '.join(sorted(by_stem[key]))}", file=sys.stderr)
    print(f"{len(DOCS)} + {len(ISMS)} + {len(NAMED)} keys, {len(key_of)} words", file=sys.stderr)
    print(header("stem_exceptions_en.txt"), end="")
    for f in sorted(key_of):
        print(f"{f}\t{key_of[f]}")


def header(name):
    """The comment lines at the top of a shipped file, printed again above the rows."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "config", name)
    lines = []
    for line in open(path, encoding="utf-8"):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


if __name__ == "__main__":
    command, wheel = sys.argv[1], sys.argv[2]
    {"lemmas": cmd_lemmas, "flag": cmd_flag, "exceptions": cmd_exceptions}[command](wheel)
