//! Unit tests on short strings, one per recognition/linking rule, plus a no-panic fuzz test.

use super::*;
use std::sync::OnceLock;

fn k() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::new(&[]))
}

/// Mentions of one body sentence as (text, kind).
fn found(s: &str) -> Vec<(String, &'static str)> {
    let units = [Unit { text: s, headline: false }];
    recognise(k(), &units).iter().map(|c| (c.text(&units).to_string(), c.kind.as_str())).collect()
}

fn has(s: &str, text: &str, kind: &str) -> bool {
    found(s).iter().any(|(t, k)| t == text && *k == kind)
}

/// Link articles given as lists of body sentences; returns per article (text, entity id).
fn linked_with(k: &Knowledge, arts: &[&[&str]]) -> Vec<Vec<(String, String)>> {
    let units: Vec<Vec<Unit>> =
        arts.iter().map(|a| a.iter().map(|t| Unit { text: t, headline: false }).collect()).collect();
    let cands = units.iter().map(|u| recognise(k, u)).collect();
    let l = link(k, cands, |a, c| c.text(&units[a]));
    l.articles
        .iter()
        .enumerate()
        .map(|(a, v)| v.iter().map(|(c, e)| (c.text(&units[a]).to_string(), l.entities[*e].id.clone())).collect())
        .collect()
}

fn id_of(res: &[Vec<(String, String)>], art: usize, text: &str) -> String {
    res[art].iter().find(|(t, _)| t == text).map(|(_, id)| id.clone()).unwrap_or_default()
}

#[test]
fn possessive_is_outside_the_span() {
    assert!(has("Talks stalled over Vladimir Putin's demands.", "Vladimir Putin", "PERSON"));
    assert!(has("It was Putin’s war, she said of Vladimir Putin.", "Putin", "PERSON"));
}

#[test]
fn initials_belong_to_the_name() {
    assert!(has("The novel was written by J. R. Smith last year.", "J. R. Smith", "PERSON"));
}

#[test]
fn particles_join_person_names() {
    assert!(has("The plan was backed by Ursula von der Leyen on Monday.", "Ursula von der Leyen", "PERSON"));
    assert!(has("He was compared to Osama bin Laden by critics.", "Osama bin Laden", "PERSON"));
}

#[test]
fn hyphenated_names_and_cut_tails() {
    assert!(has("Fighting reached Ivano-Frankivsk overnight.", "Ivano-Frankivsk", "PLACE"));
    assert!(has("A Kyiv-based analyst disagreed.", "Kyiv", "PLACE"));
}

#[test]
fn acronyms_are_orgs() {
    assert!(has("Members of NATO met in Brussels.", "NATO", "ORG"));
    assert!(has("The IMF cut its forecast.", "IMF", "ORG"));
}

#[test]
fn title_case_headline_takes_only_known_names() {
    let units = [
        Unit { text: "Putin Meets Rival Leaders In Moscow As Talks Stall", headline: true },
        Unit { text: "Vladimir Putin met them in the capital.", headline: false },
    ];
    let got: Vec<String> =
        recognise(k(), &units).iter().filter(|c| c.unit == 0).map(|c| c.text(&units).to_string()).collect();
    assert_eq!(got, vec!["Putin", "Moscow"]);
}

#[test]
fn sentence_initial_common_words_are_not_mentions() {
    assert!(found("However, officials said the talks would resume.").is_empty());
    assert!(found("Officials said nothing more.").is_empty());
    assert!(found("Despite the delay, the convoy moved on.").is_empty());
}

#[test]
fn demonyms_are_not_places() {
    let f = found("Russian troops shelled Ukrainian positions near Egyptian ships.");
    assert!(f.is_empty(), "{f:?}");
    assert!(has("The Russian Army withdrew.", "Russian Army", "ORG"));
    assert!(has("The Russian Federation objected.", "Russian Federation", "PLACE"));
}

#[test]
fn honorifics_are_outside_the_span() {
    assert!(has("Mr Fomin said the decision was final.", "Fomin", "PERSON"));
    assert!(has("It was signed by President Volodymyr Zelensky today.", "Volodymyr Zelensky", "PERSON"));
    assert!(has("Deputy defence minister Alexander Fomin spoke.", "Alexander Fomin", "PERSON"));
    assert!(!found("Deputy defence minister Alexander Fomin spoke.").iter().any(|(t, _)| t.contains("Deputy")));
}

