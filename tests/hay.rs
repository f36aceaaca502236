//! Fixed corpora.

/// Three documents whose tokens are, after stopwords and stemming:
/// 1: apple banana apple — 2: banana cherry — 3: cherry cherry durian apple.
pub const FRUIT: &[(&str, &str)] = &[
    ("a.txt", "The apple and a banana. An apple!\n"),
    ("b.txt", "Banana, then cherry.\n"),
    ("c.txt", "Cherry? Cherry, durian and apple.\n"),
];

/// One surface form outnumbers the other among words sharing the stem `mass`.
pub const MASSES: &str = "The masses and the mass of masses.\n";

/// Two obvious topics, one paragraph per line, alternating.
pub const PETS_AND_MARKETS: &str = "\
Cats purr and kittens chase mice while the cat naps.
Stock markets fell as investors sold shares and bonds.
The kitten and the cat play, purring cats love mice.
Investors bought bonds when stock markets and shares rose.
Cats and kittens sleep; a cat purrs at mice.
Shares and bonds: investors watch stock markets daily.
";

/// Three documents of 5, 3 and 1 distinct terms, each term in one document only (so TF-IDF
/// ranks a document's terms by count): 1: kiwi 3, apple 2, then durian, cherry, banana once
/// each, in that order — 2: grape 2, then mango, lemon once each — 3: olive.
pub const STRENGTHS: &[(&str, &str)] = &[
    (
        "a.txt",
        "kiwi. kiwi. kiwi. apple. apple. durian. cherry. banana.\n",
    ),
    ("b.txt", "grape. grape. mango. lemon.\n"),
    ("c.txt", "olive.\n"),
];

/// Two documents whose first terms tie on TF-IDF and count: cherry is met before banana.
pub const TIE: &[(&str, &str)] = &[
    ("a.txt", "Cherry, banana.\n"),
    ("b.txt", "Banana, cherry and cherry.\n"),
];
