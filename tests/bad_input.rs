//! Bad input: skipped documents stay in the documents table, other results are unchanged,
//! configuration and path errors name what is wrong and stop before any work.

use corpuscope::Error;
use corpuscope::pipeline;
use corpuscope::progress::Silent;

use crate::hay::FRUIT;
use crate::util::{Corpus, TABLES, column, leftovers_beside_output, read_parquet, row};

#[test]
fn unusable_files_are_skipped_rows_and_nothing_else_changes() {
    let clean = Corpus::new(FRUIT);
    clean.run(clean.settings());

    let corpus = Corpus::new(FRUIT);
    corpus.write("d_binary.txt", b"PNG\x00\x01\x02 binary");
    corpus.write("f_empty.txt", b"");
    corpus.write("g_blank.md", b"  \n\t\n");
    corpus.write("ignored.doc", b"not read: extension not configured");
    corpus.run(corpus.settings());

    let docs = corpus.table("documents");
    assert_eq!(docs.len() - 1, 6);
    let status = column(&docs, "status");
    assert_eq!(status, ["ok", "ok", "ok", "skipped", "skipped", "skipped"]);
    let reasons = column(&docs, "skip_reason");
    assert_eq!(reasons[3], "binary file (contains NUL bytes)");
    assert_eq!(reasons[4], "empty file");
    assert_eq!(reasons[5], "empty file");
    let skipped = row(&docs, "doc_id", "4");
    assert!(skipped.contains(&("tokens", "0")) && skipped.contains(&("bytes", "13")));

    // The analysed documents' results are those of the clean corpus (n counts analysed ones).
    for table in ["terms", "doc_terms", "keywords"] {
        assert_eq!(corpus.table(table), clean.table(table), "{table} changed");
    }
}

#[test]
fn scanned_encrypted_and_damaged_documents_are_skipped_rows_naming_the_problem() {
    use crate::ingest::{docx, fixture, odt, package};
    let clean = Corpus::new(FRUIT);
    clean.run(clean.settings());

    let corpus = Corpus::new(FRUIT);
    corpus.write("p_scanned.pdf", &fixture("scanned.pdf"));
    corpus.write("q_encrypted.pdf", &fixture("encrypted.pdf"));
    let english = fixture("english.pdf");
    corpus.write("r_truncated.pdf", &english[..english.len() / 2]);
    corpus.write("s_text.pdf", b"plain text named .pdf");
    let whole = docx("<w:p><w:r><w:t>cut short</w:t></w:r></w:p>", None);
    corpus.write("t_truncated.docx", &whole[..whole.len() - 40]);
    corpus.write(
        "u_no_body.docx",
        &package(&[("[Content_Types].xml", "<Types/>")]),
    );
    let unclosed = format!(
        "<w:document xmlns:w=\"{}\"><w:body><w:p></w:body></w:document>",
        crate::ingest::W_NS
    );
    corpus.write(
        "v_bad_xml.docx",
        &package(&[("word/document.xml", unclosed.as_str())]),
    );
    corpus.write("w_empty.odt", &odt("<text:p> </text:p>", ""));
    corpus.write(
        "x_ole.docx",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 password-protected",
    );
    corpus.run(corpus.settings());

    let docs = corpus.table("documents");
    let status = column(&docs, "status");
    assert_eq!(status[..3], ["ok"; 3]);
    assert_eq!(status[3..], ["skipped"; 9]);
    let reasons = column(&docs, "skip_reason");
    assert_eq!(reasons[3], "PDF has no text layer (scanned?)");
    assert_eq!(reasons[4], "PDF is encrypted (password-protected)");
    for i in [5, 6] {
        assert!(
            reasons[i].starts_with("cannot read PDF: ") && reasons[i].len() > 20,
            "{}",
            reasons[i]
        );
    }
    assert!(
        reasons[7].starts_with("cannot read DOCX: not a zip package or damaged ("),
        "{}",
        reasons[7]
    );
    assert_eq!(
        reasons[8],
        "cannot read DOCX: no word/document.xml in the package"
    );
    assert!(
        reasons[9].starts_with("cannot read DOCX: word/document.xml is not well-formed XML ("),
        "{}",
        reasons[9]
    );
    assert_eq!(reasons[10], "no text in the ODT file");
    assert_eq!(
        reasons[11],
        "cannot read DOCX: the file is password-protected or in an old binary format (not a zip \
         package)"
    );
    // What was read: the format where the file's text was read, nothing where it was not.
    assert_eq!(
        column(&docs, "encoding")[3..],
        ["", "", "", "", "", "", "", "odt", ""]
    );
    let sizes = column(&docs, "bytes");
    assert_eq!(sizes[5], (english.len() / 2).to_string());

    // The analysed documents' results are those of the clean corpus.
    for table in ["terms", "doc_terms", "keywords"] {
        assert_eq!(corpus.table(table), clean.table(table), "{table} changed");
    }
}

