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

/// The file name of each row of the documents table.
fn file_names(docs: &[Vec<String>]) -> Vec<String> {
    column(docs, "path")
        .iter()
        .map(|p| p.rsplit('/').next().unwrap().to_string())
        .collect()
}

#[test]
fn every_input_is_accounted_for() {
    let corpus = mixed_corpus();
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    let tails = file_names(&docs);
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

/// A fixture made by tests/fixtures/make_pdfs.py.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A zip package of (part name, content), as DOCX and ODT files are; the first part stored,
/// the others deflated.
pub fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    use ::zip::write::SimpleFileOptions;
    use std::io::Write;
    let mut zip = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, content)) in parts.iter().enumerate() {
        let method = if i == 0 {
            ::zip::CompressionMethod::Stored
        } else {
            ::zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).expect("zip part");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A DOCX package: `[Content_Types].xml`, the relationships, `body` as the body of
/// `word/document.xml` and, given, `core` as the inside of `docProps/core.xml`.
pub fn docx(body: &str, core: Option<&str>) -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml", types.to_string()),
        ("_rels/.rels", rels.to_string()),
        ("word/document.xml", document),
    ];
    if let Some(core) = core {
        parts.push((
            "docProps/core.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{core}</cp:coreProperties>"#
            ),
        ));
    }
    let parts: Vec<(&str, &str)> = parts.iter().map(|(n, c)| (*n, c.as_str())).collect();
    package(&parts)
}

/// An ODT package: the mimetype, `text` as the body of `content.xml` and `meta` as the inside
/// of `meta.xml`'s `office:meta`.
pub fn odt(text: &str, meta: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body><office:text>{text}</office:text></office:body></office:document-content>"#
    );
    let meta = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta>{meta}</office:meta></office:document-meta>"#
    );
    package(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
        ("meta.xml", &meta),
    ])
}

/// The documents of one file read with the default settings and `paragraph_break`: for each,
/// its status, encoding, title and paragraphs.
fn read_one(
    path: &Path,
    paragraph_break: corpuscope::config::ParagraphBreak,
) -> Vec<(String, String, String, Vec<String>)> {
    let mut s = corpuscope::config::Settings::builtin_default();
    s.units.paragraph_break = paragraph_break;
    let config = s.validate().expect("valid config");
    corpuscope::ingest::read_file(path, &config, None)
        .into_iter()
        .map(|d| {
            let paragraphs = d
                .segments
                .paragraphs()
                .map(|p| d.text[p.range].to_string())
                .collect();
            let status = format!("{} {}", d.status.label(), d.status.reason());
            (status.trim().to_string(), d.encoding, d.title, paragraphs)
        })
        .collect()
}

#[test]
fn pdf_text_layers_are_read_as_paragraphs_chinese_fonts_included() {
    use corpuscope::config::ParagraphBreak;
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[&str])] = &[
        // Two paragraphs on page 1 a blank line apart, the first wrapped over two lines; a third
        // on page 2.
        (
            "english.pdf",
            &[
                "Corpus linguistics studies language through large collections of real text, and \
                 frequency lists and keyword tables show what a corpus is about.",
                "Policy papers often arrive as PDF files.",
                "A page break also ends a paragraph.",
            ],
        ),
        // STSong-Light, UniGB-UCS2-H, no ToUnicode map: a line wrapped inside a word.
        (
            "chinese-cid.pdf",
            &[
                "群众路线是党的生命线和根本工作路线,坚持从群众中来、到群众中去,把党的正确主张变为群众的自觉行动。",
                "语料库分析 corpus analysis 需要大量文本。",
            ],
        ),
        // Identity-H with a ToUnicode map, paragraphs marked by a first-line indent only
        // (NFKC makes the full-width comma ASCII).
        (
            "chinese-identity.pdf",
            &[
                "学位论文研究群众路线的历史,并分析政策文本,比较不同时期的表述与基层实践。",
                "第二段讨论语料库方法。",
            ],
        ),
        // GBK codes (ASCII in one byte) with the predefined CMap GBK-EUC-H, no ToUnicode map.
        (
            "chinese-gbk.pdf",
            &[
                "旧版中文软件生成的文件常用国标扩展编码保存文字,例如 GBK 编码。",
                "第二段。",
            ],
        ),
        // An embedded TrueType subset with a ToUnicode map.
        ("chinese-ttf.pdf", &["政策文件和学位论文。", "第二段文字。"]),
        // Encrypted with an owner password only: opens with the empty password.
        (
            "restricted.pdf",
            &["Restricted text opens without a password."],
        ),
    ];
    for &(name, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, fixture(name)).unwrap();
        for mode in [ParagraphBreak::Line, ParagraphBreak::BlankLine] {
            let docs = read_one(&path, mode);
            assert_eq!(docs.len(), 1, "{name}");
            let (status, encoding, title, paragraphs) = &docs[0];
            assert_eq!(
                (status.as_str(), encoding.as_str()),
                ("ok", "pdf"),
                "{name}"
            );
            assert_eq!(paragraphs, expected, "{name} ({mode:?})");
            // english.pdf has a title in its document information; the others have none or
            // ReportLab's placeholder, "untitled": their first paragraph is the title.
            let first = if name == "english.pdf" {
                "Corpus Linguistics and PDF"
            } else {
                expected[0]
            };
            assert_eq!(title, first, "{name}");
        }
    }
}

