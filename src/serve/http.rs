//! HTTP/1.1 on `std::net`, just enough for a dev server: GET and HEAD, keep-alive, one thread
//! per connection, files from the in-memory site, and the event stream.
//!
//! [`resolve`] is the one place that turns a request target into a file of the site; it is pure
//! and refuses anything that could name a file outside the output (`..`, encoded slashes or dots,
//! backslashes, absolute-form targets). Symlinks cannot escape: only what the build put in memory
//! is ever served.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::reload::{self, Event, EVENTS_PATH};
use super::state::{Snapshot, State};

/// Longest request head we read (request line + headers).
const MAX_HEAD: usize = 16 * 1024;
/// Idle keep-alive connections are closed after this.
const IDLE: Duration = Duration::from_secs(30);
/// A comment line on idle event streams, so dead peers are noticed.
const PING: Duration = Duration::from_secs(15);
/// Connections served at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 256;

/// What a request target names.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site (site-relative path).
    File(String),
    /// A redirect to this location (`/x` → `/x/`, `/` → the base path).
    Redirect(String),
    /// The live-reload event stream.
    Events,
    NotFound,
}

/// Maps a request target to a file of the site mounted at `base` (`/` or `/digest/`).
/// `exists` says whether the site has a file at a site-relative path.
pub fn resolve(target: &str, base: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    // Origin-form only: absolute-form (`http://host/x`), authority-form and `*` are refused.
    if !target.starts_with('/') || target.starts_with("//") {
        return Resolved::NotFound;
    }
    let (raw_path, query) = match target.find(['?', '#']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    let Some(path) = decode(raw_path) else { return Resolved::NotFound };
    if path.contains(['\\', '\0']) || raw_path.contains('\\') {
        return Resolved::NotFound;
    }
    // Every segment must be a plain name: no `.`, `..` or empty segment (which is where decoded
    // `%2e%2e` and `%2f` would end up), except the trailing slash.
    let inner = path[1..].strip_suffix('/').unwrap_or(&path[1..]);
    if !inner.is_empty() && inner.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        return Resolved::NotFound;
    }
    if path == format!("{base}{EVENTS_PATH}") {
        return Resolved::Events;
    }
    if path == "/" || path == base.trim_end_matches('/') {
        return if base == "/" { file_or_404("index.html", &exists) } else { Resolved::Redirect(base.to_string()) };
    }
    let Some(rel) = path.strip_prefix(base) else { return Resolved::NotFound };
    if rel.is_empty() || rel.ends_with('/') {
        return file_or_404(&format!("{rel}index.html"), &exists);
    }
    if exists(rel) {
        return Resolved::File(rel.to_string());
    }
    if exists(&format!("{rel}/index.html")) {
        return Resolved::Redirect(format!("{raw_path}/{query}"));
    }
    Resolved::NotFound
}

fn file_or_404(rel: &str, exists: &impl Fn(&str) -> bool) -> Resolved {
    if exists(rel) {
        Resolved::File(rel.to_string())
    } else {
        Resolved::NotFound
    }
}

/// Percent-decodes a path. Encoded `/`, `\` and NUL are refused outright (a name never needs
/// them); invalid escapes and invalid UTF-8 too.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            let b = u8::from_str_radix(hex, 16).ok()?;
            if matches!(b, b'/' | b'\\' | 0) {
                return None;
            }
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for a site-relative path.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml",
        "xml" | "xsl" => "application/xml",
        "rss" => "application/rss+xml",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// A complete response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The response to a GET of a resolved target (the event stream is handled by the caller).
pub fn respond(resolved: &Resolved, snapshot: &Snapshot) -> Response {
    match resolved {
        Resolved::File(rel) => match snapshot.files.get(rel.as_str()) {
            Some(bytes) => page(200, rel, bytes, snapshot),
            None => not_found(snapshot),
        },
        Resolved::Redirect(to) => Response {
            status: 302,
            headers: vec![("Location", to.clone()), ("Content-Type", "text/plain; charset=utf-8".into())],
            body: format!("see {to}\n").into_bytes(),
        },
        Resolved::NotFound | Resolved::Events => not_found(snapshot),
    }
}

