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
//!
//! Two steps: [`find`] decides the phrases from the corpus-wide terms and counts and changes
//! nothing; [`merge`] applies the decision to the token streams.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::config::Config;
use crate::tokenize::{DocTokens, Interner, Lang, Tokenizer};

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

/// A term sequence to merge, and the phrase it counts for.
#[derive(Debug, Clone)]
struct Candidate {
    seq: Vec<u32>,
    lang: Lang,
    phrase: usize,
}

/// The phrases decided for a corpus, and the term sequences [`merge`] replaces by them.
#[derive(Debug, Clone, Default)]
pub struct Chosen {
    /// Every given phrase (shipped, then user; found in the corpus or not), then the detected
    /// ones, best score first. Counts and terms are filled by [`merge`].
    pub phrases: Vec<Phrase>,
    /// The sequences to merge: the given phrases whose words all occur, then the detected ones.
    candidates: Vec<Candidate>,
}

/// Finds the phrases of the corpus and merges them into single tokens: [`find`], then [`merge`].
pub fn find_and_merge(corpus: &mut Corpus, tokenizer: &Tokenizer, config: &Config) -> Vec<Phrase> {
    let chosen = find(corpus, tokenizer, config);
    merge(corpus, chosen)
}

/// Decides the phrases of the corpus from its terms and their counts, changing nothing: the
/// given phrases (shipped and user), tokenized as text is, and, with `phrases.detect`, the pairs
/// that score above the threshold.
pub fn find(corpus: &Corpus, tokenizer: &Tokenizer, config: &Config) -> Chosen {
    let mut chosen = Chosen::default();
    let given = config
        .builtin_phrases
        .iter()
        .map(|p| (p, Source::Builtin))
        .chain(config.user_phrases.iter().map(|p| (p, Source::User)));
    for (text, source) in given {
        chosen.add_given(corpus, tokenizer, text, source);
    }
    if config.settings.phrases.detect {
        let keys = &corpus.terms.values;
        let settings = &config.settings.phrases;
        for ((a, b), npmi) in detect(corpus, settings.min_count, settings.threshold) {
            let lang = keys[a as usize].0;
            chosen.add(
                Phrase {
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
                },
                Some(vec![a, b]),
            );
        }
    }
    chosen
}

impl Chosen {
    /// Adds a given phrase: `text` tokenized as text is; merged when it has two words or more
    /// and each of them is a term of the corpus.
    fn add_given(&mut self, corpus: &Corpus, tokenizer: &Tokenizer, text: &str, source: Source) {
        let tokens = tokenizer.tokens(text);
        let seq: Option<Vec<u32>> = tokens
            .iter()
            .map(|t| corpus.terms.get(&(t.lang, t.key.clone())))
            .collect();
        let phrase = Phrase {
            text: text.to_string(),
            lang: tokens.first().map_or(Lang::En, |t| t.lang),
            words: tokens.len(),
            term: None,
            count: 0,
            score: None,
            source,
        };
        self.add(phrase, seq.filter(|seq| seq.len() >= 2));
    }

    /// Adds `phrase`, and the sequence of terms that is merged into it, if any.
    fn add(&mut self, phrase: Phrase, seq: Option<Vec<u32>>) {
        let lang = phrase.lang;
        self.phrases.push(phrase);
        if let Some(seq) = seq {
            self.candidates.push(Candidate {
                seq,
                lang,
                phrase: self.phrases.len() - 1,
            });
        }
    }
}

/// The pairs of adjacent terms of one language seen at least `min_count` times whose NPMI is
/// above `threshold`, best first (ties by term ids), with their scores.
fn detect(corpus: &Corpus, min_count: u64, threshold: f64) -> Vec<((u32, u32), f64)> {
    let (unigram, bigram) = count_pairs(corpus);
    let total: u64 = unigram.iter().sum();
    let n = total as f64;
    let mut found: Vec<((u32, u32), u64, f64)> = bigram
        .into_iter()
        .filter(|&(_, c)| c >= min_count)
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
        .filter(|&(_, _, npmi)| npmi > threshold)
        .collect();
    found.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)));
    found
        .into_iter()
        .map(|(pair, _, npmi)| (pair, npmi))
        .collect()
}

/// How often each term occurs (indexed by term id), and each pair of adjacent terms of one
/// language (not `other`).
fn count_pairs(corpus: &Corpus) -> (Vec<u64>, HashMap<(u32, u32), u64>) {
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
    (unigram, bigram)
}

/// Merges the chosen phrases into the corpus, each occurrence of a phrase's terms replaced by
/// one token of the phrase's term (the longest phrase first, then the earliest chosen), and
/// gives the phrases to report, with their terms and counts.
pub fn merge(corpus: &mut Corpus, chosen: Chosen) -> Vec<Phrase> {
    let Chosen {
        mut phrases,
        candidates,
    } = chosen;
    if !candidates.is_empty() {
        merge_candidates(corpus, &candidates, &mut phrases);
    }
    // A detected phrase that never merged (its occurrences taken by a longer or better phrase)
    // is not reported.
    phrases.retain(|p| p.source != Source::Detected || p.count > 0);
    phrases
}