#[test]
fn docx_and_odt_paragraphs_tables_and_properties() {
    use corpuscope::config::ParagraphBreak;
    let corpus = Corpus::new(&[]);
    let body = "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>基层治理研究</w:t></w:r></w:p>\
        <w:p><w:r><w:t>坚持党的群众路线，</w:t></w:r><w:r><w:t>密切联系群众。</w:t></w:r></w:p>\
        <w:p><w:r><w:t xml:space=\"preserve\">Grassroots governance </w:t></w:r>\
        <w:r><w:rPr><w:b/></w:rPr><w:t>needs</w:t></w:r><w:r><w:tab/><w:t>participation.</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>村委会</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t>Village committee</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let core = "<dc:title>基层治理报告</dc:title><dc:creator>张三</dc:creator>\
        <cp:keywords>基层治理; 群众路线</cp:keywords>\
        <dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-06-30T08:00:00Z</dcterms:created>";
    corpus.write("a.docx", &docx(body, Some(core)));
    let text = "<text:h text:outline-level=\"1\">政策文件分析</text:h>\
        <text:p>Policy<text:s text:c=\"2\"/>documents<text:tab/>matter.</text:p>\
        <table:table><table:table-row><table:table-cell><text:p>社区</text:p></table:table-cell>\
        <table:table-cell><text:p>Community</text:p></table:table-cell></table:table-row></table:table>";
    let meta = "<dc:title>政策</dc:title><meta:initial-creator>李四</meta:initial-creator>\
        <meta:creation-date>2019-03-01T10:00:00</meta:creation-date>";
    corpus.write("b.odt", &odt(text, meta));
    // Without properties the title is the first line.
    corpus.write(
        "c.docx",
        &docx("<w:p><w:r><w:t>First line</w:t></w:r></w:p>", None),
    );

    for mode in [ParagraphBreak::Line, ParagraphBreak::BlankLine] {
        let docs = read_one(&corpus.input().join("a.docx"), mode);
        let expected = [
            "基层治理研究",
            "坚持党的群众路线,密切联系群众。",
            "Grassroots governance needs participation.",
            "村委会",
            "Village committee",
        ];
        assert_eq!(docs[0].3, expected, "{mode:?}");
        let docs = read_one(&corpus.input().join("b.odt"), mode);
        assert_eq!(
            docs[0].3,
            [
                "政策文件分析",
                "Policy documents matter.",
                "社区",
                "Community"
            ],
            "{mode:?}"
        );
    }

    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(column(&docs, "status"), ["ok", "ok", "ok"]);
    assert_eq!(column(&docs, "encoding"), ["docx", "odt", "docx"]);
    assert_eq!(
        column(&docs, "title"),
        ["基层治理报告", "政策", "First line"]
    );
    assert_eq!(column(&docs, "authors"), ["张三", "李四", ""]);
    assert_eq!(
        column(&docs, "created"),
        ["2021-06-30T08:00:00Z", "2019-03-01T10:00:00", ""]
    );
    assert_eq!(column(&docs, "keywords"), ["基层治理; 群众路线", "", ""]);
}

#[test]
fn a_folder_with_a_pdf_and_a_docx_gives_their_terms() {
    let corpus = Corpus::new(&[]);
    corpus.write("report.pdf", &fixture("english.pdf"));
    corpus.write("thesis.pdf", &fixture("chinese-cid.pdf"));
    let body = "<w:p><w:r><w:t>Grassroots governance needs participation.</w:t></w:r></w:p>\
        <w:p><w:r><w:t>社区治理需要群众参与。</w:t></w:r></w:p>";
    corpus.write("paper.docx", &docx(body, None));
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    let tails = file_names(&docs);
    assert_eq!(tails, ["paper.docx", "report.pdf", "thesis.pdf"]);
    assert_eq!(column(&docs, "encoding"), ["docx", "pdf", "pdf"]);
    assert_eq!(column(&docs, "status"), ["ok", "ok", "ok"]);
    // The document information of report.pdf; thesis.pdf has ReportLab's placeholders.
    assert_eq!(column(&docs, "authors"), ["", "A. Writer; 李四", ""]);
    assert_eq!(column(&docs, "keywords"), ["", "corpus; PDF", ""]);
    assert_eq!(
        column(&docs, "created"),
        ["", "2000-01-01T00:00:00", "2000-01-01T00:00:00"]
    );
    let terms = column(&corpus.table("terms"), "term");
    for t in [
        "participation",
        "社区治理",
        "linguistics",
        "papers",
        "群众路线",
        "生命线",
        "语料库",
    ] {
        assert!(terms.contains(&t.to_string()), "{t} missing from {terms:?}");
    }
}
