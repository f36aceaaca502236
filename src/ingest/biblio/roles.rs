//! The roles of a bibliographic export's tags: which tag of each format holds the title, the
//! authors, the year, the source, the keywords, the abstract and the type, and the readable
//! names of the others (`doi`, `issue`, `volume` …).

use super::Format;

/// What a tag holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Title,
    Authors,
    Year,
    Source,
    Keywords,
    Abstract,
    Type,
    /// Another field, under this name.
    Other(&'static str),
    /// Another field whose lines are items joined with `; ` (WoS `AF`, `CR`, `C1` …).
    OtherList(&'static str),
}

/// What `tag` holds in `format`.
pub(super) fn role(format: Format, tag: &str) -> Role {
    match format {
        Format::Ris => ris_role(tag),
        Format::RefWorks => refworks_role(tag),
        Format::EndNote => endnote_role(tag),
        Format::NoteExpress => noteexpress_role(tag),
        Format::WebOfScience => wos_role(tag),
    }
}

/// What a RIS tag holds.
fn ris_role(tag: &str) -> Role {
    use Role::*;
    match tag {
        "TY" => Type,
        "TI" | "T1" => Title,
        "AU" | "A1" => Authors,
        "PY" | "Y1" => Year,
        "T2" | "JO" | "JF" | "JA" | "BT" => Source,
        "KW" => Keywords,
        "AB" | "N2" => Abstract,
        "A2" | "ED" => OtherList("editors"),
        "DA" => Other("date"),
        "VL" => Other("volume"),
        "IS" => Other("issue"),
        "SP" => Other("start_page"),
        "EP" => Other("end_page"),
        "SN" => Other("issn"),
        "DO" => Other("doi"),
        "UR" => Other("url"),
        "PB" => Other("publisher"),
        "CY" => Other("place"),
        "LA" => Other("language"),
        "AD" => Other("address"),
        "N1" => Other("notes"),
        "DB" => Other("database"),
        "AN" => Other("accession_number"),
        "M3" => Other("medium"),
        _ => Other(""),
    }
}

/// What a RefWorks tag holds.
fn refworks_role(tag: &str) -> Role {
    use Role::*;
    match tag {
        "RT" => Type,
        "T1" => Title,
        "A1" => Authors,
        "YR" => Year,
        "JF" | "JO" | "T2" => Source,
        "K1" => Keywords,
        "AB" => Abstract,
        "SR" => Other("source_type"),
        "AD" => Other("address"),
        "FD" => Other("date"),
        "VO" => Other("volume"),
        "IS" => Other("issue"),
        "SP" => Other("start_page"),
        "OP" => Other("pages"),
        "SN" => Other("issn"),
        "CN" => Other("call_number"),
        "PB" => Other("publisher"),
        "PP" => Other("place"),
        "LA" => Other("language"),
        "DS" => Other("data_source"),
        "LK" => Other("link"),
        "UL" => Other("url"),
        "DO" => Other("doi"),
        "CL" => Other("classification"),
        "NO" => Other("notes"),
        "A2" => OtherList("secondary_authors"),
        "ED" => Other("edition"),
        _ => Other(""),
    }
}

/// What a EndNote tag holds.
fn endnote_role(tag: &str) -> Role {
    use Role::*;
    match tag {
        "0" => Type,
        "T" => Title,
        "A" => Authors,
        "D" => Year,
        "J" | "B" => Source,
        "K" => Keywords,
        "X" => Abstract,
        "+" => Other("address"),
        "E" => OtherList("editors"),
        "I" => Other("publisher"),
        "C" => Other("place"),
        "V" => Other("volume"),
        "N" => Other("issue"),
        "P" => Other("pages"),
        "@" => Other("issn"),
        "L" => Other("call_number"),
        "U" => Other("url"),
        "R" => Other("doi"),
        "W" => Other("database"),
        "8" => Other("date"),
        "9" => Other("work_type"),
        "G" => Other("language"),
        "Z" => Other("notes"),
        _ => Other(""),
    }
}

/// What a NoteExpress tag holds.
fn noteexpress_role(tag: &str) -> Role {
    use Role::*;
    match tag {
        "Reference Type" => Type,
        "Title" => Title,
        "Author" => Authors,
        "Year" => Year,
        "Journal" | "Secondary Title" => Source,
        "Keywords" => Keywords,
        "Abstract" => Abstract,
        "Author Address" => Other("address"),
        "Issue" => Other("issue"),
        "Volume" => Other("volume"),
        "Pages" => Other("pages"),
        "ISBN/ISSN" => Other("issn"),
        "Notes" => Other("notes"),
        "URL" => Other("url"),
        "DOI" => Other("doi"),
        "Database Provider" => Other("database"),
        "Language" => Other("language"),
        "Publisher" => Other("publisher"),
        "Place Published" => Other("place"),
        _ => Other(""),
    }
}

/// What a Web of Science tag holds.
fn wos_role(tag: &str) -> Role {
    use Role::*;
    match tag {
        "DT" => Type,
        "TI" => Title,
        "AU" => Authors,
        "PY" => Year,
        "SO" => Source,
        "DE" => Keywords,
        "AB" => Abstract,
        "PT" => Other("publication_type"),
        "AF" => OtherList("author_full_names"),
        "ID" => Other("keywords_plus"),
        "C1" => OtherList("addresses"),
        "RP" => Other("reprint_address"),
        "EM" => Other("email"),
        "CR" => OtherList("cited_references"),
        "NR" => Other("cited_reference_count"),
        "TC" => Other("times_cited"),
        "Z9" => Other("total_times_cited"),
        "LA" => Other("language"),
        "PU" => Other("publisher"),
        "SN" => Other("issn"),
        "EI" => Other("eissn"),
        "J9" => Other("source_abbreviation"),
        "JI" => Other("iso_source_abbreviation"),
        "PD" => Other("publication_date"),
        "VL" => Other("volume"),
        "IS" => Other("issue"),
        "BP" => Other("start_page"),
        "EP" => Other("end_page"),
        "DI" => Other("doi"),
        "WC" => Other("wos_categories"),
        "SC" => Other("research_areas"),
        "UT" => Other("accession_number"),
        "OA" => Other("open_access"),
        "DA" => Other("export_date"),
        _ => Other(""),
    }
}
