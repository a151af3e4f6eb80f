//! Live reload: server-sent events to every open page, and the script (with the error overlay)
//! injected into HTML responses. Only the dev server injects it; built sites never carry it.
//!
//! Events, each `event: <name>` + `data: <json>`:
//! * `hello` `{generation}` on connect: a page served at an older generation reloads;
//! * `reload` `{generation, changed}` after a rebuild, once the new site is in place;
//! * `css` `{generation}` when only stylesheets changed: they are swapped without a reload;
//! * `error` `{diagnostics: [{file, line, message}]}` when a rebuild failed.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Mutex;

use serde::Serialize;

use crate::diagnostics::Diagnostic;

use super::state::Snapshot;

/// The script's body: a function taking the config object.
const SCRIPT: &str = include_str!("reload.js");

/// Where pages subscribe, below the site's base path.
pub const EVENTS_PATH: &str = "__newsreel/events";

/// One message for every open page.
#[derive(Clone, Debug)]
pub enum Event {
    Hello {
        generation: u64,
    },
    Reload {
        generation: u64,
        changed: Vec<String>,
    },
    /// Pages that a background job brought up to date (URL paths): only they reload.
    Refresh {
        generation: u64,
        pages: Vec<String>,
    },
    Css {
        generation: u64,
    },
    Error(Vec<Diagnostic>),
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    file: String,
    line: Option<u32>,
    message: &'a str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    diagnostics: Vec<DiagnosticJson<'a>>,
}

fn diagnostics_json(diagnostics: &[Diagnostic]) -> Vec<DiagnosticJson<'_>> {
    diagnostics
        .iter()
        .map(|d| DiagnosticJson {
            file: d.path.display().to_string().replace('\\', "/"),
            line: d.line,
            message: &d.message,
        })
        .collect()
}

impl Event {
    /// The event as an SSE frame (`event: …\ndata: …\n\n`).
    pub fn frame(&self) -> String {
        let (name, data) = match self {
            Event::Hello { generation } => ("hello", serde_json::json!({ "generation": generation }).to_string()),
            Event::Reload { generation, changed } => {
                ("reload", serde_json::json!({ "generation": generation, "changed": changed }).to_string())
            }
            Event::Refresh { generation, pages } => {
                ("refresh", serde_json::json!({ "generation": generation, "pages": pages }).to_string())
            }
            Event::Css { generation } => ("css", serde_json::json!({ "generation": generation }).to_string()),
            Event::Error(diagnostics) => (
                "error",
                serde_json::to_string(&ErrorJson { diagnostics: diagnostics_json(diagnostics) }).unwrap_or_default(),
            ),
        };
        // serde_json never writes a raw newline, so `data` is one line.
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// The open event streams.
#[derive(Default)]
pub struct Broadcaster {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Broadcaster {
    /// A new subscriber; it receives every event sent from now on.
    pub fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
        rx
    }

    /// Sends an event to every subscriber, forgetting those that have gone.
    pub fn send(&self, event: &Event) {
        let frame = event.frame();
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).retain(|tx| tx.send(frame.clone()).is_ok());
    }

    pub fn len(&self) -> usize {
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The `<script>` element for a page served from `snapshot`.
pub fn script(snapshot: &Snapshot) -> String {
    let config = serde_json::json!({
        "events": format!("{}{EVENTS_PATH}", snapshot.base_path),
        "generation": snapshot.generation,
        "errors": diagnostics_json(&snapshot.errors),
    });
    // Inside <script>, `</script>` or `<!--` in a string would end or confuse the element.
    let config = config.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    format!("<script data-newsreel-reload>({})({config});</script>", SCRIPT.trim_end())
}

/// Inserts the reload script before the last `</body>` (or at the end when there is none).
pub fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let script = script(snapshot);
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).rev().find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page served while no build has succeeded yet: the overlay explains why.
pub fn placeholder_page() -> &'static [u8] {
    b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>newsreel: no site yet</title></head>\
<body><p>newsreel could not build the site yet; fix the problems shown and save.</p></body></html>"
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let snap = Snapshot { base_path: "/digest/".into(), generation: 3, ..Snapshot::default() };
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", &snap)).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script data-newsreel-reload>"), "{out}");
        assert!(out.ends_with("</script></BODY></html>"), "{out}");
        assert!(out.contains("\"events\":\"/digest/__newsreel/events\""), "{out}");
        assert!(out.contains("\"generation\":3"), "{out}");
        let bare = String::from_utf8(inject(b"<p>no body end</p>", &snap)).unwrap();
        assert!(bare.starts_with("<p>no body end</p><script"), "{bare}");
    }

    #[test]
    fn error_state_cannot_break_out_of_the_script() {
        let snap = Snapshot {
            base_path: "/".into(),
            errors: Arc::new(vec![Diagnostic::at(Path::new("content/a.md"), 2, "found </script><b>")]),
            ..Snapshot::default()
        };
        let out = script(&snap);
        assert_eq!(out.matches("</script>").count(), 1, "{out}");
        assert!(out.contains("content/a.md"), "{out}");
    }

    #[test]
    fn frames_are_single_data_lines() {
        let e = Event::Error(vec![Diagnostic::at(Path::new("content/a.txt"), 2, "expected a date\nreally")]);
        let frame = e.frame();
        assert!(frame.starts_with("event: error\ndata: {"), "{frame}");
        assert_eq!(frame.matches('\n').count(), 3, "{frame}");
        assert!(frame.contains("\"file\":\"content/a.txt\",\"line\":2"), "{frame}");
        assert_eq!(Event::Css { generation: 4 }.frame(), "event: css\ndata: {\"generation\":4}\n\n");
    }

    #[test]
    fn broadcast_reaches_every_subscriber_and_forgets_the_gone() {
        let b = Broadcaster::default();
        let one = b.subscribe();
        let two = b.subscribe();
        drop(two);
        b.send(&Event::Css { generation: 1 });
        assert_eq!(b.len(), 1);
        assert!(one.try_recv().unwrap().starts_with("event: css"));
    }
}
