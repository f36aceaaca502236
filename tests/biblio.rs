//! Bibliographic exports: a small export of each format, written by hand after the format's
//! documentation, every field of every record checked; malformed records skipped with their
//! line; a whole run over exports.

use corpuscope::ingest::biblio::{self, Format};
use corpuscope::ingest::tabular::Row;

use corpuscope::config::{CoContext, Counting, TermSource};

use crate::util::{Corpus, assert_close, column, term_id};

/// A record's text and metadata, or its skip reason.
fn record(row: &Row) -> (&str, Vec<(&str, &str)>) {
    let content = row
        .content
        .as_ref()
        .unwrap_or_else(|e| panic!("record {} skipped: {e}", row.number));
    (
        content.text.as_str(),
        content
            .metadata
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
    )
}

fn skipped(row: &Row) -> &str {
    row.content.as_ref().expect_err("a skipped record")
}

pub const RIS: &str = "TY  - JOUR
AU  - Smith, John
AU  - Wang, Li
TI  - The mass line in grass-roots government
T2  - Journal of Chinese Political Science
PY  - 2019///
KW  - mass line
KW  - grass-roots government
AB  - How township cadres keep close contact
      with the masses.
VL  - 24
IS  - 3
SP  - 401
EP  - 420
DO  - 10.1007/s11366-019-00001-1
ER  - 

TY  - THES
AU  - 李明
TI  - 新时代群众工作研究
PY  - 2021
KW  - 群众工作;群众路线
AB  - 本文研究新时代的群众工作。
PB  - 中共中央党校
ER  - 

TY  - JOUR
AU  - Nobody, A
PY  - 2020
ER  - 

TY  - JOUR
TI  - Cut off
";

#[test]
fn ris_records() {
    assert_eq!(biblio::detect(RIS), Some(Format::Ris));
    let rows = biblio::records(RIS, Format::Ris);
    assert_eq!(rows.len(), 4);
    assert_eq!(
        record(&rows[0]),
        (
            "The mass line in grass-roots government\nHow township cadres keep close contact with the masses.",
            vec![
                ("title", "The mass line in grass-roots government"),
                ("authors", "Smith, John; Wang, Li"),
                ("year", "2019"),
                ("source", "Journal of Chinese Political Science"),
                ("keywords", "mass line; grass-roots government"),
                (
                    "abstract",
                    "How township cadres keep close contact with the masses."
                ),
                ("type", "Journal Article"),
                ("volume", "24"),
                ("issue", "3"),
                ("start_page", "401"),
                ("end_page", "420"),
                ("doi", "10.1007/s11366-019-00001-1"),
            ]
        )
    );
    assert_eq!(
        record(&rows[1]),
        (
            "新时代群众工作研究\n本文研究新时代的群众工作。",
            vec![
                ("title", "新时代群众工作研究"),
                ("authors", "李明"),
                ("year", "2021"),
                ("source", ""),
                ("keywords", "群众工作; 群众路线"),
                ("abstract", "本文研究新时代的群众工作。"),
                ("type", "Thesis"),
                ("publisher", "中共中央党校"),
            ]
        )
    );
    assert_eq!(
        skipped(&rows[2]),
        "malformed record at line 27: it has neither a title nor an abstract"
    );
    assert_eq!(
        skipped(&rows[3]),
        "malformed record at line 32: no `ER` line ends it"
    );
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
}

pub const REFWORKS: &str = "RT Journal Article
SR 1
A1 王强;刘芳;
AD 北京大学政府管理学院;
T1 基层政府群众工作的制度化
JF 政治学研究
YR 2020
IS 02
OP 45-58
K1 群众工作;基层政府;制度建设
AB 本文讨论基层政府如何
把群众工作制度化。
SN 1000-3355
CN 11-1404/D
LA 中文;
DS CNKI

K1 orphan
RT Dissertation/Thesis
A1 Chen Jing
T1 Mass work in the New Era
YR 2022
K1 mass work，New Era
AB Mass work after 2012
and the mass line.
PB Jilin University
DS CNKI
";