#[test]
fn boilerplate_only_file_is_skipped_with_its_reason() {
    let corpus = Corpus::new(&[
        ("a.txt", "Font Size: a A A\nRelated items\n"),
        ("b.txt", "text here"),
    ]);
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(
        column(&docs, "skip_reason")[0],
        "no text left after removing boilerplate and metadata lines"
    );
}

#[test]
fn missing_input_path_is_an_error_naming_it() {
    let corpus = Corpus::new(FRUIT);
    let mut s = corpus.settings();
    s.input.paths.push(corpus.dir.path().join("nowhere"));
    let err = pipeline::run(&s.validate().unwrap(), &Silent).unwrap_err();
    assert!(matches!(err, Error::Input { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("nowhere") && msg.contains("does not exist"),
        "{msg}"
    );
    assert!(!corpus.output().exists());
}

#[test]
fn output_folder_whose_parent_is_missing_is_an_error_naming_it() {
    let corpus = Corpus::new(FRUIT);
    let mut s = corpus.settings();
    s.output.dir = corpus.dir.path().join("no/such/out");
    let err = pipeline::run(&s.validate().unwrap(), &Silent).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("no/such/out") && msg.contains("parent"),
        "{msg}"
    );
}

#[test]
fn failed_run_leaves_previous_output_intact() {
    let corpus = Corpus::new(FRUIT);
    corpus.run(corpus.settings());
    let before = std::fs::read(corpus.output().join("terms.csv")).unwrap();
    let mut s = corpus.settings();
    s.input.paths = vec![corpus.dir.path().join("gone")];
    assert!(pipeline::run(&s.validate().unwrap(), &Silent).is_err());
    assert_eq!(
        std::fs::read(corpus.output().join("terms.csv")).unwrap(),
        before
    );
    // No temporary folder or lock is left beside the output.
    let leftovers = leftovers_beside_output(&corpus);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn files_in_nested_folders_are_read_in_path_order() {
    let corpus = Corpus::new(&[
        ("z/b.txt", "beta"),
        ("a.md", "alpha"),
        ("z/a/c.TXT", "gamma"),
    ]);
    corpus.run(corpus.settings());
    let paths = column(&corpus.table("documents"), "path");
    let tails: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit("in/").next().unwrap())
        .collect();
    assert_eq!(tails, ["a.md", "z/a/c.TXT", "z/b.txt"]);
}

/// The rows of a table without the named columns (those that differ between two corpora for a
/// known reason: the temporary folder in `path`, the file's `encoding` and size in `bytes`).
fn without(rows: &[Vec<String>], columns: &[&str]) -> Vec<Vec<String>> {
    let keep: Vec<bool> = rows[0]
        .iter()
        .map(|c| !columns.contains(&c.as_str()))
        .collect();
    rows.iter()
        .map(|r| {
            r.iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(v, _)| v.clone())
                .collect()
        })
        .collect()
}

/// Every table but `documents` identical, and `documents` identical but for `columns`.
fn assert_same_results(corpus: &Corpus, other: &Corpus, columns: &[&str]) {
    let docs = |c: &Corpus| without(&c.table("documents"), columns);
    assert_eq!(docs(corpus), docs(other), "documents differ");
    for table in &TABLES[1..] {
        assert_eq!(corpus.table(table), other.table(table), "{table} differs");
    }
}