#[test]
fn of_joined_org_names_are_one_span() {
    assert!(has(
        "A statement from the Ministry of Defence of the Russian Federation followed.",
        "Ministry of Defence of the Russian Federation",
        "ORG"
    ));
    assert!(has("Rates were held by the Bank of England.", "Bank of England", "ORG"));
    let f = found("Talks between Russia and Ukraine resumed.");
    assert_eq!(f, vec![("Russia".to_string(), "PLACE"), ("Ukraine".to_string(), "PLACE")]);
}

#[test]
fn place_designators() {
    assert!(has("The Governor of Sumy Oblast said so.", "Sumy Oblast", "PLACE"));
    assert!(has("Ships avoided the Red Sea and the Suez Canal.", "Suez Canal", "PLACE"));
    assert!(has("Russia refocused on the eastern Donbas region.", "Donbas", "PLACE"));
}

#[test]
fn quotes_break_names() {
    let f = found("Mr Fomin said: \"The Ministry of Defence has decided.\"");
    assert!(f.contains(&("Ministry of Defence".to_string(), "ORG")), "{f:?}");
    assert!(f.contains(&("Fomin".to_string(), "PERSON")));
    assert!(has("“Kyiv will stand,” said Olena Shapoval.", "Kyiv", "PLACE"));
}

#[test]
fn same_surname_different_people_stay_apart() {
    let res = linked_with(
        k(),
        &[
            &["Boris Johnson met reporters.", "Johnson said little."],
            &["Dakota Johnson starred in the film.", "Johnson smiled."],
        ],
    );
    assert_eq!(id_of(&res, 0, "Johnson"), "boris-johnson");
    assert_eq!(id_of(&res, 1, "Johnson"), "dakota-johnson");
    let res =
        linked_with(k(), &[&["Boris Johnson met reporters."], &["Dakota Johnson starred."], &["Mr Johnson said no."]]);
    assert_eq!(id_of(&res, 2, "Johnson"), "johnson");
}

#[test]
fn surname_resolves_across_articles() {
    let res = linked_with(k(), &[&["Deputy minister Alexander Fomin spoke."], &["Mr Fomin said talks went well."]]);
    assert_eq!(id_of(&res, 1, "Fomin"), "alexander-fomin");
    assert_eq!(id_of(&res, 0, "Alexander Fomin"), "alexander-fomin");
}

#[test]
fn known_aliases_link_to_one_id() {
    let res = linked_with(
        k(),
        &[
            &["The US and the U.S. Army differ.", "Officials in the United States agreed."],
            &["The UK and Britain are one."],
        ],
    );
    assert_eq!(id_of(&res, 0, "US"), "united-states");
    assert_eq!(id_of(&res, 0, "United States"), "united-states");
    assert_eq!(id_of(&res, 1, "UK"), "united-kingdom");
    assert_eq!(id_of(&res, 1, "Britain"), "united-kingdom");
}

#[test]
fn site_gazetteer_alias_wins() {
    let site = vec![GazetteerEntry {
        name: "Evergreen Marine Corporation".into(),
        kind: EntityKind::Org,
        aliases: vec!["Evergreen".into(), "Nice".into()],
        ..Default::default()
    }];
    let kn = Knowledge::new(&site);
    let units = [Unit { text: "Ships of Evergreen sailed to Nice.", headline: false }];
    let c = recognise(&kn, &units);
    assert!(c.iter().all(|c| c.kind == EntityKind::Org), "{c:?}");
    let res = linked_with(&kn, &[&["Ships of Evergreen sailed to Nice."]]);
    assert!(res[0].iter().all(|(_, id)| id == "evergreen-marine-corporation"));
}