#[test]
fn refworks_records() {
    assert_eq!(biblio::detect(REFWORKS), Some(Format::RefWorks));
    let rows = biblio::records(REFWORKS, Format::RefWorks);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        record(&rows[0]),
        (
            "基层政府群众工作的制度化\n本文讨论基层政府如何把群众工作制度化。",
            vec![
                ("title", "基层政府群众工作的制度化"),
                ("authors", "王强; 刘芳"),
                ("year", "2020"),
                ("source", "政治学研究"),
                ("keywords", "群众工作; 基层政府; 制度建设"),
                ("abstract", "本文讨论基层政府如何把群众工作制度化。"),
                ("type", "Journal Article"),
                ("source_type", "1"),
                ("address", "北京大学政府管理学院;"),
                ("issue", "02"),
                ("pages", "45-58"),
                ("issn", "1000-3355"),
                ("call_number", "11-1404/D"),
                ("language", "中文;"),
                ("data_source", "CNKI"),
            ]
        )
    );
    assert_eq!(
        skipped(&rows[1]),
        "malformed record at line 18: the field `K1` outside a record (a RefWorks record starts with `RT `)"
    );
    assert_eq!(
        record(&rows[2]),
        (
            "Mass work in the New Era\nMass work after 2012 and the mass line.",
            vec![
                ("title", "Mass work in the New Era"),
                ("authors", "Chen Jing"),
                ("year", "2022"),
                ("source", ""),
                ("keywords", "mass work; New Era"),
                ("abstract", "Mass work after 2012 and the mass line."),
                ("type", "Dissertation/Thesis"),
                ("publisher", "Jilin University"),
                ("data_source", "CNKI"),
            ]
        )
    );
}

pub const ENDNOTE: &str = "%0 Journal Article
%A 张伟
%A 李娜
%+ 清华大学
%T 群众路线与党的建设
%J 中共党史研究
%D 2018
%N 5
%K 群众路线;党的建设
%X 论群众路线。
%P 12-20
%@ 1003-3815
%W CNKI

%0 Thesis
%A Zhou, Min
%T Keeping close contact with the masses
%D 2017
%K mass line; Party members and cadres
%X A study of
cadre conduct.
%I Fudan University
%9 硕士

%0 Thesis
%A Nobody
%D 2019
";

#[test]
fn endnote_records() {
    assert_eq!(biblio::detect(ENDNOTE), Some(Format::EndNote));
    let rows = biblio::records(ENDNOTE, Format::EndNote);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        record(&rows[0]),
        (
            "群众路线与党的建设\n论群众路线。",
            vec![
                ("title", "群众路线与党的建设"),
                ("authors", "张伟; 李娜"),
                ("year", "2018"),
                ("source", "中共党史研究"),
                ("keywords", "群众路线; 党的建设"),
                ("abstract", "论群众路线。"),
                ("type", "Journal Article"),
                ("address", "清华大学"),
                ("issue", "5"),
                ("pages", "12-20"),
                ("issn", "1003-3815"),
                ("database", "CNKI"),
            ]
        )
    );
    assert_eq!(
        record(&rows[1]),
        (
            "Keeping close contact with the masses\nA study of cadre conduct.",
            vec![
                ("title", "Keeping close contact with the masses"),
                ("authors", "Zhou, Min"),
                ("year", "2017"),
                ("source", ""),
                ("keywords", "mass line; Party members and cadres"),
                ("abstract", "A study of cadre conduct."),
                ("type", "Thesis"),
                ("publisher", "Fudan University"),
                ("work_type", "硕士"),
            ]
        )
    );
    assert_eq!(
        skipped(&rows[2]),
        "malformed record at line 25: it has neither a title nor an abstract"
    );
}