fn page(status: u16, rel: &str, bytes: &[u8], snapshot: &Snapshot) -> Response {
    let kind = content_type(rel);
    let body = if kind.starts_with("text/html") { reload::inject(bytes, snapshot) } else { bytes.to_vec() };
    Response { status, headers: vec![("Content-Type", kind.into())], body }
}

/// The site's own 404 page with status 404; before any build succeeded, a placeholder that
/// carries the error overlay.
fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.files.get("404.html") {
        Some(bytes) => page(404, "404.html", bytes, snapshot),
        None if snapshot.files.is_empty() => page(503, "index.html", reload::placeholder_page(), snapshot),
        None => Response {
            status: 404,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: b"404 not found\n".to_vec(),
        },
    }
}

/// Accepts connections until the process ends.
pub fn run(listener: TcpListener, state: Arc<State>) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        while active.load(Ordering::Acquire) >= MAX_CONNECTIONS {
            std::thread::sleep(Duration::from_millis(5));
        }
        active.fetch_add(1, Ordering::AcqRel);
        let (state, done) = (Arc::clone(&state), Arc::clone(&active));
        let spawned = std::thread::Builder::new().name("newsreel-http".into()).spawn(move || {
            let _ = connection(stream, &state);
            done.fetch_sub(1, Ordering::AcqRel);
        });
        if spawned.is_err() {
            // Out of threads: the connection was dropped; count it back.
            active.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// A parsed request head.
struct Request {
    method: String,
    target: String,
    keep_alive: bool,
    body_length: usize,
}

fn connection(stream: TcpStream, state: &State) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let request = match read_head(&mut reader) {
            Ok(Some(r)) => r,
            Ok(None) => return Ok(()),
            Err(status) => {
                let body = format!("{} {}\n", status, reason(status)).into_bytes();
                let response =
                    Response { status, headers: vec![("Content-Type", "text/plain; charset=utf-8".into())], body };
                return write_response(&mut writer, &response, false, false);
            }
        };
        // Discard a body nobody asked for (GET with a body), within reason.
        if request.body_length > 0 {
            if request.body_length > 1 << 20 {
                return Ok(());
            }
            io::copy(&mut (&mut reader).take(request.body_length as u64), &mut io::sink())?;
        }
        let head = request.method == "HEAD";
        if request.method != "GET" && !head {
            let response = Response {
                status: 405,
                headers: vec![("Allow", "GET, HEAD".into()), ("Content-Type", "text/plain; charset=utf-8".into())],
                body: b"405 method not allowed\n".to_vec(),
            };
            write_response(&mut writer, &response, head, request.keep_alive)?;
            if !request.keep_alive {
                return Ok(());
            }
            continue;
        }
        let snapshot = state.snapshot();
        let resolved = resolve(&request.target, &snapshot.base_path, |p| snapshot.files.contains_key(p));
        if resolved == Resolved::Events && !head {
            return events(writer, state);
        }
        write_response(&mut writer, &respond(&resolved, &snapshot), head, request.keep_alive)?;
        if !request.keep_alive {
            return Ok(());
        }
    }
}

/// Reads one request head; `Ok(None)` at a clean end of the connection, `Err(status)` when the
/// request is malformed.
fn read_head(reader: &mut impl BufRead) -> Result<Option<Request>, u16> {
    let mut line = String::new();
    let mut total = 0;
    let mut read_line = |line: &mut String| -> Result<usize, u16> {
        line.clear();
        let n = reader.by_ref().take((MAX_HEAD - total + 1) as u64).read_line(line).map_err(|_| 400u16)?;
        total += n;
        if total > MAX_HEAD {
            return Err(431);
        }
        Ok(n)
    };
    // Tolerate empty lines before the request line (RFC 9112 §2.2).
    loop {
        if read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(400);
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive: version == "HTTP/1.1",
        body_length: 0,
    };
    loop {
        if read_line(&mut line)? == 0 {
            return Err(400);
        }
        let header = line.trim_end();
        if header.is_empty() {
            return Ok(Some(request));
        }
        let Some((name, value)) = header.split_once(':') else { return Err(400) };
        let value = value.trim();
        if name.eq_ignore_ascii_case("connection") {
            if value.eq_ignore_ascii_case("close") {
                request.keep_alive = false;
            } else if value.eq_ignore_ascii_case("keep-alive") {
                request.keep_alive = true;
            }
        } else if name.eq_ignore_ascii_case("content-length") {
            request.body_length = value.parse().map_err(|_| 400u16)?;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(400); // no request bodies here
        }
    }
}