#[test]
fn linking_is_independent_of_article_order() {
    let arts: Vec<&[&str]> = vec![
        &["Boris Johnson met Vladimir Putin.", "Putin said no."],
        &["Mr Johnson left for Paris."],
        &["Dakota Johnson visited Kyiv.", "Johnson waved."],
        &["Putin spoke to the UN."],
    ];
    let run = |order: &[usize]| {
        let units: Vec<Vec<Unit>> =
            order.iter().map(|&i| arts[i].iter().map(|t| Unit { text: t, headline: false }).collect()).collect();
        let cands = units.iter().map(|u| recognise(k(), u)).collect();
        let l = link(k(), cands, |a, c| c.text(&units[a]));
        let mut per: Vec<(usize, Vec<(String, String)>)> = order
            .iter()
            .zip(&l.articles)
            .enumerate()
            .map(|(a, (&orig, v))| {
                (orig, v.iter().map(|(c, e)| (c.text(&units[a]).to_string(), l.entities[*e].id.clone())).collect())
            })
            .collect();
        per.sort();
        let ents: Vec<String> = l.entities.iter().map(|e| format!("{}|{}|{:?}", e.id, e.name, e.aliases)).collect();
        (per, ents)
    };
    let a = run(&[0, 1, 2, 3]);
    assert_eq!(a, run(&[3, 2, 1, 0]));
    assert_eq!(a, run(&[2, 0, 3, 1]));
}

#[test]
fn slugs_fold_accents_and_scripts() {
    assert_eq!(slugify("Volodymyr Zelensky"), "volodymyr-zelensky");
    assert_eq!(slugify("Zürich"), "zurich");
    assert_eq!(slugify("U.S."), "us");
    assert_eq!(slugify("Київ"), "kyiv");
    assert!(slugify("東京").starts_with('u'));
}

#[test]
fn clashing_slugs_get_suffixes() {
    let res = linked_with(k(), &[&["Jackson said it was over."], &["Flights to Jackson resumed."]]);
    let a = id_of(&res, 0, "Jackson");
    let b = id_of(&res, 1, "Jackson");
    assert!(!a.is_empty() && !b.is_empty());
}

#[test]
fn random_unicode_never_panics_and_offsets_are_char_boundaries() {
    let alphabet: Vec<char> =
        "aZ Mr. 's’ -—“”\"(),.;:!?ÉéÖ ŁłЖжΩ東京 \u{00A0}O'Brien al-Assad U.S.A. J. NATO of the von der &\t\n0123"
            .chars()
            .collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        let len = (x % 60) as usize;
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        let units = [Unit { text: &s, headline: x & 1 == 0 }, Unit { text: &s, headline: false }];
        let cands = recognise(k(), &units);
        for c in &cands {
            let t = units[c.unit as usize].text;
            assert!(t.is_char_boundary(c.start as usize) && t.is_char_boundary(c.end as usize), "{s:?} {c:?}");
            assert!(c.start < c.end);
        }
        let _ = link(k(), vec![cands], |_, c| c.text(&units));
    }
}

#[test]
fn common_word_surname_after_full_name() {
    let units = [
        Unit { text: "Travis Head hit 137 in the final.", headline: false },
        Unit { text: "The crowd fell silent as Head and Marnus Labuschagne added runs.", headline: false },
    ];
    let got: Vec<(String, EntityKind)> =
        recognise(k(), &units).iter().map(|c| (c.text(&units).to_string(), c.kind)).collect();
    assert!(got.contains(&("Head".to_string(), EntityKind::Person)), "{got:?}");
    assert!(found("The Head of the school spoke.").is_empty());
}

#[test]
fn brands_places_and_lists() {
    assert!(has("The airline competes with SpiceJet on domestic routes.", "SpiceJet", "ORG"));
    assert!(has("Ships waited in the Gulf of Aden for days.", "Gulf of Aden", "PLACE"));
    assert!(has("Gandhi won in both Rae Bareli and Wayanad last week.", "Wayanad", "PLACE"));
    assert!(has("The mission was launched from Sriharikota in July.", "Sriharikota", "PLACE"));
    let f = found("She was elected speaker of the House of Representatives on Wednesday.");
    assert!(f.contains(&("House of Representatives".to_string(), "ORG")), "{f:?}");
}

#[test]
fn guessed_types_follow_the_corpus() {
    let res = linked_with(k(), &[&["Officials met Alexander Fomin in Minsk."], &["The talks with Fomin were brief."]]);
    assert_eq!(id_of(&res, 1, "Fomin"), "alexander-fomin");
    let units = [Unit { text: "The talks with Fomin were brief.", headline: false }];
    let c = recognise(k(), &units);
    let l = link(k(), vec![c], |_, c| c.text(&units));
    assert_eq!(l.articles[0].len(), 1);
}