pub const NOTEEXPRESS: &str = "{Reference Type}: Journal Article
{Title}: 社区治理中的基层党组织
{Author}: 赵磊;孙悦;
{Author Address}: 南京大学
{Journal}: 社会学研究
{Year}: 2021
{Issue}: 4
{Pages}: 88-102
{Keywords}: 社区治理;基层党组织;
{Abstract}: 基层党组织在社区治理中的作用。
{ISBN/ISSN}: 1002-5936
{Database Provider}: CNKI

{Reference Type}: Thesis
{Title}: Grassroots Party Organizations
{Author}: Li, Hua
{Year}: 2016
{Keywords}: Community Governance, Grassroots Party Organizations
{Abstract}: On the function of grassroots Party organizations.
{Publisher}: Wuhan University
{Tertiary Author}: Wu, Gang
";

#[test]
fn noteexpress_records() {
    assert_eq!(biblio::detect(NOTEEXPRESS), Some(Format::NoteExpress));
    let rows = biblio::records(NOTEEXPRESS, Format::NoteExpress);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        record(&rows[0]),
        (
            "社区治理中的基层党组织\n基层党组织在社区治理中的作用。",
            vec![
                ("title", "社区治理中的基层党组织"),
                ("authors", "赵磊; 孙悦"),
                ("year", "2021"),
                ("source", "社会学研究"),
                ("keywords", "社区治理; 基层党组织"),
                ("abstract", "基层党组织在社区治理中的作用。"),
                ("type", "Journal Article"),
                ("address", "南京大学"),
                ("issue", "4"),
                ("pages", "88-102"),
                ("issn", "1002-5936"),
                ("database", "CNKI"),
            ]
        )
    );
    assert_eq!(
        record(&rows[1]),
        (
            "Grassroots Party Organizations\nOn the function of grassroots Party organizations.",
            vec![
                ("title", "Grassroots Party Organizations"),
                // NoteExpress lists authors with semicolons: the comma is the name's.
                ("authors", "Li, Hua"),
                ("year", "2016"),
                ("source", ""),
                (
                    "keywords",
                    "Community Governance; Grassroots Party Organizations"
                ),
                (
                    "abstract",
                    "On the function of grassroots Party organizations."
                ),
                ("type", "Thesis"),
                ("publisher", "Wuhan University"),
                ("tertiary_author", "Wu, Gang"),
            ]
        )
    );
}

pub const WOS: &str = "FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Smith, J
   Wang, L
AF Smith, John
   Wang, Li
TI The mass line and
   grass-roots government
SO JOURNAL OF CHINESE POLITICAL SCIENCE
LA English
DT Article
DE mass line; grass-roots government; mass
   work
ID CHINA; PARTICIPATION
AB Township cadres keep close contact
   with the masses.
C1 [Smith, John] Univ Oxford, Oxford, England.
   [Wang, Li] Peking Univ, Beijing, Peoples R China.
PY 2019
VL 24
BP 401
EP 420
DI 10.1007/s11366-019-00001-1
UT WOS:000480000000001
ER

PT J
AU Chen, X
TI Cadres and the masses
SO CHINA QUARTERLY
DT Review
AB No keywords here.
PY 2020
TC 3
EF
";

#[test]
fn web_of_science_records() {
    assert_eq!(biblio::detect(WOS), Some(Format::WebOfScience));
    let rows = biblio::records(WOS, Format::WebOfScience);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        record(&rows[0]),
        (
            "The mass line and grass-roots government\nTownship cadres keep close contact with the masses.",
            vec![
                ("title", "The mass line and grass-roots government"),
                ("authors", "Smith, J; Wang, L"),
                ("year", "2019"),
                ("source", "JOURNAL OF CHINESE POLITICAL SCIENCE"),
                ("keywords", "mass line; grass-roots government; mass work"),
                (
                    "abstract",
                    "Township cadres keep close contact with the masses."
                ),
                ("type", "Article"),
                ("publication_type", "J"),
                ("author_full_names", "Smith, John; Wang, Li"),
                ("language", "English"),
                ("keywords_plus", "CHINA; PARTICIPATION"),
                (
                    "addresses",
                    "[Smith, John] Univ Oxford, Oxford, England.; [Wang, Li] Peking Univ, Beijing, Peoples R China."
                ),
                ("volume", "24"),
                ("start_page", "401"),
                ("end_page", "420"),
                ("doi", "10.1007/s11366-019-00001-1"),
                ("accession_number", "WOS:000480000000001"),
            ]
        )
    );
    assert_eq!(
        skipped(&rows[1]),
        "malformed record at line 28: no `ER` line ends it"
    );
}