/// Replaces each occurrence of a candidate by one token. At each position the longest candidate
/// wins, then the earliest listed (user phrases first, then by score).
fn merge_candidates(corpus: &mut Corpus, candidates: &[Candidate], phrases: &mut [Phrase]) {
    let index = CandidateIndex::new(candidates, corpus.terms.values.len());
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

    // Each stream is merged on its own, in place and in parallel; the forms of merged
    // occurrences are then interned and the occurrences counted in document order, so ids do
    // not depend on threads.
    let merged: Vec<Merged> = corpus
        .streams
        .par_iter_mut()
        .with_max_len(16)
        .map(|stream| merge_stream(stream, candidates, &index, &phrase_terms))
        .collect();
    // A merged occurrence's form is its words' forms joined: interned by those form ids, so
    // that each distinct one is written out once.
    let mut joined: HashMap<Box<[u32]>, u32> = HashMap::default();
    for (stream, merged) in corpus.streams.iter_mut().zip(merged) {
        let mut ids = Vec::with_capacity(merged.keys.len());
        for key in merged.keys {
            let id = match joined.get(key.as_slice()) {
                Some(&id) => id,
                None => {
                    let (&c, words) = key.split_first().unwrap_or((&0, &[]));
                    let text = words
                        .iter()
                        .map(|&f| corpus.forms.values[f as usize].as_str())
                        .collect::<Vec<_>>()
                        .join(candidates[c as usize].lang.joiner());
                    let id = corpus.forms.id(text);
                    joined.insert(key.into_boxed_slice(), id);
                    id
                }
            };
            ids.push(id);
        }
        for Hit { position, c, form } in merged.hits {
            stream.forms[position] = ids[form as usize];
            let p = &mut phrases[candidates[c].phrase];
            p.count += 1;
            p.term = Some(phrase_terms[c]);
        }
    }
}

/// The candidates by their first two terms, so that finding the one at a position costs one
/// lookup, however many candidates begin with a frequent term.
struct CandidateIndex {
    /// Whether a term id begins any candidate.
    first: Vec<bool>,
    /// Candidates by their first two terms, longest first, then in listed order.
    by_pair: HashMap<(u32, u32), Vec<usize>>,
}

impl CandidateIndex {
    /// Indexes `candidates` (each of two terms or more) over a vocabulary of `terms` ids.
    fn new(candidates: &[Candidate], terms: usize) -> Self {
        let mut first = vec![false; terms];
        let mut by_pair: HashMap<(u32, u32), Vec<usize>> = HashMap::default();
        for (i, c) in candidates.iter().enumerate() {
            if let [a, b, ..] = c.seq[..]
                && let Some(f) = first.get_mut(a as usize)
            {
                *f = true;
                by_pair.entry((a, b)).or_default().push(i);
            }
        }
        for list in by_pair.values_mut() {
            list.sort_by(|&a, &b| {
                candidates[b]
                    .seq
                    .len()
                    .cmp(&candidates[a].seq.len())
                    .then(a.cmp(&b))
            });
        }
        CandidateIndex { first, by_pair }
    }

    /// The candidate that begins `terms` (the rest of a sentence, with its adjacency): the
    /// longest, then the earliest listed, whose terms follow each other directly.
    fn find(&self, terms: &[u32], adjacent: &[bool], candidates: &[Candidate]) -> Option<usize> {
        let (&a, &b) = (terms.first()?, terms.get(1)?);
        if !self.first.get(a as usize).copied().unwrap_or(false) || !adjacent[1] {
            return None;
        }
        self.by_pair.get(&(a, b))?.iter().copied().find(|&c| {
            let seq = &candidates[c].seq;
            seq.len() <= terms.len() && (2..seq.len()).all(|j| terms[j] == seq[j] && adjacent[j])
        })
    }
}

/// What merging a stream found, before the forms of its merged occurrences are interned.
struct Merged {
    /// Each merged occurrence, in order.
    hits: Vec<Hit>,
    /// The distinct forms of the merged occurrences, in order of first occurrence: the
    /// candidate (whose language gives the joiner) followed by the words' form ids.
    keys: Vec<Vec<u32>>,
}

/// A merged occurrence of a candidate.
struct Hit {
    /// Position of its token in the merged stream.
    position: usize,
    /// The candidate.
    c: usize,
    /// Its surface form, as an index into [`Merged::keys`].
    form: u32,
}