#[test]
fn multi_word_surnames_and_first_names_link() {
    let res = linked_with(
        k(),
        &[&[
            "Ursula von der Leyen won a second term.",
            "Von der Leyen thanked lawmakers.",
            "Iraq was ruled by Saddam Hussein.",
            "Critics of Saddam fled.",
        ]],
    );
    assert_eq!(id_of(&res, 0, "Von der Leyen"), "ursula-von-der-leyen");
    assert_eq!(id_of(&res, 0, "Saddam"), "saddam-hussein");
}

#[test]
fn datelines_hyphenated_names_and_events() {
    assert!(has("WASHINGTON (AP) - Officials spoke.", "WASHINGTON", "PLACE"));
    assert!(has("Justice minister Han Dong-hoon resigned.", "Han Dong-hoon", "PERSON"));
    let f = found("Hurricane Ian hit Florida before Ian weakened.");
    assert_eq!(f, vec![("Florida".to_string(), "PLACE")]);
    let f = found("He apologised before the US Congress last year.");
    assert!(f.contains(&("US".to_string(), "PLACE")) && f.contains(&("Congress".to_string(), "ORG")), "{f:?}");
    assert!(found("Growth in July-September slowed for British-Egyptian firms.").is_empty());
}

#[test]
fn gazetteer_names_with_ampersand_or_possessive_match_whole() {
    let site = vec![
        GazetteerEntry {
            name: "UK P&I Club".into(),
            kind: EntityKind::Org,
            aliases: vec!["the UK P&I Club".into()],
            ..Default::default()
        },
        GazetteerEntry { name: "Lloyd's List".into(), kind: EntityKind::Org, ..Default::default() },
        GazetteerEntry { name: "Lord's".into(), kind: EntityKind::Place, ..Default::default() },
    ];
    let kn = Knowledge::new(&site);
    let text = "The UK P&I Club told Lloyd’s List that Lloyd's List readers met at Lord's on Monday.";
    let units = [Unit { text, headline: false }];
    let got: Vec<(String, EntityKind, u32)> =
        recognise(&kn, &units).iter().map(|c| (c.text(&units).to_string(), c.kind, c.site)).collect();
    assert_eq!(
        got,
        vec![
            ("UK P&I Club".to_string(), EntityKind::Org, 0),
            ("Lloyd’s List".to_string(), EntityKind::Org, 1),
            ("Lloyd's List".to_string(), EntityKind::Org, 1),
            ("Lord's".to_string(), EntityKind::Place, 2),
        ]
    );
    let res = linked_with(
        &kn,
        &[&[text], &["- **Lloyd's List**, the shipping journal, agreed with the UK P&I Club's view."]],
    );
    assert_eq!(id_of(&res, 0, "UK P&I Club"), "uk-p-i-club");
    assert_eq!(id_of(&res, 1, "UK P&I Club"), "uk-p-i-club");
    assert_eq!(id_of(&res, 1, "Lloyd's List"), "lloyds-list");
    let units = [Unit { text: "UK P&I Club Says Lloyd's List Was Right", headline: true }];
    let got: Vec<String> = recognise(&kn, &units).iter().map(|c| c.text(&units).to_string()).collect();
    assert_eq!(got, vec!["UK P&I Club", "Lloyd's List"]);
}