#[test]
fn plain_text_is_not_taken_for_an_export() {
    assert_eq!(biblio::detect("PT boats\nwere fast.\n"), None);
    assert_eq!(
        biblio::detect("%0 is not a tag here\n"),
        Some(Format::EndNote)
    );
    assert_eq!(biblio::detect("Title\n\nTY  - JOUR\n"), None);
}

/// A run over one export of each format: one document per record, the fields as columns of
/// `documents`, skipped records kept as rows with their reason; `input.format = "plain"` reads
/// the files whole.
#[test]
fn exports_are_documents() {
    let corpus = Corpus::new(&[
        ("a.ris", RIS),
        ("b.txt", REFWORKS),
        ("c.enw", ENDNOTE),
        ("d.txt", NOTEEXPRESS),
        ("e.txt", WOS),
    ]);
    let out = corpus.output();
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(docs.len() - 1, 4 + 3 + 3 + 2 + 2);
    let status = column(&docs, "status");
    assert_eq!(
        status,
        [
            "ok", "ok", "skipped", "skipped", "ok", "skipped", "ok", "ok", "ok", "skipped", "ok",
            "ok", "ok", "skipped"
        ]
    );
    let titles = column(&docs, "title");
    assert_eq!(titles[0], "The mass line in grass-roots government");
    assert_eq!(titles[13], "");
    assert_eq!(column(&docs, "year")[9], "");
    assert_eq!(column(&docs, "year")[0], "2019");
    assert_eq!(
        column(&docs, "keywords")[8],
        "mass line; Party members and cadres"
    );
    assert_eq!(
        column(&docs, "skip_reason")[5],
        "malformed record at line 18: the field `K1` outside a record (a RefWorks record starts with `RT `)"
    );
    assert!(out.join("documents.parquet").exists());

    let mut plain = corpus.settings();
    plain.input.format = corpuscope::config::InputFormat::Plain;
    plain.output.dir = corpus.dir.path().join("plain");
    let r = corpus.analyse(plain);
    assert_eq!(r.docs.len(), 5);
}

/// Keyword settings counted as CiteSpace and VOSviewer count: documents holding both keywords.
fn keyword_settings(corpus: &Corpus, source: TermSource) -> corpuscope::config::Settings {
    let mut s = corpus.settings();
    s.terms.source = source;
    s.cooccurrence.context = CoContext::Document;
    s.cooccurrence.counting = Counting::Presence;
    s.cooccurrence.min_count = 1;
    s.network.measure = "count".into();
    s
}

