//! Phrases: collocations merged into single terms, so that `mass line`, `party members` and
//! `grass-roots government` are terms of their own.
//!
//! Detection follows gensim's `Phrases` with `scoring="npmi"`: for two words `a b` of one
//! language that follow each other in a sentence with only whitespace between them,
//! `npmi = ln(p(ab) / (p(a) · p(b))) / −ln p(ab)`, where `p(x) = count(x) / N` over the `N`
//! tokens of the corpus (stopwords already removed; a removed word between two words breaks the
//! pair). Pairs seen at least `phrases.min_count` times scoring above `phrases.threshold` are
//! phrases. Shipped phrases (`config/phrases.txt`) and user phrases (`phrases.user`,
//! `phrases.user_files`) are tokenized as text is and always merged, longest first. Merging replaces each occurrence by one token of the phrase's
//! term, whose key joins the words' keys (with a space in English, nothing in Chinese).

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::config::Config;
use crate::tokenize::{DocTokens, Lang, Tokenizer};

/// Values numbered from 0 in order of first appearance.
#[derive(Debug, Clone)]
pub struct Interner<K> {
    pub values: Vec<K>,
    ids: HashMap<K, u32>,
}

impl<K> Default for Interner<K> {
    fn default() -> Self {
        Interner {
            values: Vec::new(),
            ids: HashMap::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone> Interner<K> {
    /// The id of `value`, numbering it if it is new.
    pub fn id(&mut self, value: K) -> u32 {
        let next = self.values.len() as u32;
        *self.ids.entry(value).or_insert_with_key(|v| {
            self.values.push(v.clone());
            next
        })
    }

    /// The id of `value` if it has one.
    pub fn get(&self, value: &K) -> Option<u32> {
        self.ids.get(value).copied()
    }
}

/// The interned corpus the phrases are merged into: terms as (language, key), surface forms,
/// and each document's token stream of their ids.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub terms: Interner<(Lang, String)>,
    pub forms: Interner<String>,
    pub streams: Vec<DocTokens>,
}

/// Where a phrase comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Detected,
    /// The shipped list, `config/phrases.txt`.
    Builtin,
    User,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Detected => "detected",
            Source::Builtin => "builtin",
            Source::User => "user",
        }
    }
}

/// A phrase and what merging it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// As the user wrote it; for a detected phrase, its words' keys.
    pub text: String,
    pub lang: Lang,
    pub words: usize,
    /// The merged term, when the phrase occurs.
    pub term: Option<u32>,
    /// Occurrences merged.
    pub count: u64,
    /// NPMI of a detected phrase.
    pub score: Option<f64>,
    pub source: Source,
}

type Counts = (HashMap<u32, u64>, HashMap<(u32, u32), u64>);

/// Adds the counts of `from` to `to`.
fn add_counts<K: std::hash::Hash + Eq>(to: &mut HashMap<K, u64>, from: HashMap<K, u64>) {
    if to.len() < from.len() {
        let small = std::mem::replace(to, from);
        add_counts(to, small);
        return;
    }
    for (k, c) in from {
        *to.entry(k).or_insert(0) += c;
    }
}

struct Candidate {
    seq: Vec<u32>,
    lang: Lang,
    phrase: usize,
}