#[cfg(unix)]
#[test]
fn vanished_looping_special_corrupt_oversized_and_rowless_files_are_skipped_rows() {
    use std::os::unix::fs::symlink;

    let settings = |c: &Corpus| {
        let mut s = c.settings();
        s.input.max_file_bytes = 1000;
        s
    };
    let clean = Corpus::new(FRUIT);
    clean.run(settings(&clean));

    let corpus = Corpus::new(FRUIT);
    let input = corpus.input();
    // Unicode spaces only (ideographic and no-break spaces): nothing to read.
    corpus.write("m_blank.txt", "\u{3000}\u{3000}\n \u{a0}\t\n".as_bytes());
    // A file listed and then gone: a symbolic link to nothing is listed and cannot be read,
    // exactly as a file deleted between the listing and the reading.
    symlink(input.join("no-such-file.txt"), input.join("n_gone.txt")).unwrap();
    symlink(
        input.join("no-such-file.parquet"),
        input.join("n_gone.parquet"),
    )
    .unwrap();
    // A link to itself, and folder links leading back up: each real folder is searched once.
    symlink(input.join("o_loop.txt"), input.join("o_loop.txt")).unwrap();
    std::fs::create_dir(input.join("p_dir")).unwrap();
    symlink("..", input.join("p_dir/up")).unwrap();
    symlink(".", input.join("p_dir/here")).unwrap();
    // A named pipe would block a reader forever.
    let fifo = std::process::Command::new("mkfifo")
        .arg(input.join("q_pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    corpus.write("r_corrupt.parquet", b"PAR1 this is not a Parquet file PAR1");
    corpus.write("s_large.txt", &b"apple ".repeat(200));
    corpus.write("t_header.csv", b"text,year\n");
    corpus.run(settings(&corpus));

    let docs = corpus.table("documents");
    let tails: Vec<String> = column(&docs, "path")
        .iter()
        .map(|p| p.rsplit("in/").next().unwrap().to_string())
        .collect();
    assert_eq!(
        tails,
        [
            "a.txt",
            "b.txt",
            "c.txt",
            "m_blank.txt",
            "n_gone.parquet",
            "n_gone.txt",
            "o_loop.txt",
            "q_pipe.txt",
            "r_corrupt.parquet",
            "s_large.txt",
            "t_header.csv",
        ]
    );
    let reasons = column(&docs, "skip_reason");
    let gone = "cannot read file: it no longer exists (deleted after its folder was listed, \
                or a broken symbolic link)";
    assert_eq!(reasons[3], "empty file");
    // Found by fuzzing: a skipped document kept its leftover line ends as text.
    assert_eq!(column(&docs, "chars")[3], "0");
    assert_eq!(reasons[4], gone);
    assert_eq!(reasons[5], gone);
    assert!(
        reasons[6].starts_with("cannot read file: ") && reasons[6].contains("symbolic links"),
        "{}",
        reasons[6]
    );
    assert_eq!(reasons[7], "not a regular file (a device, pipe or socket)");
    assert!(
        reasons[8].starts_with("cannot read Parquet: "),
        "{}",
        reasons[8]
    );
    assert_eq!(
        reasons[9],
        "file larger than 1000 bytes (input.max_file_bytes); not read"
    );
    assert_eq!(column(&docs, "bytes")[9], "1200");
    assert_eq!(reasons[10], "no rows");
    assert_eq!(column(&docs, "status")[3..], ["skipped"; 8]);

    // The analysed documents and every statistic are those of the clean corpus.
    let mut docs = without(&docs, &["path"]);
    docs.truncate(4);
    let clean_docs = without(&clean.table("documents"), &["path"]);
    assert_eq!(docs, clean_docs);
    for table in ["units", "terms", "doc_terms", "keywords", "cooccurrence"] {
        assert_eq!(corpus.table(table), clean.table(table), "{table} changed");
    }
}

#[test]
fn other_encodings_are_read_as_their_utf8_twins() {
    let text =
        "坚持党的群众路线，一心一意联系群众。㐀字和𠮷字不在GBK里。\nCadres serve the masses.\n";
    let utf16 = |le: bool, bom: bool| -> Vec<u8> {
        let mut bytes: Vec<u8> = match (le, bom) {
            (true, true) => vec![0xFF, 0xFE],
            (false, true) => vec![0xFE, 0xFF],
            _ => Vec::new(),
        };
        for unit in text.encode_utf16() {
            bytes.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    };
    let (gb18030, _, _) = encoding_rs::GB18030.encode(text);
    let cases: [(&str, Vec<u8>); 5] = [
        ("gb18030", gb18030.into_owned()),
        ("utf-16le", utf16(true, false)),
        ("utf-16be", utf16(false, false)),
        ("utf-16le-bom", utf16(true, true)),
        ("utf-16be-bom", utf16(false, true)),
    ];
    // Each encoded file beside the fruit, against the same number of UTF-8 copies (duplicates
    // kept, so that every copy is analysed).
    let corpus = Corpus::new(FRUIT);
    let twins = Corpus::new(FRUIT);
    for (i, (_, bytes)) in cases.iter().enumerate() {
        corpus.write(&format!("z{i}.txt"), bytes);
        twins.write(&format!("z{i}.txt"), text.as_bytes());
    }
    for c in [&corpus, &twins] {
        let mut s = c.settings();
        s.input.skip_duplicates = false;
        c.run(s);
    }
    let docs = corpus.table("documents");
    let encodings = column(&docs, "encoding");
    let bytes = column(&docs, "bytes");
    for (i, (encoding, encoded)) in cases.iter().enumerate() {
        assert_eq!(encodings[3 + i], *encoding);
        assert_eq!(bytes[3 + i], encoded.len().to_string());
    }
    assert_eq!(column(&docs, "decode_errors")[3..], ["0"; 5]);
    assert_same_results(&corpus, &twins, &["path", "encoding", "bytes"]);
}

#[test]
fn a_one_mebibyte_single_line_is_one_paragraph_read_whole() {
    // 50 MB single-line files are measured in README.md ("Bad input"); 1 MiB keeps the debug
    // test quick and still goes through every stage with one paragraph and one sentence.
    let phrase = "坚持党的群众路线 cadres serve the masses, ";
    let times = (1 << 20) / phrase.len();
    let line = phrase.repeat(times);
    let clean = Corpus::new(FRUIT);
    clean.run(clean.settings());
    let corpus = Corpus::new(FRUIT);
    corpus.write("z_line.txt", line.as_bytes());
    corpus.run(corpus.settings());

    let docs = corpus.table("documents");
    let long = row(&docs, "doc_id", "4");
    let bytes = line.len().to_string();
    let tokens = (4 * times).to_string();
    assert!(long.contains(&("status", "ok")) && long.contains(&("bytes", bytes.as_str())));
    assert!(long.contains(&("tokens", tokens.as_str())), "{long:?}");
    assert!(long.contains(&("unique_terms", "4")), "{long:?}");
    let title = &column(&docs, "title")[3];
    assert_eq!(title.chars().count(), 200);
    let units = corpus.table("units");
    let kinds: Vec<String> = rows_of(&units, "4", "kind");
    assert_eq!(kinds, ["document", "paragraph", "sentence"]);
    // The other documents are read as before; their counts are the same.
    let mut docs = without(&docs, &["path"]);
    docs.truncate(4);
    assert_eq!(docs, without(&clean.table("documents"), &["path"]));
    let counts = |c: &Corpus| {
        let rows = without(&c.table("doc_terms"), &["tf", "tfidf"]);
        rows.into_iter().filter(|r| r[0] != "4").collect::<Vec<_>>()
    };
    assert_eq!(counts(&corpus), counts(&clean));
}

#[test]
fn a_file_two_hundred_folders_deep_is_read_like_one_at_the_top() {
    let top = Corpus::new(FRUIT);
    top.write("z.txt", b"Durian and cherry, then banana.\n");
    top.run(top.settings());

    let deep = Corpus::new(FRUIT);
    deep.write(
        &format!("{}z.txt", "z/".repeat(200)),
        b"Durian and cherry, then banana.\n",
    );
    deep.run(deep.settings());
    let path = &column(&deep.table("documents"), "path")[3];
    assert_eq!(path.matches("/z").count(), 201, "{path}");
    assert_same_results(&deep, &top, &["path"]);
}

#[test]
fn ten_thousand_tiny_files_are_each_a_row() {
    // Words of consonants only, which the stemmer leaves whole: one distinct word per file.
    const LETTERS: &[u8] = b"bcfghjkmnpqrtvwx";
    let word = |mut i: usize| {
        let mut w = String::from("z");
        for _ in 0..4 {
            w.push(LETTERS[i % 16] as char);
            i /= 16;
        }
        w
    };
    let corpus = Corpus::new(&[]);
    for i in 0..10_000 {
        corpus.write(
            &format!("{:02}/{i:05}.txt", i / 1000),
            format!("apple {}\n", word(i)).as_bytes(),
        );
    }
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(docs.len() - 1, 10_000);
    assert!(column(&docs, "status").iter().all(|s| s == "ok"));
    assert_eq!(column(&docs, "doc_id")[9_999], "10000");
    assert!(column(&docs, "path")[9_999].ends_with("in/09/09999.txt"));
    assert_eq!(
        column(&docs, "title")[9_999],
        format!("apple {}", word(9_999))
    );
    let terms = corpus.table("terms");
    assert_eq!(terms.len() - 1, 10_001);
    let apple = row(&terms, "term", "apple");
    assert!(apple.contains(&("count", "10000")) && apple.contains(&("doc_freq", "10000")));
    assert_eq!(corpus.table("doc_terms").len() - 1, 20_000);
    // Per-document tables are built and written in parts of 4096 documents: laid end to end,
    // in document order, the same rows in CSV and Parquet. Each document is one unit row, one
    // paragraph and one sentence.
    let units = corpus.table("units");
    assert_eq!(units.len() - 1, 30_000);
    let unit_docs = column(&units, "doc_id");
    let expected: Vec<String> = (1..=10_000u32)
        .flat_map(|d| std::iter::repeat_n(d.to_string(), 3))
        .collect();
    assert_eq!(unit_docs, expected);
    for table in ["units", "doc_terms"] {
        let parquet = read_parquet(&corpus.output().join(format!("{table}.parquet")));
        let ids: Vec<String> = parquet
            .column("doc_id")
            .expect("doc_id column")
            .as_materialized_series()
            .iter()
            .map(|v| v.to_string())
            .collect();
        assert_eq!(ids, column(&corpus.table(table), "doc_id"), "{table}");
    }
}

#[test]
fn a_vocabulary_past_its_cap_stops_the_run_naming_the_key() {
    let corpus = Corpus::new(FRUIT);
    let mut s = corpus.settings();
    s.tokenize.max_vocabulary = 3;
    let err = pipeline::run(&s.validate().unwrap(), &Silent).unwrap_err();
    assert!(matches!(err, Error::Limit { .. }));
    assert_eq!(
        err.to_string(),
        "the corpus has more than 3 distinct terms (found 4 in its first 3 documents); raise the \
         limit if memory allows, or leave out the inputs that are not text (limit set by \
         `tokenize.max_vocabulary`)"
    );
    assert!(!corpus.output().exists());
    let mut s = corpus.settings();
    s.tokenize.max_vocabulary = 4;
    corpus.run(s);
    assert_eq!(corpus.table("terms").len() - 1, 4);
}

/// The values of `column` in the rows of document `doc_id`.
fn rows_of(rows: &[Vec<String>], doc_id: &str, name: &str) -> Vec<String> {
    let ids = column(rows, "doc_id");
    column(rows, name)
        .into_iter()
        .zip(ids)
        .filter(|(_, id)| id == doc_id)
        .map(|(v, _)| v)
        .collect()
}

/// A Parquet file of two rows (`id` 7 and 8, and their `text`).
fn two_row_parquet() -> Vec<u8> {
    use polars::prelude::*;

    let mut df = DataFrame::new_infer_height(vec![
        Column::new("id".into(), [7i64, 8]),
        Column::new("text".into(), ["Cadres visit villages.", "群众路线"]),
    ])
    .unwrap();
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut df).unwrap();
    bytes
}

#[test]
fn a_parquet_file_that_makes_the_reader_panic_is_a_skipped_row() {
    let mut bytes = two_row_parquet();
    // One byte changed where polars-parquet 0.55 panics instead of returning an error (found
    // by corrupting files byte by byte).
    bytes[45] = 0;
    let clean = Corpus::new(FRUIT);
    clean.run(clean.settings());
    let corpus = Corpus::new(FRUIT);
    corpus.write("z.parquet", &bytes);
    corpus.run(corpus.settings());
    let docs = corpus.table("documents");
    assert_eq!(
        column(&docs, "skip_reason")[3],
        "cannot read Parquet: the file is damaged"
    );
    for table in &TABLES[1..] {
        assert_eq!(corpus.table(table), clean.table(table), "{table} changed");
    }
}

#[test]
fn a_pdf_that_makes_the_reader_panic_is_a_skipped_row_and_nothing_is_printed() {
    // pdf-extract panics on a predefined CMap it does not know (GB/T 12345, not handled by
    // ingest::pdf::cmaps): the name swapped in place, so that the file's offsets still hold.
    let bytes = crate::ingest::fixture("chinese-gbk.pdf");
    let at = bytes
        .windows(10)
        .position(|w| w == b"/GBK-EUC-H")
        .expect("the CMap's name");
    let mut unknown = bytes.clone();
    unknown[at..at + 10].copy_from_slice(b"/GBT-EUC-H");
    let corpus = Corpus::new(FRUIT);
    corpus.write("z.pdf", &unknown);
    let output = corpus.run_binary("");
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = corpus.table("documents");
    assert_eq!(
        column(&docs, "skip_reason")[3],
        "cannot read PDF: the PDF reader failed (unsupported encoding GBT-EUC-H)"
    );
    assert_eq!(column(&docs, "status"), ["ok", "ok", "ok", "skipped"]);
}

#[test]
fn a_parquet_guard_is_asked_before_the_file_is_read_in_this_process() {
    use corpuscope::ingest::read_file;
    use corpuscope::ingest::tabular::ParquetGuard;
    use corpuscope::pipeline::RunOptions;
    use std::sync::{Arc, Mutex};

    let bytes = two_row_parquet();
    let corpus = Corpus::new(&[]);
    corpus.write("k.parquet", &bytes);
    let path = corpus.input().join("k.parquet");

    // The library's default: no guard, the file is read in this process.
    let config = corpus.settings().validate().unwrap();
    assert!(RunOptions::default().parquet_guard.is_none());
    let docs = read_file(&path, &config, None);
    assert_eq!(docs.len(), 2);
    assert!(docs.iter().all(|d| d.is_ok()));

    // A guard is asked with the file and the text column; its refusal is the skip reason.
    let asked = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&asked);
    let guard = ParquetGuard::new(move |path, column| {
        seen.lock()
            .unwrap()
            .push((path.to_path_buf(), column.to_string()));
        Err("the Parquet file is damaged: refused by the test's guard".to_string())
    });
    let docs = read_file(&path, &config, Some(&guard));
    assert_eq!(docs.len(), 1);
    assert_eq!(
        docs[0].status.reason(),
        "the Parquet file is damaged: refused by the test's guard"
    );
    assert_eq!(docs[0].bytes, bytes.len() as u64);
    assert_eq!(*asked.lock().unwrap(), [(path.clone(), "text".to_string())]);

    // A guard that lets the file through: read here as without one.
    let guard = ParquetGuard::new(|_, _| Ok(()));
    assert_eq!(read_file(&path, &config, Some(&guard)).len(), 2);
}

#[test]
fn a_folder_with_nothing_to_read_is_an_error_naming_it_and_the_extensions() {
    let corpus = Corpus::new(&[]);
    let out = corpus.run_binary("");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&corpus.input().display().to_string()), "{err}");
    assert!(err.contains(".txt, .md"), "{err}");
    assert!(
        err.contains("no file with another extension either"),
        "{err}"
    );
    assert!(!corpus.output().join("terms.csv").exists());

    let corpus = Corpus::new(&[("a.pages", "x"), ("b/c.pages", "y"), ("d.key", "z")]);
    let out = corpus.run_binary("");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("3 files with other extensions were passed over: .pages (2), .key (1)"),
        "{err}"
    );
}