/// Keywords from a column, split on each separator, a repeat in a document counted once, the
/// thesaurus merging a variant and removing a term: co-occurrence counts documents.
#[test]
fn keyword_terms_cooccur_by_document() {
    let corpus = Corpus::new(&[
        (
            "k.csv",
            "text,keywords\n\
             one,\"Mass line; grass-roots government；mass work\"\n\
             two,\"mass line，grass-roots government\"\n\
             three,\"grass-roots government; mass work; Mass Work\"\n\
             four,\"mass-line; noise\"\n",
        ),
        (
            "thesaurus.txt",
            "label\treplace by\nmass-line\tmass line\nnoise\t\n",
        ),
    ]);
    let mut s = keyword_settings(&corpus, TermSource::Keywords);
    s.input.exclude = vec!["thesaurus.txt".into()];
    s.terms.thesaurus_file = Some(corpus.input().join("thesaurus.txt"));
    let r = corpus.analyse(s);
    let shown: Vec<(&str, u64)> = r
        .freqs
        .ranking
        .iter()
        .map(|&t| {
            (
                r.vocab.terms[t as usize].display.as_str(),
                r.freqs.term_count[t as usize],
            )
        })
        .collect();
    // mass line: docs 1, 2, 4 (mass-line); grass-roots government: 1, 2, 3; mass work: 1, 3.
    assert_eq!(
        shown,
        [
            ("grass-roots government", 3),
            ("mass line", 3),
            ("mass work", 2)
        ]
    );
    let (ml, gg, mw) = (
        term_id(&r, "mass line"),
        term_id(&r, "grass-roots government"),
        term_id(&r, "mass work"),
    );
    let pairs: Vec<(u32, u32, u64)> = r
        .cooccurrence
        .pairs
        .iter()
        .map(|p| (p.a, p.b, p.count))
        .collect();
    // (gg, ml) in docs 1 and 2; (gg, mw) in 1 and 3; (ml, mw) in 1. Ties of rank go by term.
    assert_eq!(pairs, [(gg, ml, 2), (gg, mw, 2), (ml, mw, 1)]);
    assert_eq!(r.cooccurrence.total, 4.0);
    // Association strength c · N / (n_a · n_b) and cosine c / sqrt(n_a · n_b), N = 4 documents:
    // (gg, ml) 2 · 4 / (3 · 3) and 2 / 3; (ml, mw) 1 · 4 / (3 · 2) and 1 / sqrt 6.
    let p = &r.cooccurrence.pairs;
    assert_close(p[0].association_strength, 8.0 / 9.0);
    assert_close(p[0].cosine, 2.0 / 3.0);
    assert_close(p[2].association_strength, 2.0 / 3.0);
    assert_close(p[2].cosine, 1.0 / 6f64.sqrt());
    let nodes: Vec<&str> = r
        .network
        .nodes
        .iter()
        .map(|n| r.vocab.terms[n.term as usize].display.as_str())
        .collect();
    assert_eq!(nodes, ["grass-roots government", "mass line", "mass work"]);
}

/// The thesaurus also merges terms found in the text.
#[test]
fn thesaurus_renames_text_terms() {
    let corpus = Corpus::new(&[
        (
            "a.txt",
            "The masses trust the cadres. The cadres serve the masses.\n",
        ),
        ("t.tsv.txt", "label\treplace by\nmasses\tpeople\ncadres\t\n"),
    ]);
    let mut s = corpus.settings();
    s.input.paths = vec![corpus.input().join("a.txt")];
    s.terms.thesaurus_file = Some(corpus.input().join("t.tsv.txt"));
    // The token streams' term ids are kept for the `tokens` table.
    s.output.tokens = true;
    let r = corpus.analyse(s);
    let terms: Vec<(&str, &str, u64)> = r
        .vocab
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.display.as_str(), t.key.as_str(), r.freqs.term_count[i]))
        .collect();
    assert_eq!(
        terms,
        [
            ("people", "peopl", 2),
            ("trust", "trust", 1),
            ("serve", "serv", 1)
        ]
    );
    // The removed term leaves no token: `trust` and `serve` are the only neighbours of people.
    assert_eq!(r.streams[0].terms, [0, 1, 2, 0]);
    assert_eq!(r.streams[0].sentence_ends, [2, 4]);
}

