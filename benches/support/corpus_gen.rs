// Deterministic generator of mixed Chinese/English test corpora, shared by `benches/pipeline.rs`
// and `examples/gen_corpus.rs` through `include!` (so this file has no inner attributes or
// `//!` comments).
//
// It lives in `benches/support/`, not `benches/`, so that Cargo does not discover it as a bench
// target of its own.
//
// The sentences come from the sample corpus in `seeds/` (its English sentences and its few
// Chinese ones) plus `ZH_SENTENCES` below; a seeded SplitMix64 recombines them into documents of
// 2 to 10 KB, about 70% Chinese and 30% English by bytes. Document `i` depends only on the seed
// and `i`, so a smaller corpus is a prefix of a larger one with the same seed.

use std::io;
use std::path::{Path, PathBuf};

/// Chinese sentences about party-masses relations, cadres, grassroots governance and community
/// service. `{地}` is replaced by a generated place name, so the vocabulary keeps growing a
/// little with the corpus, as a real one does.
pub const ZH_SENTENCES: &[&str] = &[
    "密切联系群众是党的最大政治优势，脱离群众是党执政后的最大危险。",
    "党员干部要经常深入基层，倾听群众呼声，了解群众的实际困难。",
    "{地}的网格员每天走访居民，及时收集和反映群众的意见建议。",
    "基层党组织是党在社会基层组织中的战斗堡垒，是党全部工作和战斗力的基础。",
    "坚持以人民为中心的发展思想，把群众满意不满意作为衡量工作的根本标准。",
    "{地}推行“党建引领、多元共治”的社区治理模式，居民参与的积极性明显提高。",
    "领导干部要带头践行群众路线，做到问政于民、问需于民、问计于民。",
    "社区服务中心为老年人提供助餐、助浴、助医等便民服务。",
    "完善党员干部直接联系群众制度，推动干部下沉一线解决实际问题。",
    "村民议事会让群众在家门口就能参与公共事务的讨论和决策。",
    "{地}把矛盾纠纷化解在基层、消除在萌芽状态，实现了小事不出村、大事不出镇。",
    "干部作风的好坏直接关系到党群关系和干群关系的和谐稳定。",
    "要坚决反对形式主义、官僚主义，切实减轻基层负担。",
    "志愿服务队定期开展环境整治、义务理发和法律咨询等活动。",
    "党的群众路线是党的生命线和根本工作路线。",
    "{地}探索建立“一站式”便民服务窗口，群众办事不再来回跑。",
    "驻村第一书记带领群众发展特色产业，村集体经济收入逐年增加。",
    "推进基层治理体系和治理能力现代化，需要发挥党组织的领导核心作用。",
    "社区工作者耐心细致地为居民解答医保、养老和就业方面的政策问题。",
    "群众利益无小事，要把每一件民生实事办好办实。",
    "{地}的党员先锋岗在疫情防控和防汛救灾中发挥了重要作用。",
    "健全自治、法治、德治相结合的城乡基层治理体系。",
    "各级干部要增强宗旨意识，自觉做到权为民所用、情为民所系、利为民所谋。",
    "通过“两代表一委员”接待日，群众的诉求得到了及时回应和办理。",
    "加强基层干部队伍建设，提高干部做好新形势下群众工作的本领。",
    "{地}整合物业、业委会和社会组织力量，共同解决老旧小区改造难题。",
    "把党的政治优势和组织优势转化为基层治理效能。",
    "干部下访、群众评议的做法拉近了党群之间的距离。",
    "社区食堂、托育中心和文化活动室让居民的获得感、幸福感不断增强。",
    "新时代的群众工作要善于运用互联网手段，走好网上群众路线。",
    "对群众反映强烈的突出问题，要建立台账、限期整改、跟踪问效。",
    "{地}的居民说，有事找社区，社区干部总是第一时间赶到。",
];

/// Characters place names are made of, and the kinds of place.
const PLACE_CHARS: &str =
    "青山绿水东西南北新安和平阳光长春明德兴华红星金桥银湖丰乐永宁太平凤凰龙泉";
const PLACE_KINDS: &[&str] = &["社区", "村", "街道", "镇", "乡"];

/// Share of a corpus's sentence bytes that should be Chinese.
pub const ZH_TARGET_SHARE: f64 = 0.7;

/// SplitMix64: a tiny, fast, seedable PRNG (Steele, Lea and Flood 2014).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Sizes of a written corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CorpusStats {
    pub documents: usize,
    /// Bytes of all files.
    pub bytes: u64,
    /// Bytes of Chinese sentences (titles included).
    pub zh_bytes: u64,
    /// Bytes of English sentences.
    pub en_bytes: u64,
}

impl CorpusStats {
    /// Chinese share of the sentence bytes.
    pub fn zh_share(&self) -> f64 {
        self.zh_bytes as f64 / (self.zh_bytes + self.en_bytes).max(1) as f64
    }
}

/// The sentence pools and the seed.
#[derive(Debug, Clone)]
pub struct CorpusGen {
    zh: Vec<String>,
    en: Vec<String>,
    places: Vec<char>,
    seed: u64,
}

fn han_chars(s: &str) -> usize {
    s.chars()
        .filter(|&c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
        })
        .count()
}