#[test]
fn files_passed_over_for_their_extension_are_counted_in_the_summary_and_run_json() {
    let corpus = Corpus::new(&[
        ("a.txt", "Cadres visit villages and listen to the masses."),
        ("b.pages", "x"),
        ("notes", "no extension"),
    ]);
    let stdout = corpus.run_binary_stdout("");
    assert!(
        stdout.contains("passed over 2 files for their extension: no extension (1), .pages (1)"),
        "{stdout}"
    );
    let run = corpus.run_json();
    assert_eq!(run["counts"]["passed_over"]["pages"], 1);
    assert_eq!(run["counts"]["passed_over"][""], 1);
}

#[test]
fn replaced_bytes_are_counted_in_the_summary() {
    let mut text = "The mass line is a working method. 群众路线"
        .as_bytes()
        .to_vec();
    text.push(0x92);
    text.extend_from_slice(" and cadres.".as_bytes());
    let corpus = Corpus::new(&[]);
    corpus.write("a.txt", &text);
    let stdout = corpus.run_binary_stdout("");
    assert!(
        stdout.contains("1 bytes in 1 documents were not valid in their encoding"),
        "{stdout}"
    );
    assert_eq!(corpus.run_json()["counts"]["decode_errors"], 1);
    let documents = corpus.table("documents");
    assert_eq!(column(&documents, "encoding"), ["utf-8"]);
}