fn write_response(out: &mut impl Write, response: &Response, head: bool, keep_alive: bool) -> io::Result<()> {
    let mut text = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    ));
    let mut bytes = text.into_bytes();
    if !head {
        bytes.extend_from_slice(&response.body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

/// The event stream: `hello` with the current generation, the current error state, then every
/// broadcast event until the page goes away.
fn events(mut out: TcpStream, state: &State) -> io::Result<()> {
    let rx = state.events.subscribe(); // before the snapshot, so no event falls in between
    let snapshot = state.snapshot();
    let mut first = String::from(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 300\n\n",
    );
    first.push_str(&Event::Hello { generation: snapshot.generation }.frame());
    if !snapshot.errors.is_empty() {
        first.push_str(&Event::Error(snapshot.errors.to_vec()).frame());
    }
    out.write_all(first.as_bytes())?;
    out.flush()?;
    loop {
        let frame = match rx.recv_timeout(PING) {
            Ok(frame) => frame,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        out.write_all(frame.as_bytes())?;
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        ["index.html", "404.html", "articles/x/index.html", "static/style.css", "a b.txt"].contains(&p)
    }

    fn r(target: &str) -> Resolved {
        resolve(target, "/digest/", site)
    }

    #[test]
    fn serves_files_and_folder_indexes_under_the_base_path() {
        assert_eq!(r("/digest/"), Resolved::File("index.html".into()));
        assert_eq!(r("/digest/articles/x/"), Resolved::File("articles/x/index.html".into()));
        assert_eq!(r("/digest/static/style.css?v=2"), Resolved::File("static/style.css".into()));
        assert_eq!(r("/digest/a%20b.txt"), Resolved::File("a b.txt".into()));
        assert_eq!(r("/digest/__newsreel/events"), Resolved::Events);
        assert_eq!(resolve("/", "/", site), Resolved::File("index.html".into()));
        assert_eq!(resolve("/articles/x/", "/", site), Resolved::File("articles/x/index.html".into()));
    }

    #[test]
    fn redirects_to_the_base_path_and_to_folders() {
        assert_eq!(r("/"), Resolved::Redirect("/digest/".into()));
        assert_eq!(r("/digest"), Resolved::Redirect("/digest/".into()));
        assert_eq!(r("/digest/articles/x"), Resolved::Redirect("/digest/articles/x/".into()));
        assert_eq!(r("/digest/articles/x?a=1"), Resolved::Redirect("/digest/articles/x/?a=1".into()));
    }

    #[test]
    fn nothing_outside_the_site_or_the_mount() {
        for target in [
            "/digest/../digest/index.html",
            "/digest/articles/../index.html",
            "/digest/%2e%2e/digest/index.html",
            "/digest/%2E%2E/etc/passwd",
            "/digest/.%2e/x",
            "/digest/articles%2fx/index.html",
            "/digest/articles%2Fx%2Findex.html",
            "/digest/articles\\x\\index.html",
            "/digest/articles%5cx/index.html",
            "/digest/./index.html",
            "/digest//index.html",
            "/digest/index.html%00",
            "/digest/%zz",
            "/digest/%ff",
            "http://127.0.0.1/digest/index.html",
            "//evil.example/digest/",
            "*",
            "/other/index.html",
            "/index.html",
            "/digest/missing",
        ] {
            assert_eq!(r(target), Resolved::NotFound, "{target}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("static/newsreel.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("feed.json"), "application/json");
        assert_eq!(content_type("static/LOGO.PNG"), "image/png");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
    }

    #[test]
    fn reads_request_heads() {
        let mut input = &b"GET /digest/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..];
        let req = read_head(&mut input).unwrap().unwrap();
        assert_eq!((req.method.as_str(), req.target.as_str(), req.keep_alive), ("GET", "/digest/", false));
        let mut bad = &b"GET /a b HTTP/1.1\r\n\r\n"[..];
        assert_eq!(read_head(&mut bad).err(), Some(400));
        let mut empty = &b""[..];
        assert!(read_head(&mut empty).unwrap().is_none());
    }
}
