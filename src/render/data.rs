//! Data exports in the output: `data/annotations.json` (the `newsreel annotate` document),
//! `data/entities.json`, `data/timeline.json` (TimelineJS3) and `data/search.json` (the index
//! the search page loads).

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

#[derive(Serialize)]
struct SearchEntry<'a> {
    title: &'a str,
    url: String,
    date: String,
    summary: String,
    tags: &'a [String],
    entities: Vec<&'a str>,
}

impl Renderer<'_> {
    /// The data exports, each handed to `emit` as soon as it is made (together they are the
    /// size of the site's HTML; holding them all at once would double the peak memory).
    /// `data/annotations.json` goes in pieces: its first through `emit`, the rest to `append`.
    pub(super) fn data_files<E>(&self, emit: &mut Emit<'_, E>, append: &mut Append<'_, E>) -> Result<(), E> {
        emit(vec![("data/search.json".to_string(), self.search_index())])?;
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
            Ok(()) | Err(Piece::Json) => {}
            Err(Piece::Sink(e)) => return Err(e),
        }
        emit(vec![
            ("data/entities.json".into(), self.entities_json()),
            ("data/timeline.json".into(), serde_json::to_vec(&self.timeline_js()).unwrap_or_default()),
        ])
    }

    fn search_index(&self) -> Vec<u8> {
        let articles: Vec<SearchEntry<'_>> = self
            .site
            .corpus
            .articles
            .iter()
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
        serde_json::to_vec(&serde_json::json!({ "articles": articles })).unwrap_or_default()
    }

    fn entities_json(&self) -> Vec<u8> {
        let entities: Vec<serde_json::Value> = (0..self.site.notes.entities.len())
            .map(|e| {
                let ent = &self.site.notes.entities[e];
                let link = self.entity_link(e);
                serde_json::json!({
                    "id": ent.id, "name": ent.name, "type": ent.kind.as_str(), "aliases": ent.aliases,
                    "description": ent.description, "link": ent.link, "url": self.settings.base_url.absolute(&urls::entity(&ent.id)),
                    "mentions": link.mentions, "articles": link.articles,
                })
            })
            .collect();
        serde_json::to_vec(&serde_json::json!({ "entities": entities })).unwrap_or_default()
    }
}
