//! Corpus-wide linking: every mention gets an entity. Short person forms ("Putin", "Mr Fomin")
//! resolve to a full name in the same article, else to the one full name in the corpus that ends
//! with them; known aliases and the site gazetteer give canonical names; ids are unique slugs.
//! Runs in near-linear time and never depends on the order of the articles.

use std::borrow::Cow;

use rayon::prelude::*;

use super::classify::title_case;
use super::hash::{FxMap, FxSet};
use super::knowledge::{Knowledge, NONE};
use super::slug::slugify;
use super::{Candidate, Entity, EntityKind, Linked};

/// A surname as it may appear alone: "al-Burhan" is also "Burhan".
pub(crate) fn surname_key(last: &str) -> &str {
    // every prefix below is two or three letters and a hyphen
    if !matches!(last.as_bytes(), [_, _, b'-', ..] | [_, _, _, b'-', ..]) {
        return last;
    }
    for p in ["al-", "Al-", "el-", "El-", "ad-", "as-", "ash-", "bin-", "ibn-", "abu-", "Abu-"] {
        if let Some(rest) = last.strip_prefix(p) {
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return rest;
            }
        }
    }
    last
}

/// Normalise a surface form: single spaces, straight apostrophes, no possessive. Borrowed from
/// the text when that is already so (nearly always): linking holds one name per mention of the
/// corpus, and at 100,000 articles that is millions of them.
fn norm(s: &str) -> Cow<'_, str> {
    let plain = if s.is_ascii() {
        // one pass over the bytes: no tab or newline, no two spaces in a row
        !s.as_bytes().windows(2).any(|w| w == b"  ") && !s.bytes().any(|b| matches!(b, b'\t'..=b'\r'))
    } else {
        !s.contains('\u{2019}') && !s.contains("  ") && !s.contains(|c: char| c.is_whitespace() && c != ' ')
    };
    if plain && s.trim() == s {
        return match s.strip_suffix("'s") {
            Some(b) if !b.is_empty() => Cow::Borrowed(b),
            _ => Cow::Borrowed(s),
        };
    }
    let mut out = String::with_capacity(s.len());
    for part in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    let out = out.replace('\u{2019}', "'");
    Cow::Owned(match out.strip_suffix("'s") {
        Some(b) if !b.is_empty() => b.to_string(),
        _ => out,
    })
}

/// Whether `full` ends with the words of `name`, case aside ("Ursula von der Leyen" and
/// "Von der Leyen"). Compares in place when both are ASCII (nearly always): this runs for
/// every full name against the names that share its surname.
fn ends_with_words(full: &str, name: &str) -> bool {
    if full.len() <= name.len() {
        return false;
    }
    if full.is_ascii() && name.is_ascii() {
        let cut = full.len() - name.len();
        return full.as_bytes()[cut - 1] == b' ' && full[cut..].eq_ignore_ascii_case(name);
    }
    full.to_lowercase().ends_with(&format!(" {}", name.to_lowercase()))
}

/// The last word of a name, borrowed as long as the name is.
fn last_word<'s>(name: &Cow<'s, str>) -> Cow<'s, str> {
    match name {
        Cow::Borrowed(n) => Cow::Borrowed(n.rsplit(' ').next().unwrap_or(n)),
        Cow::Owned(n) => Cow::Owned(n.rsplit(' ').next().unwrap_or(n).to_string()),
    }
}

/// All letters capitals, more than three of them: a dateline ("LONDON") or a shouted name.
fn shouted(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() > 3 && !s.chars().any(char::is_lowercase)
}

struct Mention<'s> {
    surface: Cow<'s, str>,
    name: Cow<'s, str>,
    kind: EntityKind,
    site: u32,
    canon: bool,
}

