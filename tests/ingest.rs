//! Ingest: encodings, HTML, tabular corpora, duplicates, patterns, normalisation, metadata and
//! units, each outcome checked exactly.

use std::path::Path;

use polars::prelude::*;

use crate::util::{Corpus, column, data_rows, row};

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// A corpus holding one of each kind of input, good and bad.
pub fn mixed_corpus() -> Corpus {
    let corpus = Corpus::new(&[]);
    let (gbk, _, _) = encoding_rs::GBK
        .encode("坚持党的群众路线，密切联系群众。基层党组织是党在社会基层组织中的战斗堡垒。");
    corpus.write("a_gbk.txt", &gbk);
    corpus.write("b_utf16.txt", &utf16le_with_bom("Mass line work."));
    let mut bad = "群众路线".repeat(10).into_bytes();
    bad.push(0xFF);
    bad.extend_from_slice("干部".as_bytes());
    corpus.write("c_bad_utf8.txt", &bad);
    corpus.write("d_binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    corpus.write("e_empty.txt", b"");
    corpus.write(
        "f_page.html",
        b"<html><head><title>Party page</title><script>var hidden = 1;</script></head>\
          <body><nav>Home</nav><p>Grassroots governance matters.</p></body></html>",
    );
    corpus.write(
        "g_rows.csv",
        b"year,text,source\n2020,Cadres serve the masses.,news\n2021,broken\n2022,Village committees hold meetings.,report\n",
    );
    corpus.write(
        "h_rows.jsonl",
        "{\"text\": \"Community workers visit families.\", \"year\": 2023}\nnot json\n{\"text\": \"社区治理需要群众参与。\", \"year\": 2024, \"source\": \"web\"}\n"
            .as_bytes(),
    );
    corpus.write("i_dup1.txt", b"Same words here twice.\n");
    corpus.write("j_dup2.txt", b"Same words  here twice.\r\n");
    corpus
}

#[test]
fn every_input_is_accounted_for() {
    let corpus = mixed_corpus();
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    let tails: Vec<String> = column(&docs, "path")
        .iter()
        .map(|p| p.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        tails,
        [
            "a_gbk.txt",
            "b_utf16.txt",
            "c_bad_utf8.txt",
            "d_binary.txt",
            "e_empty.txt",
            "f_page.html",
            "g_rows.csv",
            "g_rows.csv",
            "g_rows.csv",
            "h_rows.jsonl",
            "h_rows.jsonl",
            "h_rows.jsonl",
            "i_dup1.txt",
            "j_dup2.txt"
        ]
    );
    assert_eq!(
        column(&docs, "status"),
        [
            "ok", "ok", "ok", "skipped", "skipped", "ok", "ok", "skipped", "ok", "ok", "skipped",
            "ok", "ok", "skipped"
        ]
    );
    assert_eq!(
        column(&docs, "encoding"),
        [
            "gbk",
            "utf-16le-bom",
            "utf-8",
            "",
            "",
            "utf-8",
            "utf-8",
            "utf-8",
            "utf-8",
            "utf-8",
            "utf-8",
            "utf-8",
            "utf-8",
            "utf-8"
        ]
    );
    assert_eq!(
        column(&docs, "decode_errors"),
        [
            "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"
        ]
    );
    assert_eq!(
        column(&docs, "row"),
        ["", "", "", "", "", "", "1", "2", "3", "1", "2", "3", "", ""]
    );
    let reasons = column(&docs, "skip_reason");
    assert_eq!(reasons[3], "binary file (contains NUL bytes)");
    assert_eq!(reasons[4], "empty file");
    assert!(
        reasons[7].starts_with("malformed row at line 3: "),
        "{}",
        reasons[7]
    );
    assert!(
        reasons[10].starts_with("line 2: not JSON"),
        "{}",
        reasons[10]
    );
    assert_eq!(
        reasons[13],
        "duplicate of document 13 (same text after cleaning)"
    );
    assert_eq!(column(&docs, "duplicate_of")[13], "13");

    // Titles: the page's <title>, a row's first line.
    let titles = column(&docs, "title");
    assert_eq!(
        titles[0],
        "坚持党的群众路线,密切联系群众。基层党组织是党在社会基层组织中的战斗堡垒。"
    );
    assert_eq!(titles[5], "Party page");
    assert_eq!(titles[6], "Cadres serve the masses.");

    // The other columns of tabular rows become metadata columns, in order of appearance.
    let header = &docs[0];
    assert_eq!(&header[header.len() - 2..], ["year", "source"]);
    assert_eq!(
        column(&docs, "year"),
        [
            "", "", "", "", "", "", "2020", "", "2022", "2023", "", "2024", "", ""
        ]
    );
    assert_eq!(column(&docs, "source")[8], "report");
    assert_eq!(column(&docs, "source")[11], "web");

    // Decoded text is analysed: GBK Chinese, UTF-16 English, visible HTML text only. Display
    // forms keep the case the corpus uses when it never writes a word in lowercase. The HTML's
    // "Grassroots governance" is not the shipped phrase "grass-roots government" (governance and
    // government are kept apart, config/stem_exceptions_en.txt), so its words are two terms.
    let terms = column(&corpus.table("terms"), "term");
    for t in [
        "群众路线",
        "基层党组织",
        "Mass",
        "Grassroots",
        "governance",
        "Village",
        "社区治理",
        "干部",
    ] {
        assert!(terms.contains(&t.to_string()), "{t} missing");
    }
    for t in ["hidden", "var", "year", "broken"] {
        assert!(!terms.contains(&t.to_string()), "{t} should not be a term");
    }
}

#[test]
fn duplicates_can_be_kept() {
    let corpus = mixed_corpus();
    let mut s = corpus.settings();
    s.input.skip_duplicates = false;
    corpus.run(s);
    let docs = corpus.table("documents");
    let dup = row(&docs, "doc_id", "14");
    assert!(dup.contains(&("status", "ok")) && dup.contains(&("duplicate_of", "13")));
}

#[test]
fn fixed_encoding_and_patterns() {
    let corpus = Corpus::new(&[]);
    corpus.write("keep/a.txt", &encoding_rs::GBK.encode("群众").0);
    corpus.write("keep/b.txt", "群众".as_bytes());
    corpus.write("drafts/c.txt", b"draft");
    let mut s = corpus.settings();
    s.input.encoding = "gb18030".into();
    s.input.include = vec!["keep/**".into(), "drafts/**".into()];
    s.input.exclude = vec!["drafts/**".into()];
    corpus.run(s);
    let docs = corpus.table("documents");
    assert_eq!(column(&docs, "encoding"), ["gb18030", "gb18030"]);
    // UTF-8 bytes read as GB18030 are not the same text: the fixed label is obeyed.
    assert_eq!(column(&docs, "title")[0], "群众");
    assert_ne!(column(&docs, "title")[1], "群众");
}

#[test]
fn full_width_and_traditional_text_is_normalised() {
    let corpus = Corpus::new(&[("a.txt", "ＣＰＣ的群眾路線　ｍａｓｓ ｌｉｎｅ\n")]);
    let mut s = corpus.settings();
    s.clean.traditional_to_simplified = true;
    corpus.run(s.clone());
    let terms = column(&corpus.table("terms"), "term");
    assert_eq!(terms, ["CPC", "line", "mass", "群众路线"]);
    s.clean.nfkc = false;
    s.clean.traditional_to_simplified = false;
    corpus.run(s);
    let terms = column(&corpus.table("terms"), "term");
    assert!(terms.contains(&"ＣＰＣ".to_string()), "{terms:?}");
}

#[test]
fn parquet_corpus_rows_and_missing_text_column() {
    let corpus = Corpus::new(&[]);
    let write = |name: &str, mut df: DataFrame| {
        let file = std::fs::File::create(corpus.input().join(name)).unwrap();
        ParquetWriter::new(file).finish(&mut df).unwrap();
    };
    write(
        "a.parquet",
        DataFrame::new_infer_height(vec![
            Column::new("id".into(), [7i64, 8]),
            Column::new("text".into(), ["Cadres visit villages.", "群众路线"]),
        ])
        .unwrap(),
    );
    write(
        "b.parquet",
        DataFrame::new_infer_height(vec![Column::new("body".into(), ["no text column"])]).unwrap(),
    );
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(column(&docs, "status"), ["ok", "ok", "skipped"]);
    assert_eq!(column(&docs, "row"), ["1", "2", ""]);
    assert_eq!(column(&docs, "id"), ["7", "8", ""]);
    assert_eq!(
        column(&docs, "skip_reason")[2],
        "no text column `text` (set input.text_column; columns found: body)"
    );
}

#[test]
fn seeds_metadata_is_read_and_not_analysed() {
    let corpus = Corpus::new(&[]);
    let mut s = corpus.settings();
    s.input.paths = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")];
    corpus.run(s);
    let docs = corpus.table("documents");
    let first = row(&docs, "doc_id", "1");
    for (k, v) in [
        (
            "title",
            "Study On The System Of Connecting Party Members And Cadres With The Masses In The New Era",
        ),
        ("posted_on", "2024-02-28"),
        ("degree", "Master"),
        ("type", "Thesis"),
        ("country", "China"),
        ("candidate", "J R Peng"),
        ("gtid", "2556307151462344"),
        ("subject", "Marxist theory"),
        (
            "keywords",
            "Communist Party of China, Party members and cadres, keep close contact with the masses, New Era, system construction",
        ),
    ] {
        assert!(first.contains(&(k, v)), "{k}: {first:?}");
    }
    assert_eq!(column(&docs, "subject")[4], "Political science");
    let essay = row(&docs, "doc_id", "4");
    assert!(essay.contains(&("date", "2022-11-28")) && essay.contains(&("source", "语文通")));
    // The header is not body text.
    let terms = column(&corpus.table("terms"), "term");
    for t in [
        "gtid",
        "candidate",
        "pdf",
        "posted",
        "chinacandidate",
        "font",
        "来源",
    ] {
        assert!(!terms.contains(&t.to_string()), "{t} is a term");
    }
}

#[test]
fn units_table_traces_paragraphs_and_sentences() {
    // After NFKC the cleaned text is "Cadres serve masses. 群众路线!\n\nVillage meetings.\n" (46 chars).
    let corpus = Corpus::new(&[(
        "a.txt",
        "Cadres serve masses. 群众路线！\n\nVillage meetings.",
    )]);
    corpus.run(corpus.settings());
    let units = corpus.table("units");
    assert_eq!(
        units[0],
        [
            "doc_id",
            "unit_id",
            "kind",
            "paragraph",
            "start_char",
            "end_char",
            "chars",
            "tokens"
        ]
    );
    assert_eq!(
        data_rows(&units),
        [
            ["1", "0", "document", "", "0", "46", "46", "6"],
            ["1", "1", "paragraph", "1", "0", "26", "26", "4"],
            ["1", "2", "sentence", "1", "0", "20", "20", "3"],
            ["1", "3", "sentence", "1", "21", "26", "5", "1"],
            ["1", "4", "paragraph", "2", "28", "45", "17", "2"],
            ["1", "5", "sentence", "2", "28", "45", "17", "2"],
        ]
    );
}

#[test]
fn big5_traditional_text_matches_its_simplified_gbk_twin() {
    let simplified = "坚持党的群众路线，密切联系群众。基层党组织是党在社会基层组织中的战斗堡垒。各级干部要深入基层，倾听群众呼声。";
    let traditional = "堅持黨的群眾路線，密切聯繫群眾。基層黨組織是黨在社會基層組織中的戰鬥堡壘。各級幹部要深入基層，傾聽群眾呼聲。";
    let corpus = Corpus::new(&[]);
    corpus.write("a_big5.txt", &encoding_rs::BIG5.encode(traditional).0);
    corpus.write("b_gbk.txt", &encoding_rs::GBK.encode(simplified).0);
    let mut s = corpus.settings();
    s.clean.traditional_to_simplified = true;
    corpus.run(s);
    let docs = corpus.table("documents");
    assert_eq!(column(&docs, "encoding"), ["big5", "gbk"]);
    assert_eq!(column(&docs, "decode_errors"), ["0", "0"]);
    // After conversion the two texts are the same: the second is a duplicate of the first.
    assert_eq!(column(&docs, "duplicate_of"), ["", "1"]);
    let terms = column(&corpus.table("terms"), "term");
    assert!(terms.contains(&"基层党组织".to_string()), "{terms:?}");
}