/// The seeds' author keywords (`Keywords/Search Tags`, read by a shipped metadata rule) are
/// terms and nodes of the keyword network; with `both`, the keyword `mass line` and the text's
/// phrase `mass line` are one term.
#[test]
fn seeds_keywords_form_the_keyword_network() {
    let corpus = Corpus::new(&[]);
    let mut s = keyword_settings(&corpus, TermSource::Keywords);
    s.input.paths = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")];
    let r = corpus.analyse(s.clone());
    let nodes: Vec<&str> = r
        .network
        .nodes
        .iter()
        .map(|n| r.vocab.terms[n.term as usize].display.as_str())
        .collect();
    for keyword in [
        "mass line",
        "grass-roots government",
        "mass work",
        "direct-to-spot direct connection",
        "Communist Party of China",
        "Party members and cadres",
        "keep close contact with the masses",
        "Community Governance",
        "Grassroots Party Organizations",
    ] {
        assert!(nodes.contains(&keyword), "{keyword} not in {nodes:?}");
    }
    // Three documents hold keywords: 5 + 4 + 3 keywords, 10 + 6 + 3 pairs, each in one document.
    assert_eq!(r.vocab.len(), 12);
    assert_eq!(r.cooccurrence.pairs.len(), 19);
    assert!(r.cooccurrence.pairs.iter().all(|p| p.count == 1));

    s.terms.source = TermSource::Both;
    let both = corpus.analyse(s);
    let ml = term_id(&both, "mass line");
    let mut plain = corpus.settings();
    plain.input.paths = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")];
    let text_only = corpus.analyse(plain);
    let ml_text = term_id(&text_only, "mass line");
    assert_eq!(
        both.freqs.term_count[ml as usize],
        text_only.freqs.term_count[ml_text as usize] + 1
    );
    let gg = term_id(&both, "grass-roots government");
    assert!(both.freqs.term_count[gg as usize] >= 1);
}

/// The keyword network opens in VOSviewer: map and network files beside the GraphML.
#[test]
fn vosviewer_files() {
    let corpus = Corpus::new(&[(
        "k.csv",
        "text,keywords\none,a; b; c\ntwo,a; b\nthree,b; c\nfour,a\n",
    )]);
    corpus.run(keyword_settings(&corpus, TermSource::Keywords));
    let read = |name: &str| std::fs::read_to_string(corpus.output().join(name)).unwrap();
    // Occurrences a 3, b 3, c 2; pairs (a, b) 2, (b, c) 2, (a, c) 1.
    assert_eq!(
        read("vosviewer_map.txt"),
        "id\tlabel\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Occurrences>\n\
         1\ta\t1\t2\t3\t3\n\
         2\tb\t1\t2\t4\t3\n\
         3\tc\t1\t2\t3\t2\n"
    );
    assert_eq!(read("vosviewer_network.txt"), "1\t2\t2\n2\t3\t2\n1\t3\t1\n");
}

/// A keyword burst worked out by hand, found from the year column: ten documents a year from
/// 2001 to 2005, `x` among the keywords of 1, 1, 6, 6 and 1 of them; `f` in every document (an
/// even rate, no burst). Also the thematic map and the cluster quality in run.json.
#[test]
fn keyword_burst_over_years() {
    let mut csv = String::from("text,year,keywords\n");
    for (y, with_x) in [(2001, 1), (2002, 1), (2003, 6), (2004, 6), (2005, 1)] {
        for i in 0..10 {
            let keywords = if i < with_x { "f; x" } else { "f" };
            csv.push_str(&format!("doc {y} {i},{y},{keywords}\n"));
        }
    }
    let corpus = Corpus::new(&[("k.csv", &csv)]);
    let mut s = keyword_settings(&corpus, TermSource::Keywords);
    s.input.skip_duplicates = false;
    corpus.run(s);
    let bursts = corpus.table("bursts");
    assert_eq!(
        bursts[0],
        ["term", "lang", "start", "end", "strength", "docs"]
    );
    assert_eq!(bursts.len(), 2);
    assert_eq!(&bursts[1][..4], ["x", "en", "2003", "2004"]);
    assert_eq!(bursts[1][5], "12");
    // p0 = 0.3, p1 = 0.6: 2 · [6 ln(0.6 / 0.3) + 4 ln(0.4 / 0.7)].
    let want = 2.0 * (6.0 * 2f64.ln() + 4.0 * (0.4f64 / 0.7).ln());
    assert_close(bursts[1][4].parse().unwrap(), want);

    let map = corpus.table("theme_map");
    assert_eq!(
        map[0],
        [
            "community",
            "label",
            "size",
            "occurrences",
            "centrality",
            "density",
            "quadrant",
            "silhouette",
            "terms"
        ]
    );
    // One community {f, x}: no external links; density 100 · (15² / (50 · 15)) / 2 = 15.
    assert_eq!(
        map[1],
        ["1", "f / x", "2", "65", "0.0", "15.0", "motor", "", "f; x"]
    );
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.output().join("run.json")).unwrap())
            .unwrap();
    assert_eq!(run["network"]["silhouette"], serde_json::Value::Null);
    assert_eq!(run["network"]["modularity"], 0.0);
    assert_eq!(run["counts"]["bursts"], 1);
}