/// Link the candidates of all articles (corpus order) into entities.
///
/// `surface(article, candidate)` returns the candidate's text (the unit text sliced by its
/// offsets); linking only needs the text, not the units.
pub fn link<'s>(
    k: &'s Knowledge,
    articles: Vec<Vec<Candidate>>,
    surface: impl Fn(usize, &Candidate) -> &'s str + Sync,
) -> Linked {
    // 1. names as written, or canonical when known (per article, in parallel)
    let mut mentions: Vec<Vec<Mention<'s>>> = articles
        .par_iter()
        .enumerate()
        .map(|(ai, cands)| {
            let mut ms = Vec::with_capacity(cands.len());
            for c in cands {
                let surf = norm(surface(ai, c));
                let (name, canon) = if c.site != NONE {
                    match k.site_entries().get(c.site as usize) {
                        Some(e) => (Cow::Borrowed(e.name.trim()), true),
                        None => (surf.clone(), false),
                    }
                } else if c.canon != NONE {
                    match k.canon_name(c.canon) {
                        Some(n) => (Cow::Borrowed(n), true),
                        None => (surf.clone(), false),
                    }
                } else {
                    (surf.clone(), false)
                };
                ms.push(Mention { surface: surf, name, kind: c.kind, site: c.site, canon });
            }
            ms
        })
        .collect();
    // 2. corpus index: last word -> full person names; name -> types it was given with evidence
    let mut by_last: FxMap<Cow<'s, str>, FxSet<Cow<'s, str>>> = FxMap::default();
    let mut sure: FxMap<Cow<'s, str>, [u32; 3]> = FxMap::default();
    for (cands, ms) in articles.iter().zip(&mentions) {
        for (c, m) in cands.iter().zip(ms) {
            if m.kind == EntityKind::Person && !m.canon && m.name.contains(' ') {
                let last = last_word(&m.name);
                let key = surname_key(&last);
                if key != last {
                    let key = match &last {
                        Cow::Borrowed(l) => Cow::Borrowed(surname_key(l)),
                        Cow::Owned(_) => Cow::Owned(key.to_string()),
                    };
                    by_last.entry(key).or_default().insert(m.name.clone());
                }
                by_last.entry(last).or_default().insert(m.name.clone());
            }
            if !c.guessed {
                sure.entry(m.name.clone()).or_default()[kind_ix(m.kind)] += 1;
            }
        }
    }
    // 2b. a guessed type yields to the corpus: a known surname is a person, otherwise the type
    // the same name has where there was evidence (ties: the guess stays)
    let mut articles = articles;
    for (cands, ms) in articles.iter_mut().zip(mentions.iter_mut()) {
        for (c, m) in cands.iter_mut().zip(ms.iter_mut()) {
            if !c.guessed {
                continue;
            }
            let kind = if by_last.get(m.name.as_ref()).is_some_and(|s| !s.is_empty()) {
                Some(EntityKind::Person)
            } else {
                sure.get(m.name.as_ref()).and_then(|v| {
                    let best = (0..3).max_by_key(|&i| (v[i], std::cmp::Reverse(i)))?;
                    (v[best] > 0 && v.iter().filter(|&&x| x == v[best]).count() == 1).then_some(KINDS[best])
                })
            };
            if let Some(kd) = kind {
                c.kind = kd;
                m.kind = kd;
            }
        }
    }
    // 3. resolve short forms (per article, in parallel)
    mentions.par_iter_mut().for_each(|ms| {
        // the article's full names as they were before any is resolved: (mention, where the
        // surname key starts, name)
        let fulls: Vec<(usize, usize, Cow<'s, str>)> = ms
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.canon && m.name.contains(' '))
            .map(|(i, m)| {
                let key = surname_key(m.name.rsplit(' ').next().unwrap_or(""));
                (i, m.name.len() - key.len(), m.name.clone())
            })
            .collect();
        // `fulls` by surname key (people only) and by first word, in `fulls` order: a short form
        // looks up the few full names it may stand for instead of testing every one
        let mut by_key: FxMap<&str, Vec<usize>> = FxMap::default();
        let mut by_first: FxMap<&str, Vec<usize>> = FxMap::default();
        for (f, (j, at, full)) in fulls.iter().enumerate() {
            if ms[*j].kind == EntityKind::Person {
                by_key.entry(&full[*at..]).or_default().push(f);
            }
            by_first.entry(full.split(' ').next().unwrap_or("")).or_default().push(f);
        }
        for i in 0..ms.len() {
            let m = &ms[i];
            let multi = m.name.contains(' ');
            let want_person = m.kind == EntityKind::Person;
            if m.canon || (multi && !want_person) {
                continue;
            }
            // "Von der Leyen", "De Gaulle": a multi-word surname ends a longer name
            let is_suffix = |full: &str| ends_with_words(full, &m.name);
            let key = surname_key(&m.name);
            let same: Vec<&(usize, usize, Cow<'s, str>)> = if multi {
                fulls.iter().filter(|(j, _, full)| ms[*j].kind == EntityKind::Person && is_suffix(full)).collect()
            } else if want_person {
                let same: Vec<_> = by_key.get(key).map_or(&[][..], Vec::as_slice).iter().map(|&f| &fulls[f]).collect();
                // "Saddam" after "Saddam Hussein": a first name alone, when only one full name has it
                if same.is_empty() {
                    by_first
                        .get(m.name.as_ref())
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .map(|&f| &fulls[f])
                        .filter(|(j, _, _)| ms[*j].kind == EntityKind::Person)
                        .collect()
                } else {
                    same
                }
            } else {
                by_first
                    .get(m.name.as_ref())
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .map(|&f| &fulls[f])
                    .filter(|(j, _, _)| ms[*j].kind == m.kind)
                    .collect()
            };
            let mut distinct: Vec<&Cow<'s, str>> = same.iter().map(|f| &f.2).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let target = match distinct.len() {
                0 if want_person => {
                    let last = m.name.rsplit(' ').next().unwrap_or("");
                    by_last.get(last).and_then(|set| {
                        let mut it = set.iter().filter(|f| !multi || is_suffix(f));
                        match (it.next(), it.next()) {
                            (Some(one), None) => Some(one.clone()),
                            _ => None,
                        }
                    })
                }
                0 => None,
                1 => Some(distinct[0].clone()),
                // several people share the surname here: the nearest one mentioned before
                _ => same
                    .iter()
                    .filter(|f| f.0 < i)
                    .max_by_key(|f| f.0)
                    .or_else(|| same.iter().min_by_key(|f| f.0))
                    .map(|f| f.2.clone()),
            };
            if let Some(t) = target {
                ms[i].name = t;
            }
        }
    });
    // 4. entities: one per name as its id spells it ("LONDON" of a dateline and "London",
    // "Sao Paulo" and "São Paulo" are one entity, whatever type each mention got: the majority
    // type wins); only names of different site gazetteer entries stay apart
    // each distinct name once (in the order first seen), slugged in parallel
    let mut name_ix: FxMap<&str, u32> = FxMap::default();
    let mut names: Vec<&str> = Vec::new();
    let name_of: Vec<Vec<u32>> = mentions
        .iter()
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    *name_ix.entry(m.name.as_ref()).or_insert_with(|| {
                        names.push(m.name.as_ref());
                        (names.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    let name_slugs: Vec<String> = names.par_iter().map(|n| slugify(n)).collect();
    drop(name_ix);
    // names that slug alike share a slug ("LONDON", "London")
    let mut slugs: Vec<String> = Vec::new();
    let mut by_slug: FxMap<String, u32> = FxMap::default();
    let slug_of_name: Vec<u32> = name_slugs
        .into_iter()
        .map(|slug| {
            let next = slugs.len() as u32;
            *by_slug.entry(slug).or_insert_with_key(|slug| {
                slugs.push(slug.clone());
                next
            })
        })
        .collect();
    // each mention's slug, in place of its name's index
    let mut slug_of = name_of;
    slug_of.par_iter_mut().for_each(|article| article.iter_mut().for_each(|n| *n = slug_of_name[*n as usize]));
    // per slug: the first site entry seen, and whether another one shares the slug
    let mut slug_sites: Vec<(u32, bool)> = vec![(NONE, false); slugs.len()];
    for (ms, article_slugs) in mentions.iter().zip(&slug_of) {
        for (m, &si) in ms.iter().zip(article_slugs).filter(|(m, _)| m.site != NONE) {
            let e = &mut slug_sites[si as usize];
            if e.0 == NONE {
                e.0 = m.site;
            } else if e.0 != m.site {
                e.1 = true;
            }
        }
    }
    let key_of = |m: &Mention, si: u32| -> (u32, u32) {
        let site = if slug_sites[si as usize].1 { m.site } else { NONE };
        (si, site)
    };
    struct Acc<'m> {
        kinds: [u32; 3],
        aliases: FxSet<&'m str>,
        /// name -> (mentions, canonical)
        names: FxMap<&'m str, (u32, bool)>,
        site: u32,
    }
    // Gathered in shards by slug, in parallel: each shard walks every mention and keeps those
    // of its slugs, so the shards hold no entity twice and together no more than one map would.
    const SHARDS: usize = 8;
    let shards: Vec<FxMap<(u32, u32), Acc>> = (0..SHARDS)
        .into_par_iter()
        .map(|shard| {
            let mut acc: FxMap<(u32, u32), Acc> = FxMap::default();
            for (ms, article_slugs) in mentions.iter().zip(&slug_of) {
                for (m, &si) in ms.iter().zip(article_slugs).filter(|(_, &si)| si as usize % SHARDS == shard) {
                    let e = acc.entry(key_of(m, si)).or_insert_with(|| Acc {
                        kinds: [0; 3],
                        aliases: FxSet::default(),
                        names: FxMap::default(),
                        site: NONE,
                    });
                    e.kinds[kind_ix(m.kind)] += 1;
                    e.aliases.insert(m.surface.as_ref());
                    let n = e.names.entry(m.name.as_ref()).or_insert((0, false));
                    n.0 += 1;
                    n.1 |= m.canon;
                    if m.site != NONE {
                        e.site = e.site.min(m.site);
                    }
                }
            }
            acc
        })
        .collect();
    let acc_of = |key: &(u32, u32)| shards[key.0 as usize % SHARDS].get(key);
    let mut keys: Vec<(u32, u32)> = shards.iter().flat_map(|acc| acc.keys().copied()).collect();
    keys.sort_by(|x, y| slugs[x.0 as usize].cmp(&slugs[y.0 as usize]).then(x.1.cmp(&y.1)));
    let mut used: FxSet<String> = FxSet::default();
    let mut entities: Vec<(Entity, (u32, u32))> = Vec::with_capacity(keys.len());
    for key in keys {
        let base = &slugs[key.0 as usize];
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        let Some(a) = acc_of(&key) else { continue };
        let kind = match k.site_entries().get(a.site as usize) {
            Some(e) => e.kind,
            None => {
                let best = (0..3).max_by_key(|&i| (a.kinds[i], std::cmp::Reverse(i))).unwrap_or(2);
                KINDS[best]
            }
        };
        // the display name: canonical, else not shouted (a dateline), else the most frequent
        let name = a
            .names
            .iter()
            .max_by(|x, y| {
                let rank = |(n, &(count, canon)): (&&str, &(u32, bool))| (canon, !shouted(n), count);
                rank(*x).cmp(&rank(*y)).then_with(|| y.0.cmp(x.0))
            })
            .map(|(n, _)| if shouted(n) && kind == EntityKind::Place { title_case(n) } else { n.to_string() })
            .unwrap_or_default();
        let mut aliases: Vec<String> = a.aliases.iter().map(|s| s.to_string()).collect();
        aliases.sort();
        let gazetteer = (a.site != NONE).then_some(a.site as usize);
        entities.push((Entity { id, name, kind, aliases, gazetteer }, key));
    }
    entities.sort_by(|x, y| x.0.id.cmp(&y.0.id));
    let index: FxMap<(u32, u32), usize> = entities.iter().enumerate().map(|(i, (_, key))| (*key, i)).collect();
    let out_articles = articles
        .into_par_iter()
        .zip(&mentions)
        .zip(&slug_of)
        .map(|((cands, ms), slugs)| {
            let found = cands.into_iter().zip(ms).zip(slugs);
            found.filter_map(|((c, m), &si)| Some((c, *index.get(&key_of(m, si))?))).collect()
        })
        .collect();
    Linked { entities: entities.into_iter().map(|(e, _)| e).collect(), articles: out_articles }
}

const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

fn kind_ix(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Org => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_keys_drop_a_particle_only_before_a_capital() {
        assert_eq!(surname_key("al-Burhan"), "Burhan");
        assert_eq!(surname_key("ash-Sharaa"), "Sharaa");
        assert_eq!(surname_key("Abu-Bakr"), "Bakr");
        assert_eq!(surname_key("al-qaeda"), "al-qaeda");
        assert_eq!(surname_key("Smith-Jones"), "Smith-Jones");
        assert_eq!(surname_key("Putin"), "Putin");
        assert_eq!(surname_key("al-"), "al-");
        assert_eq!(surname_key(""), "");
    }

    #[test]
    fn a_name_ends_a_longer_one_word_for_word_case_aside() {
        assert!(ends_with_words("Ursula von der Leyen", "Von der Leyen"));
        assert!(ends_with_words("Charles de Gaulle", "De Gaulle"));
        assert!(!ends_with_words("Charles de Gaulle", "Charles de Gaulle"));
        assert!(!ends_with_words("Ursula von derLeyen", "der Leyen"));
        assert!(!ends_with_words("Leyen", "von der Leyen"));
        assert!(ends_with_words("Élodie de Saint-Étienne", "De Saint-Étienne"));
        assert!(!ends_with_words("Élodie deSaint-Étienne", "Saint-étienne x"));
    }

    #[test]
    fn norm_borrows_plain_names_and_mends_the_rest() {
        for (given, want, borrowed) in [
            ("Vladimir Putin", "Vladimir Putin", true),
            ("Putin's", "Putin", true),
            ("Putin’s", "Putin", false),
            ("Vladimir  Putin", "Vladimir Putin", false),
            ("Vladimir\nPutin", "Vladimir Putin", false),
            ("Vladimir\u{a0}Putin", "Vladimir Putin", false),
            ("Zelenskyy’s", "Zelenskyy", false),
            ("São Paulo", "São Paulo", true),
        ] {
            let got = norm(given);
            assert_eq!(got, want, "{given:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), borrowed, "{given:?}");
        }
    }
}