/// Finds the phrases of the corpus (user and detected) and merges them into single tokens.
pub fn find_and_merge(corpus: &mut Corpus, tokenizer: &Tokenizer, config: &Config) -> Vec<Phrase> {
    let settings = &config.settings.phrases;
    let mut phrases = Vec::new();
    let mut candidates = Vec::new();

    let given = config
        .builtin_phrases
        .iter()
        .map(|p| (p, Source::Builtin))
        .chain(config.user_phrases.iter().map(|p| (p, Source::User)));
    for (text, source) in given {
        let tokens = tokenizer.tokens(text);
        let seq: Option<Vec<u32>> = tokens
            .iter()
            .map(|t| corpus.terms.get(&(t.lang, t.key.clone())))
            .collect();
        let lang = tokens.first().map_or(Lang::En, |t| t.lang);
        phrases.push(Phrase {
            text: text.clone(),
            lang,
            words: tokens.len(),
            term: None,
            count: 0,
            score: None,
            source,
        });
        if let Some(seq) = seq
            && seq.len() >= 2
        {
            candidates.push(Candidate {
                seq,
                lang,
                phrase: phrases.len() - 1,
            });
        }
    }

    if settings.detect {
        let keys = &corpus.terms.values;
        // Counted per stream in parallel and summed: integer counts, so the sums do not
        // depend on the thread count.
        let count = |(mut unigram, mut bigram): Counts, stream: &DocTokens| {
            for (i, &t) in stream.terms.iter().enumerate() {
                *unigram.entry(t).or_insert(0) += 1;
                if i > 0 && stream.adjacent[i] {
                    let a = stream.terms[i - 1];
                    let (la, lb) = (keys[a as usize].0, keys[t as usize].0);
                    if la == lb && la != Lang::Other {
                        *bigram.entry((a, t)).or_insert(0) += 1;
                    }
                }
            }
            (unigram, bigram)
        };
        let (unigrams, bigram) = corpus
            .streams
            .par_iter()
            // A few large folds: merging many small maps costs more than it saves.
            .with_min_len(64)
            .fold(Counts::default, count)
            .reduce(Counts::default, |(mut u, mut b), (u2, b2)| {
                add_counts(&mut u, u2);
                add_counts(&mut b, b2);
                (u, b)
            });
        let mut unigram = vec![0u64; keys.len()];
        for (t, c) in unigrams {
            unigram[t as usize] = c;
        }
        let total: u64 = unigram.iter().sum();
        let n = total as f64;
        let mut found: Vec<((u32, u32), u64, f64)> = bigram
            .into_iter()
            .filter(|&(_, c)| c >= settings.min_count)
            .map(|((a, b), c)| {
                let (pa, pb, pab) = (
                    unigram[a as usize] as f64 / n,
                    unigram[b as usize] as f64 / n,
                    c as f64 / n,
                );
                let npmi = if pab >= 1.0 {
                    1.0
                } else {
                    (pab / (pa * pb)).ln() / -pab.ln()
                };
                ((a, b), c, npmi)
            })
            .filter(|&(_, _, npmi)| npmi > settings.threshold)
            .collect();
        found.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)));
        for ((a, b), _, npmi) in found {
            let lang = keys[a as usize].0;
            phrases.push(Phrase {
                text: format!(
                    "{}{}{}",
                    keys[a as usize].1,
                    lang.joiner(),
                    keys[b as usize].1
                ),
                lang,
                words: 2,
                term: None,
                count: 0,
                score: Some(npmi),
                source: Source::Detected,
            });
            candidates.push(Candidate {
                seq: vec![a, b],
                lang,
                phrase: phrases.len() - 1,
            });
        }
    }
    if !candidates.is_empty() {
        merge(corpus, &candidates, &mut phrases);
    }
    // A detected phrase that never merged (its occurrences taken by a longer or better phrase)
    // is not reported.
    phrases.retain(|p| p.source != Source::Detected || p.count > 0);
    phrases
}

/// Replaces each occurrence of a candidate by one token. At each position the longest candidate
/// wins, then the earliest listed (user phrases first, then by score).
fn merge(corpus: &mut Corpus, candidates: &[Candidate], phrases: &mut [Phrase]) {
    // Candidates by their first term: a list per term id (empty for most).
    let mut by_first: Vec<Vec<usize>> = vec![Vec::new(); corpus.terms.values.len()];
    for (i, c) in candidates.iter().enumerate() {
        if let Some(list) = by_first.get_mut(c.seq[0] as usize) {
            list.push(i);
        }
    }
    for list in &mut by_first {
        list.sort_by(|&a, &b| {
            candidates[b]
                .seq
                .len()
                .cmp(&candidates[a].seq.len())
                .then(a.cmp(&b))
        });
    }
    let phrase_terms: Vec<u32> = candidates
        .iter()
        .map(|c| {
            let key = c
                .seq
                .iter()
                .map(|&t| corpus.terms.values[t as usize].1.as_str())
                .collect::<Vec<_>>()
                .join(c.lang.joiner());
            corpus.terms.id((c.lang, key))
        })
        .collect();

    // Each stream is merged on its own in parallel; the forms of merged occurrences are then
    // interned and the occurrences counted in document order, so ids do not depend on threads.
    let mut streams = std::mem::take(&mut corpus.streams);
    let forms = &corpus.forms.values;
    let hits: Vec<(Vec<Hit>, Vec<String>)> = streams
        .par_iter_mut()
        .with_max_len(16)
        .map(|stream| {
            let merged = merge_stream(stream, candidates, &by_first, &phrase_terms, forms);
            *stream = merged.tokens;
            (merged.hits, merged.forms)
        })
        .collect();
    // Each stream's distinct forms are numbered in document order, as its hits first show them.
    for (stream, (hits, forms)) in streams.iter_mut().zip(hits) {
        let ids: Vec<u32> = forms.into_iter().map(|f| corpus.forms.id(f)).collect();
        for Hit { position, c, form } in hits {
            stream.forms[position] = ids[form as usize];
            let p = &mut phrases[candidates[c].phrase];
            p.count += 1;
            p.term = Some(phrase_terms[c]);
        }
    }
    corpus.streams = streams;
}

