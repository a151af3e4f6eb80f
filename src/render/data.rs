//! Data exports in the output: `data/annotations.json` (the `newsreel annotate` document),
//! `data/entities.json`, `data/timeline.json` (TimelineJS3) and `data/search.json` (the index
//! the search page loads).

use rayon::prelude::*;
use serde::Serialize;

use crate::annotate::export;
use crate::model::urls;

use super::{views, Append, Emit, Renderer};

/// Why the annotations export stopped: the sink said so, or (never, for these plain structs)
/// serialisation failed, which leaves the export cut short rather than failing the site.
enum Piece<E> {
    Sink(E),
    Json,
}

impl<E> From<serde_json::Error> for Piece<E> {
    fn from(_: serde_json::Error) -> Self {
        Piece::Json
    }
}

/// `data/search.json`. Fields in sorted order, as the file always had them.
#[derive(Serialize)]
struct SearchIndex<'a> {
    articles: Vec<SearchEntry<'a>>,
}

#[derive(Serialize)]
struct SearchEntry<'a> {
    date: String,
    entities: Vec<&'a str>,
    summary: String,
    tags: &'a [String],
    title: &'a str,
    url: String,
}

/// `data/entities.json`. Fields in sorted order, as the file always had them.
#[derive(Serialize)]
struct EntityIndex<'a> {
    entities: Vec<EntityEntry<'a>>,
}

#[derive(Serialize)]
struct EntityEntry<'a> {
    aliases: &'a [String],
    articles: usize,
    description: Option<&'a str>,
    id: &'a str,
    link: Option<&'a str>,
    mentions: usize,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    url: String,
}

impl Renderer<'_> {
    /// The data exports, each handed to `emit` as soon as it is made (together they are the
    /// size of the site's HTML; holding them all at once would double the peak memory).
    /// `data/annotations.json` goes in pieces: its first through `emit`, the rest to `append`.
    pub(super) fn data_files<E>(&self, emit: &mut Emit<'_, E>, append: &mut Append<'_, E>) -> Result<(), E> {
        self.annotations_export(emit, append)?;
        self.indexes(emit)
    }

    /// `data/annotations.json` (when anything was annotated), in pieces: its first through
    /// `emit`, the rest to `append`. It holds one piece at a time, so it can be made beside
    /// the pages.
    pub(super) fn annotations_export<E>(&self, emit: &mut Emit<'_, E>, append: &mut Append<'_, E>) -> Result<(), E> {
        if self.site.notes.entities.is_empty() && self.site.timeline.is_empty() {
            return Ok(());
        }
        const ANNOTATIONS: &str = "data/annotations.json";
        let mut first = true;
        let written = export::json_pieces(self.site.corpus, self.site.notes, &mut |piece| {
            if std::mem::take(&mut first) {
                emit(vec![(ANNOTATIONS.into(), piece)]).map_err(Piece::Sink)
            } else {
                append(ANNOTATIONS, piece).map_err(Piece::Sink)
            }
        });
        match written {
            Ok(()) | Err(Piece::Json) => Ok(()),
            Err(Piece::Sink(e)) => Err(e),
        }
    }

    /// `data/search.json`, and, when anything was annotated, `data/entities.json` and
    /// `data/timeline.json`.
    pub(super) fn indexes<E>(&self, emit: &mut Emit<'_, E>) -> Result<(), E> {
        emit(vec![("data/search.json".to_string(), self.search_index())])?;
        if self.site.notes.entities.is_empty() && self.site.timeline.is_empty() {
            return Ok(());
        }
        emit(vec![
            ("data/entities.json".into(), self.entities_json()),
            ("data/timeline.json".into(), self.timeline_js()),
        ])
    }

    fn search_index(&self) -> Vec<u8> {
        let articles: Vec<SearchEntry<'_>> = self
            .site
            .corpus
            .articles
            .par_iter()
            .zip(&self.site.notes.articles)
            .map(|(a, notes)| {
                let mut entities: Vec<&str> =
                    notes.mentions.iter().map(|m| self.site.notes.entities[m.entity as usize].name.as_str()).collect();
                entities.sort_unstable();
                entities.dedup();
                SearchEntry {
                    title: &a.title,
                    url: self.settings.base_url.path_for(&urls::article(&a.slug)),
                    date: a.published.to_string(),
                    summary: views::summary(a),
                    tags: &a.tags,
                    entities,
                }
            })
            .collect();
        serde_json::to_vec(&SearchIndex { articles }).unwrap_or_default()
    }

    fn entities_json(&self) -> Vec<u8> {
        let entities: Vec<EntityEntry<'_>> = (self.site.notes.entities.par_iter().zip(&self.site.entities))
            .map(|(ent, idx)| EntityEntry {
                aliases: &ent.aliases,
                articles: idx.articles.len(),
                description: ent.description.as_deref(),
                id: &ent.id,
                link: ent.link.as_deref(),
                mentions: idx.mentions.len(),
                name: &ent.name,
                kind: ent.kind.as_str(),
                url: self.settings.base_url.absolute(&urls::entity(&ent.id)),
            })
            .collect();
        serde_json::to_vec(&EntityIndex { entities }).unwrap_or_default()
    }
}