/// Cluster quality on two keyword triangles joined by one link (every pair in one document):
/// Louvain finds the triangles; Q and S worked out by hand.
#[test]
fn modularity_and_silhouette_of_two_triangles() {
    let corpus = Corpus::new(&[(
        "k.csv",
        "text,keywords\n1,a; b\n2,a; c\n3,b; c\n4,d; e\n5,d; f\n6,e; f\n7,c; d\n",
    )]);
    corpus.run(keyword_settings(&corpus, TermSource::Keywords));
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.output().join("run.json")).unwrap())
            .unwrap();
    // m = 7 links of weight 1; each triangle holds 3 and its degrees add up to 7:
    // Q = 2 (3/7 − (7/14)²) = 5/14.
    assert_eq!(run["network"]["communities"], 2);
    assert_close(run["network"]["modularity"].as_f64().unwrap(), 5.0 / 14.0);
    // Silhouettes (distance 1 − cosine of adjacency rows; see the unit test for the terms):
    // a, b, e, f: s0; c, d: s2.
    let r6 = 6f64.sqrt();
    let s = |a: f64, b: f64| (b - a) / a.max(b);
    let s0 = s(1.0 - (0.5 + 1.0 / r6) / 2.0, 1.0 - 1.0 / r6 / 3.0);
    let s2 = s(1.0 - 1.0 / r6, 1.0 - 2.0 / r6 / 3.0);
    assert_close(
        run["network"]["silhouette"].as_f64().unwrap(),
        (4.0 * s0 + 2.0 * s2) / 6.0,
    );
    // Each triangle: one external link (e = 1² / (3 · 3)), three internal ones (1 / (2 · 3) for
    // the two with c or d, 1 / 4 for the other): centrality 10/9, density 100 (1/3 + 1/4) / 3.
    let map = corpus.table("theme_map");
    for row in &map[1..] {
        assert_close(row[4].parse().unwrap(), 10.0 / 9.0);
        assert_close(row[5].parse().unwrap(), 100.0 * (1.0 / 3.0 + 0.25) / 3.0);
        assert_eq!(row[6], "motor");
        assert_close(row[7].parse().unwrap(), (2.0 * s0 + s2) / 3.0);
    }
}

/// The new options are checked before any work, naming the key and what is allowed.
#[test]
fn bad_bibliometric_options_are_named() {
    use corpuscope::config::Settings;
    let corpus = Corpus::new(&[("t.txt", "label\treplace by\nno tab here\n")]);
    let mut s = corpus.settings();
    s.terms.thesaurus_file = Some(corpus.input().join("t.txt"));
    let msg = s.validate().unwrap_err().to_string();
    assert!(
        msg.contains("terms.thesaurus_file") && msg.contains("line 2") && msg.contains("tab"),
        "{msg}"
    );
    let s = Settings::from_toml("[bursts]\ns = 1.0\n", "t").unwrap();
    let msg = s.validate().unwrap_err().to_string();
    assert_eq!(
        msg,
        "invalid config value for `bursts.s`: 1 is out of range; allowed: a number above 1 (the burst rate is s times the base rate)"
    );
    let msg = Settings::from_toml("[input]\nformat = \"bibtex\"\n", "t")
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("`input.format`") && msg.contains("noteexpress"),
        "{msg}"
    );
    let msg = Settings::from_toml("[terms]\nsource = \"abstracts\"\n", "t")
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("`terms.source`") && msg.contains("keywords"),
        "{msg}"
    );
}
