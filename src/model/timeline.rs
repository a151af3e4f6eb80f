//! The timeline: every normalised date of every article, grouped by the period it names and
//! sorted by when things happened (not when they were reported).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::annotate::dates::Timex;
use crate::annotate::Annotations;
use crate::model::calendar;

/// One reference to a date: article `article`, date note `note`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub article: usize,
    pub note: usize,
}

/// All references to one period (a day, a week, a month, …).
#[derive(Debug)]
pub struct Group {
    pub value: Timex,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Oldest report first (articles are indexed newest first).
    pub references: Vec<Reference>,
}

impl Group {
    /// The fragment id of this group on the timeline page: `d-2022-03-01`, `d-2022-W12`.
    pub fn anchor(&self) -> String {
        anchor(&self.value)
    }
}

pub fn anchor(value: &Timex) -> String {
    format!("d-{value}")
}

/// Groups every date reference by value, chronologically: earlier periods first, and for
/// periods starting the same day the longer one first (March before 1 March).
pub fn build(notes: &Annotations) -> Vec<Group> {
    let mut by_value: HashMap<Timex, Vec<Reference>> = HashMap::new();
    for article in 0..notes.articles.len() {
        for (value, reference) in references_of(notes, article) {
            by_value.entry(value).or_default().push(reference);
        }
    }
    let mut groups: Vec<Group> = by_value
        .into_iter()
        .map(|(value, mut references)| {
            references.sort_by(report_order);
            Group { value, first_day: value.first_day(), last_day: value.last_day(), references }
        })
        .collect();
    groups.sort_by(chronological);
    groups
}

/// The timeline after the date notes of the `changed` articles (sorted) were redone, every
/// other article as when `groups` was built: their references are replaced, the rest kept.
pub fn update(mut groups: Vec<Group>, notes: &Annotations, changed: &[usize]) -> Vec<Group> {
    for g in &mut groups {
        g.references.retain(|r| changed.binary_search(&r.article).is_err());
    }
    groups.retain(|g| !g.references.is_empty());
    let mut at: HashMap<Timex, usize> = groups.iter().enumerate().map(|(i, g)| (g.value, i)).collect();
    for &article in changed {
        for (value, reference) in references_of(notes, article) {
            let i = *at.entry(value).or_insert_with(|| {
                groups.push(Group {
                    value,
                    first_day: value.first_day(),
                    last_day: value.last_day(),
                    references: Vec::new(),
                });
                groups.len() - 1
            });
            let refs = &mut groups[i].references;
            let pos = refs.partition_point(|r| report_order(r, &reference).is_lt());
            refs.insert(pos, reference);
        }
    }
    groups.sort_by(chronological);
    groups
}

/// The references article `article` makes to dates with known bounds.
fn references_of(notes: &Annotations, article: usize) -> impl Iterator<Item = (Timex, Reference)> + '_ {
    notes.articles[article]
        .dates
        .iter()
        .enumerate()
        .filter(|(_, d)| d.value.bounds().is_some())
        .map(move |(note, d)| (d.value, Reference { article, note }))
}

/// Oldest report first (articles are indexed newest first), then in text order.
fn report_order(a: &Reference, b: &Reference) -> std::cmp::Ordering {
    b.article.cmp(&a.article).then(a.note.cmp(&b.note))
}

fn chronological(a: &Group, b: &Group) -> std::cmp::Ordering {
    a.first_day.cmp(&b.first_day).then(b.last_day.cmp(&a.last_day)).then(a.value.cmp(&b.value))
}

/// A human label: `24 February 2022`, `week of 21 March 2022`, `March 2022`, `Q1 2022`,
/// `summer 2021`, `2014`, `the 1990s`.
pub fn label(value: &Timex) -> String {
    use crate::annotate::dates::Season;
    match *value {
        Timex::Day(d) => calendar::date_label(d),
        Timex::Week { .. } => format!("week of {}", calendar::date_label(value.first_day())),
        Timex::Month { .. } => calendar::month_label(value.first_day()),
        Timex::Quarter { year, quarter } => format!("Q{quarter} {year}"),
        Timex::Season { year, season } => {
            let name = match season {
                Season::Spring => "spring",
                Season::Summer => "summer",
                Season::Fall => "autumn",
                Season::Winter => "winter",
            };
            format!("{name} {year}")
        }
        Timex::Year(y) => y.to_string(),
        Timex::Decade(d) => format!("the {}0s", d),
    }
}

/// The value for an HTML `datetime` attribute, for the forms HTML accepts.
pub fn html_datetime(value: &Timex) -> Option<String> {
    match value {
        Timex::Day(_) | Timex::Week { .. } | Timex::Month { .. } | Timex::Year(_) => Some(value.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{ArticleNotes, DateNote};

    fn note(value: Timex) -> DateNote {
        DateNote { unit: 1, start: 0, end: 1, value, modifier: None, until: None }
    }

    #[test]
    fn groups_chronologically_coarse_first() {
        let d = |m, day| Timex::Day(NaiveDate::from_ymd_opt(2022, m, day).unwrap());
        let march = Timex::Month { year: 2022, month: 3 };
        let notes = Annotations {
            entities: vec![],
            articles: vec![
                ArticleNotes { mentions: vec![], dates: vec![note(d(3, 1)), note(march)] },
                ArticleNotes { mentions: vec![], dates: vec![note(d(2, 24)), note(d(3, 1))] },
            ],
        };
        let groups = build(&notes);
        let values: Vec<String> = groups.iter().map(|g| g.value.to_string()).collect();
        assert_eq!(values, vec!["2022-02-24", "2022-03", "2022-03-01"]);
        assert_eq!(groups[2].references, vec![Reference { article: 1, note: 1 }, Reference { article: 0, note: 0 }]);
        assert_eq!(label(&march), "March 2022");
        assert_eq!(label(&Timex::Week { year: 2022, week: 12 }), "week of 21 March 2022");
        assert_eq!(groups[0].anchor(), "d-2022-02-24");

        // Article 0 rewritten: 1 March gone, 24 February and a new week added.
        let mut edited = notes.clone();
        let week = Timex::Week { year: 2022, week: 12 };
        edited.articles[0].dates = vec![note(march), note(d(2, 24)), note(week)];
        let updated = update(groups, &edited, &[0]);
        let fresh = build(&edited);
        let shape = |gs: &[Group]| gs.iter().map(|g| (g.value, g.references.clone())).collect::<Vec<_>>();
        assert_eq!(shape(&updated), shape(&fresh));
    }
}