/// Merges the candidates into one stream, in place: each occurrence becomes one token, whose
/// form is left to be set from the returned hits. At each position the longest candidate wins,
/// then the earliest listed.
fn merge_stream(
    stream: &mut DocTokens,
    candidates: &[Candidate],
    index: &CandidateIndex,
    phrase_terms: &[u32],
) -> Merged {
    let keep_spans = !stream.spans.is_empty();
    let mut hits = Vec::new();
    // The stream's distinct merged forms, numbered in order of first occurrence.
    let mut keys: Interner<Vec<u32>> = Interner::default();
    // Tokens are read at `i` and written at `w <= i`, so nothing is overwritten before it is
    // read; sentence and paragraph ends move down with them. A paragraph ends where a sentence
    // ends, so each old paragraph end is matched to the new end of the sentence ending there,
    // walking both lists once; paragraphs ending before any token stay at 0.
    let mut w = 0usize;
    let mut start = 0usize;
    let mut p = stream
        .paragraph_ends
        .iter()
        .take_while(|&&e| e == 0)
        .count();
    for s in 0..stream.sentence_ends.len() {
        let end = stream.sentence_ends[s] as usize;
        let mut i = start;
        while i < end {
            let hit = index.find(&stream.terms[i..end], &stream.adjacent[i..end], candidates);
            let len = match hit {
                Some(c) => {
                    let len = candidates[c].seq.len();
                    let mut key = Vec::with_capacity(len + 1);
                    key.push(c as u32);
                    key.extend_from_slice(&stream.forms[i..i + len]);
                    let form = keys.id(key);
                    hits.push(Hit {
                        position: w,
                        c,
                        form,
                    });
                    stream.terms[w] = phrase_terms[c];
                    stream.forms[w] = u32::MAX;
                    len
                }
                None => {
                    stream.terms[w] = stream.terms[i];
                    stream.forms[w] = stream.forms[i];
                    1
                }
            };
            stream.adjacent[w] = stream.adjacent[i];
            if keep_spans {
                stream.spans[w] = (stream.spans[i].0, stream.spans[i + len - 1].1);
            }
            i += len;
            w += 1;
        }
        stream.sentence_ends[s] = w as u32;
        while p < stream.paragraph_ends.len() && stream.paragraph_ends[p] as usize <= end {
            stream.paragraph_ends[p] = w as u32;
            p += 1;
        }
        start = end;
    }
    for e in &mut stream.paragraph_ends[p..] {
        *e = w as u32;
    }
    stream.terms.truncate(w);
    stream.forms.truncate(w);
    stream.adjacent.truncate(w);
    if keep_spans {
        stream.spans.truncate(w);
    }
    Merged {
        hits,
        keys: keys.values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_in_place_moves_tokens_sentence_and_paragraph_ends() {
        // Terms 1 2 3 | (empty sentence) | 1 2 4 5 ; a leading empty paragraph. Candidates:
        // (1 2) listed first, then the longer (1 2 3), which wins where both fit; (4 5) is not
        // adjacent, so it does not merge.
        let mut stream = DocTokens {
            terms: vec![1, 2, 3, 1, 2, 4, 5],
            forms: vec![11, 12, 13, 11, 12, 14, 15],
            adjacent: vec![false, true, true, false, true, true, false],
            spans: vec![
                (0, 1),
                (2, 3),
                (4, 5),
                (10, 11),
                (12, 13),
                (14, 15),
                (17, 18),
            ],
            sentence_ends: vec![3, 3, 7],
            paragraph_ends: vec![0, 3, 7],
        };
        let candidates = [
            Candidate {
                seq: vec![1, 2],
                lang: Lang::En,
                phrase: 0,
            },
            Candidate {
                seq: vec![1, 2, 3],
                lang: Lang::En,
                phrase: 1,
            },
            Candidate {
                seq: vec![4, 5],
                lang: Lang::En,
                phrase: 2,
            },
        ];
        let index = CandidateIndex::new(&candidates, 6);
        let merged = merge_stream(&mut stream, &candidates, &index, &[100, 101, 102]);
        assert_eq!(stream.terms, [101, 100, 4, 5]);
        assert_eq!(stream.forms, [u32::MAX, u32::MAX, 14, 15]);
        assert_eq!(stream.adjacent, [false, false, true, false]);
        assert_eq!(stream.spans, [(0, 5), (10, 13), (14, 15), (17, 18)]);
        assert_eq!(stream.sentence_ends, [1, 1, 4]);
        assert_eq!(stream.paragraph_ends, [0, 1, 4]);
        let hits: Vec<(usize, usize, u32)> = merged
            .hits
            .iter()
            .map(|h| (h.position, h.c, h.form))
            .collect();
        assert_eq!(hits, [(0, 1, 0), (1, 0, 1)]);
        assert_eq!(merged.keys, [vec![1, 11, 12, 13], vec![0, 11, 12]]);
    }
}
