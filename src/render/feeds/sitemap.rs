//! `sitemap.xml` (<https://www.sitemaps.org/protocol.html>) and `robots.txt`.
//!
//! A sitemap holds at most 50,000 URLs; a bigger site gets `sitemap-1.xml`, `sitemap-2.xml`, …
//! and `sitemap.xml` becomes their index, so `robots.txt` always names the same file.

use chrono::NaiveDate;

use super::xml::element;

pub const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
pub const MAX_URLS: usize = 50_000;

/// One page: its absolute URL and when it last changed.
pub struct Page {
    pub loc: String,
    pub lastmod: Option<NaiveDate>,
}

/// The sitemap file(s) for `pages`; `absolute` turns a site-relative path into an absolute URL.
pub fn files(pages: &[Page], absolute: impl Fn(&str) -> String) -> Vec<(String, Vec<u8>)> {
    if pages.len() <= MAX_URLS {
        return vec![("sitemap.xml".into(), urlset(pages).into_bytes())];
    }
    let mut files = Vec::new();
    let mut index = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{NAMESPACE}\">\n");
    for (n, chunk) in pages.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str("  <sitemap>\n");
        element(&mut index, "    ", "loc", &absolute(&name));
        if let Some(last) = chunk.iter().filter_map(|p| p.lastmod).max() {
            element(&mut index, "    ", "lastmod", &last.to_string());
        }
        index.push_str("  </sitemap>\n");
        files.push((name, urlset(chunk).into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index.into_bytes()));
    files
}

fn urlset(pages: &[Page]) -> String {
    let mut out = String::with_capacity(pages.len() * 120 + 128);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"");
    out.push_str(NAMESPACE);
    out.push_str("\">\n");
    for p in pages {
        out.push_str("  <url>\n");
        element(&mut out, "    ", "loc", &p.loc);
        if let Some(d) = p.lastmod {
            element(&mut out, "    ", "lastmod", &d.to_string());
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap's absolute URL.
///
/// Crawlers only read `/robots.txt` at the root of a host, so for a project site under a
/// sub-path this file is informative only (see docs/deploy.md).
pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_big_sitemaps_into_an_index() {
        let pages: Vec<Page> =
            (0..MAX_URLS + 1).map(|i| Page { loc: format!("https://x.org/p{i}/"), lastmod: None }).collect();
        let files = files(&pages, |p| format!("https://x.org/{p}"));
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        let index = String::from_utf8(files[2].1.clone()).unwrap();
        assert!(index.contains("<loc>https://x.org/sitemap-2.xml</loc>"), "{index}");
    }

    #[test]
    fn small_sitemaps_are_one_urlset() {
        let d = NaiveDate::from_ymd_opt(2021, 3, 23);
        let files = files(&[Page { loc: "https://x.org/a?b&c".into(), lastmod: d }], |p| p.to_string());
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(text.contains("<loc>https://x.org/a?b&amp;c</loc>\n    <lastmod>2021-03-23</lastmod>"), "{text}");
    }
}