/// A stream with its phrases merged, before their forms are interned.
struct Merged {
    /// The merged stream; the form of a merged occurrence is set from `forms` afterwards.
    tokens: DocTokens,
    /// Each merged occurrence, in order.
    hits: Vec<Hit>,
    /// The distinct forms of the merged occurrences, in order of first occurrence.
    forms: Vec<String>,
}

/// A merged occurrence of a candidate.
struct Hit {
    /// Position of its token in the merged stream.
    position: usize,
    /// The candidate.
    c: usize,
    /// Its surface form (the words' forms joined), as an index into [`Merged::forms`].
    form: u32,
}

/// Merges the candidates in one stream. At each position the longest candidate wins, then the
/// earliest listed.
fn merge_stream(
    stream: &DocTokens,
    candidates: &[Candidate],
    by_first: &[Vec<usize>],
    phrase_terms: &[u32],
    forms: &[String],
) -> Merged {
    let keep_spans = !stream.spans.is_empty();
    let n = stream.terms.len();
    let mut out = DocTokens {
        terms: Vec::with_capacity(n),
        forms: Vec::with_capacity(n),
        adjacent: Vec::with_capacity(n),
        spans: Vec::with_capacity(if keep_spans { n } else { 0 }),
        sentence_ends: Vec::with_capacity(stream.sentence_ends.len()),
        paragraph_ends: Vec::with_capacity(stream.paragraph_ends.len()),
    };
    let mut hits = Vec::new();
    // The stream's distinct merged forms, in order of first occurrence.
    let mut local_forms: Interner<String> = Interner::default();
    // Paragraphs end where sentences end: each old paragraph end is matched to the new end of
    // the sentence ending there, walking both lists once.
    let mut paragraph_ends = stream.paragraph_ends.iter().peekable();
    let mut start = 0usize;
    while paragraph_ends.next_if(|&&e| e == 0).is_some() {
        out.paragraph_ends.push(0);
    }
    for &end in &stream.sentence_ends {
        let end = end as usize;
        let mut i = start;
        while i < end {
            let hit = by_first.get(stream.terms[i] as usize).and_then(|list| {
                list.iter().copied().find(|&c| {
                    let seq = &candidates[c].seq;
                    i + seq.len() <= end
                        && (1..seq.len())
                            .all(|j| stream.terms[i + j] == seq[j] && stream.adjacent[i + j])
                })
            });
            match hit {
                Some(c) => {
                    let len = candidates[c].seq.len();
                    let text = (i..i + len)
                        .map(|j| forms[stream.forms[j] as usize].as_str())
                        .collect::<Vec<_>>()
                        .join(candidates[c].lang.joiner());
                    let form = local_forms.id(text);
                    hits.push(Hit {
                        position: out.terms.len(),
                        c,
                        form,
                    });
                    out.terms.push(phrase_terms[c]);
                    out.forms.push(u32::MAX);
                    out.adjacent.push(stream.adjacent[i]);
                    if keep_spans {
                        out.spans
                            .push((stream.spans[i].0, stream.spans[i + len - 1].1));
                    }
                    i += len;
                }
                None => {
                    out.terms.push(stream.terms[i]);
                    out.forms.push(stream.forms[i]);
                    out.adjacent.push(stream.adjacent[i]);
                    if keep_spans {
                        out.spans.push(stream.spans[i]);
                    }
                    i += 1;
                }
            }
        }
        out.sentence_ends.push(out.terms.len() as u32);
        while paragraph_ends.next_if(|&&e| e as usize <= end).is_some() {
            out.paragraph_ends.push(out.terms.len() as u32);
        }
        start = end;
    }
    for _ in paragraph_ends {
        out.paragraph_ends.push(out.terms.len() as u32);
    }
    Merged {
        tokens: out,
        hits,
        forms: local_forms.values,
    }
}