#[test]
fn one_name_is_one_entity_whatever_its_case_or_type() {
    // a dateline in capitals, a guessed type and an org-like use of a city: still one entity
    let res = linked_with(
        k(),
        &[
            &["LONDON — Insurers met in London on Monday."],
            &["COPENHAGEN, Denmark — Maersk said it would wait.", "Ships bound for Copenhagen were delayed."],
            &["London said it would act.", "The Imabari yard was busy."],
            &["IMABARI, Japan — Shipbuilders met.", "Talks in Sao Paulo and São Paulo went on."],
        ],
    );
    assert_eq!(id_of(&res, 0, "LONDON"), "london");
    assert_eq!(id_of(&res, 0, "London"), "london");
    assert_eq!(id_of(&res, 2, "London"), "london");
    assert_eq!(id_of(&res, 1, "COPENHAGEN"), "copenhagen");
    assert_eq!(id_of(&res, 1, "Copenhagen"), "copenhagen");
    assert_eq!(id_of(&res, 3, "IMABARI"), "imabari");
    assert_eq!(id_of(&res, 3, "Sao Paulo"), "sao-paulo");
    assert_eq!(id_of(&res, 3, "São Paulo"), "sao-paulo");
    assert!(res.iter().flatten().all(|(_, id)| !id.ends_with("-2")), "{res:?}");
    // the entity's name is the ordinary spelling, not the dateline's
    let units = [Unit { text: "LONDON — Shares fell.", headline: false }];
    let l = link(k(), vec![recognise(k(), &units)], |_, c| c.text(&units));
    assert_eq!(l.entities[0].name, "London");
}

#[test]
fn a_date_after_a_connector_ends_the_name() {
    for (s, name) in [
        ("The deal was backed by the African Union on Aug. 3 in Addis Ababa.", "African Union"),
        ("The plan was approved by the European Commission on Sept. 30, officials said.", "European Commission"),
        ("The Ministry of Defence on Thurs. said it had no comment.", "Ministry of Defence"),
        ("The Security Council on Monday voted.", "Security Council"),
        ("The African Union on Aug 3 said so.", "African Union"),
    ] {
        let f = found(s);
        assert!(f.iter().any(|(t, k)| t == name && *k == "ORG"), "{s}: {f:?}");
        assert!(
            f.iter().all(|(t, _)| !t.contains(" on ") && !t.starts_with("Aug") && !t.starts_with("Sept")),
            "{s}: {f:?}"
        );
    }
    // names joined by "of"/"for"/"on" before a capitalised name stay whole
    assert!(has(
        "The Intergovernmental Panel on Climate Change reported.",
        "Intergovernmental Panel on Climate Change",
        "ORG"
    ));
    assert!(has("Rates were held by the Office for Budget Responsibility.", "Office for Budget Responsibility", "ORG"));
    // a month abbreviation without its period is no date ("Mar-a-Lago")
    assert!(found("Trump flew to Mar-a-Lago on Friday.").iter().any(|(t, _)| t == "Mar-a-Lago"));
    let res = linked_with(k(), &[&["The deal was backed by the African Union on Aug. 3 in Addis Ababa."]]);
    assert!(res[0].iter().all(|(_, id)| !id.contains("-on-")), "{res:?}");
}

#[test]
fn all_caps_dateline_place_is_a_place() {
    for (s, name) in [
        ("SUEZ, Egypt — A fleet of tugs spent a second day pushing at the Ever Given.", "SUEZ"),
        ("SUEZ, Egypt — The Suez Canal Authority said on Saturday that Suez was calm.", "SUEZ"),
        ("**SUEZ**, Egypt — Tugs pulled again.", "SUEZ"),
        ("SUEZ (Reuters) - Tugs pulled again.", "SUEZ"),
        ("NICE, France — The mayor spoke.", "NICE"),
        ("GREAT BITTER LAKE, Egypt — The ship waited.", "GREAT BITTER LAKE"),
        ("ZAFARANA, Egypt — Ships waited offshore.", "ZAFARANA"),
        ("LONDON — Insurers met.", "LONDON"),
    ] {
        let f = found(s);
        assert!(f.contains(&(name.to_string(), "PLACE")), "{s}: {f:?}");
    }
    // acronyms and shouted words elsewhere are untouched
    assert!(has("NATO, the alliance, met in Brussels.", "NATO", "ORG"));
    assert!(has("UN, the world body, met.", "UN", "ORG"));
    assert!(!found("BREAKING NEWS — Ships moved.").iter().any(|(t, _)| t.contains("BREAKING")));
    assert!(has("Officials said SUMED, the pipeline company, was ready.", "SUMED", "ORG"));
    // and the dateline links to the place written normally elsewhere
    let res = linked_with(k(), &[&["SUEZ, Egypt — Tugs pulled.", "Ships queued off Suez."], &["Suez port was busy."]]);
    assert_eq!(id_of(&res, 0, "SUEZ"), "suez");
    assert_eq!(id_of(&res, 0, "Suez"), "suez");
}
