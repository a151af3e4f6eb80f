//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>).
//!
//! Items are serialised once per article and reused by every feed that carries them; a feed is
//! its serialised head with the items spliced in.

use serde::Serialize;

use super::{Head, Item};

pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct FeedHead<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: [Author<'a>; 1],
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    /// JSON Feed needs one of `content_html` / `content_text`: the summary stands in when the
    /// feed carries no full text.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    date_published: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

/// One item, as JSON text.
pub fn item(item: &Item<'_>) -> String {
    let json = JsonItem {
        id: &item.url,
        url: &item.url,
        external_url: item.source,
        title: item.title,
        content_html: item.content_html.as_deref(),
        content_text: if item.content_html.is_none() { Some(&item.summary) } else { None },
        summary: &item.summary,
        date_published: &item.published,
        authors: item.authors.iter().map(|name| Author { name, url: None }).collect(),
        tags: item.tags,
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// A whole feed; `items` come from [`item`], newest first. `feed_url` is the feed's own URL.
pub fn feed<'i>(head: &Head<'_>, feed_url: &str, items: impl Iterator<Item = &'i str>) -> String {
    let json_head = FeedHead {
        version: VERSION,
        title: &head.title,
        home_page_url: &head.page_url,
        feed_url,
        description: &head.subtitle,
        language: head.language,
        authors: [Author { name: head.author, url: Some(&head.author_uri) }],
    };
    let mut out = serde_json::to_string(&json_head).unwrap_or_else(|_| "{}".into());
    out.pop(); // the closing brace: the items go in before it
    out.push_str(",\"items\":[");
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out.push_str("]}\n");
    out
}