/// Splits a line into sentences: after 。！？!? (and closing quotes), and after a full stop that
/// is followed by a space, by the end, or (in scraped text such as `power.At`) by an uppercase
/// letter after a lowercase one. Independent of the library's splitter on purpose.
fn sentences(line: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let ends = match c {
            '。' | '！' | '？' | '!' | '?' => {
                !matches!(next, Some('”' | '"' | '’' | '）' | ')'))
            }
            '”' | '"' | '’' | '）' | ')' => {
                matches!(prev, Some('。' | '！' | '？' | '!' | '?'))
            }
            '.' => match next {
                None => true,
                Some(n) if n.is_whitespace() => true,
                Some(n) => n.is_uppercase() && prev.is_some_and(|p| p.is_lowercase()),
            },
            _ => false,
        };
        if ends {
            let end = at + c.len_utf8();
            let s = line[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let s = line[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

impl CorpusGen {
    /// The `seeds/` folder of this crate.
    pub fn default_seeds_dir() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
    }

    /// Reads every `.txt` file of `seeds_dir` and sorts its sentences into Chinese and English
    /// pools (page furniture and fragments are left out).
    pub fn from_seeds(seeds_dir: &Path, seed: u64) -> io::Result<CorpusGen> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(seeds_dir)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        paths.sort();
        let mut zh: Vec<String> = ZH_SENTENCES.iter().map(|s| s.to_string()).collect();
        let mut en = Vec::new();
        for path in &paths {
            let text = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
            for line in text.lines() {
                for s in sentences(line) {
                    if s.contains("http") || s.contains('\u{FFFD}') {
                        continue;
                    }
                    let han = han_chars(s);
                    let latin = s.chars().filter(|c| c.is_ascii_alphabetic()).count();
                    let words = s.split_whitespace().count();
                    if han >= 8 && han * 2 >= s.chars().count() {
                        zh.push(s.to_string());
                    } else if han == 0 && words >= 6 && latin * 10 >= s.len() * 7 {
                        en.push(s.to_string());
                    }
                }
            }
        }
        zh.sort();
        zh.dedup();
        en.sort();
        en.dedup();
        if en.is_empty() {
            return Err(io::Error::other(format!(
                "no English sentences found in {}",
                seeds_dir.display()
            )));
        }
        Ok(CorpusGen {
            zh,
            en,
            places: PLACE_CHARS.chars().collect(),
            seed,
        })
    }

    /// Number of (Chinese, English) sentences in the pools.
    pub fn pool_sizes(&self) -> (usize, usize) {
        (self.zh.len(), self.en.len())
    }

    fn zh_sentence(&self, rng: &mut SplitMix64, place: &str) -> String {
        rng.pick(&self.zh).replace("{地}", place)
    }

    /// Document `i`: a title line and paragraphs (one a line, blank lines between), 2 to 10 KB
    /// (a 2 to 8 KB target plus the last sentences).
    /// Returns the text and its Chinese and English sentence bytes.
    pub fn document(&self, i: usize) -> (String, u64, u64) {
        let mut rng = SplitMix64::new(self.seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let place: String = {
            let a = *rng.pick(&self.places);
            let b = *rng.pick(&self.places);
            format!("{a}{b}{}", rng.pick(PLACE_KINDS))
        };
        let target = rng.between(2048, 8192);
        let mut text = String::with_capacity(target + 512);
        let title = self.zh_sentence(&mut rng, &place);
        let title = title.trim_end_matches('。');
        text.push_str(title);
        text.push_str("\n\n");
        let (mut zh, mut en) = (title.len() as u64, 0u64);
        // Byte budgets of the two languages; each paragraph goes to the language with more of
        // its budget left (relatively), except one in eight, and fills at most what is left.
        let zh_budget = ZH_TARGET_SHARE * target as f64;
        let en_budget = target as f64 - zh_budget;
        loop {
            let zh_left = zh_budget - zh as f64;
            let en_left = en_budget - en as f64;
            if zh_left <= 0.0 && en_left <= 0.0 {
                break;
            }
            let zh_first = zh_left / zh_budget >= en_left / en_budget;
            let chinese = zh_first != rng.chance(1.0 / 8.0);
            // A paragraph of 200 to 1000 bytes; a Chinese one holds an English sentence now and
            // then (English sentences are about four times as long), an English one a Chinese.
            let left = if chinese { zh_left } else { en_left };
            let para_bytes = rng.between(200, 1000).min(left.max(1.0) as usize);
            let foreign = if chinese { 0.03 } else { 0.1 };
            let para_start = text.len();
            let mut prev_en: Option<bool> = None;
            while text.len() - para_start < para_bytes {
                let (s, is_en) = if chinese != rng.chance(foreign) {
                    let s = self.zh_sentence(&mut rng, &place);
                    zh += s.len() as u64;
                    (s, false)
                } else {
                    let s = rng.pick(&self.en).clone();
                    en += s.len() as u64;
                    (s, true)
                };
                // English sentences are separated by a space, Chinese ones are not.
                if prev_en.is_some_and(|p| p || is_en) {
                    text.push(' ');
                }
                text.push_str(&s);
                prev_en = Some(is_en);
            }
            text.push_str("\n\n");
        }
        (text, zh, en)
    }

    /// Writes documents `0, 1, ...` as `dir/NNN/doc_NNNNNN.txt` (1000 a folder) until at least
    /// `total_bytes` are written.
    pub fn write_corpus(&self, dir: &Path, total_bytes: u64) -> io::Result<CorpusStats> {
        let mut stats = CorpusStats::default();
        while stats.bytes < total_bytes {
            let i = stats.documents;
            let (text, zh, en) = self.document(i);
            let sub = dir.join(format!("{:03}", i / 1000));
            if i % 1000 == 0 {
                std::fs::create_dir_all(&sub)?;
            }
            std::fs::write(sub.join(format!("doc_{i:06}.txt")), &text)?;
            stats.documents += 1;
            stats.bytes += text.len() as u64;
            stats.zh_bytes += zh;
            stats.en_bytes += en;
        }
        Ok(stats)
    }
}
