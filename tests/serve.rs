//! `newsreel serve --watch` end to end: the real binary on a temp copy of
//! `tests/fixtures/serve-site` (mounted at `/digest/`), a tiny HTTP client on `TcpStream`, and
//! one test that drives headless Chromium through chromedriver.
//!
//! Every wait is bounded; a failure prints what the server wrote on stderr.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-site")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A running `newsreel serve --watch --port 0` on a temp copy of the fixture.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    host: String,
    dir: tempfile::TempDir,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        Self::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(), dir.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsreel"))
            .args(["serve", "--watch", "--port", "0", "--root"])
            .arg(dir.path())
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start newsreel serve");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("serving http://") {
                    let _ = tx.send(rest.split('/').next().unwrap_or("").to_string());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let host = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(host) => host,
            Err(_) => {
                let _ = child.kill();
                panic!("no `serving` line; stderr: {:?}", log.lock().unwrap());
            }
        };
        Server { child, host, dir, log }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.host)
    }

    fn get(&self, target: &str) -> Response {
        self.raw(&format!("GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.host))
    }

    fn raw(&self, request: &str) -> Response {
        let mut stream = TcpStream::connect(&self.host).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }

    /// Subscribes to the live-reload events.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.host).unwrap();
        write!(stream, "GET /digest/__newsreel/events HTTP/1.1\r\nHost: {}\r\n\r\n", self.host).unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = BufReader::new(stream);
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in reader.lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send((std::mem::take(&mut name), data.to_string())).is_err() {
                        return;
                    }
                }
            }
        });
        let events = Events { rx };
        events.expect("hello", |_| true);
        events
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Saves like most editors do: a temporary file, renamed over the real one.
    fn save(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let tmp = path.with_file_name(format!(".{}.tmp-save", path.file_name().unwrap().to_str().unwrap()));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Waits (bounded) until the terminal output contains `text`: stderr is read by another
    /// thread, so a line printed just before an event may reach the test just after it.
    fn log_contains(&self, text: &str) -> bool {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if self.log().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Polls `target` until `check` holds.
    fn wait_for(&self, target: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let r = self.get(target);
            if check(&r) {
                return r;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "{target}: {what} did not happen in {WAIT:?}; last status {}\nserver log:\n{}",
                    r.status,
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    /// Waits for the next event called `name` whose data satisfies `check`, skipping others.
    fn expect(&self, name: &str, check: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok((n, data)) => {
                    let value: serde_json::Value = serde_json::from_str(&data).unwrap();
                    if n == name && check(&value) {
                        return value;
                    }
                    seen.push((n, data));
                }
                Err(_) => break,
            }
        }
        panic!("no `{name}` event in {WAIT:?}; saw {seen:?}");
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response { status, headers, body: body.to_string() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

const FERRY: &str = "content/2024/05/ferry-timetable-changes.txt";
const FERRY_PAGE: &str = "/digest/articles/ferry-timetable-changes/";

#[test]
fn serves_the_site_from_memory_under_its_sub_path() {
    let s = Server::start();

    let root = s.get("/");
    assert_eq!((root.status, root.header("location")), (302, Some("/digest/")));
    assert_eq!(s.get("/digest").header("location"), Some("/digest/"));

    let index = s.get("/digest/");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(index.header("cache-control"), Some("no-store"));
    assert!(index.body.contains("Harbour Watch"));
    assert!(index.body.contains("data-newsreel-reload"), "the reload script is injected");
    assert!(index.body.contains("\"/digest/__newsreel/events\""));
    // Absolute URLs point at the dev server, under the same sub-path.
    let canonical = format!("href=\"http://{}/digest/\"", s.host);
    assert!(index.body.contains(&canonical), "canonical URL {canonical}");

    let article = s.get(FERRY_PAGE);
    assert_eq!(article.status, 200);
    assert!(article.body.contains("every twenty minutes"));
    let folder = s.get("/digest/articles/ferry-timetable-changes");
    assert_eq!((folder.status, folder.header("location")), (302, Some(FERRY_PAGE)));

    let css = s.get("/digest/static/style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.body.contains("Georgia"), "the site's own stylesheet");
    assert!(!css.body.contains("newsreel-reload"));
    assert_eq!(s.get("/digest/static/newsreel.js").header("content-type"), Some("text/javascript; charset=utf-8"));

    let missing = s.get("/digest/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Nothing moored here"), "the site's own 404 page");
    assert_eq!(s.get("/elsewhere/").status, 404);

    let head = s.raw(&format!("HEAD /digest/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.host));
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    let post = s.raw(&format!("POST /digest/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.host));
    assert_eq!(post.status, 405);

    // Nothing outside the site: traversal in every spelling, absolute-form targets.
    for target in [
        "/digest/../site.toml",
        "/digest/%2e%2e/site.toml",
        "/digest/%2E%2E/%2E%2E/etc/passwd",
        "/digest/static/..%2f..%2fsite.toml",
        "/digest/static%2fstyle.css",
        "/digest/..\\site.toml",
        "/digest/%5c..%5csite.toml",
        "/../../etc/passwd",
        "/digest/./index.html",
    ] {
        let r = s.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(!r.body.contains("base_url"), "{target} leaked site.toml");
    }
    let absolute = s.raw(&format!("GET http://{0}/digest/ HTTP/1.1\r\nHost: {0}\r\nConnection: close\r\n\r\n", s.host));
    assert_eq!(absolute.status, 404);

    // Serving never writes: no output folder appears, the sources are untouched.
    assert!(!s.root().join("public").exists());
    assert_eq!(s.read(FERRY), std::fs::read_to_string(fixture().join(FERRY)).unwrap());
}

#[test]
fn editing_adding_and_deleting_articles_reloads() {
    let s = Server::start();
    let events = s.events();

    // Edit in place (a plain write) → reload, new text served.
    s.write(FERRY, &s.read(FERRY).replace("every twenty minutes", "every fifteen minutes"));
    let reload = events.expect("reload", |_| true);
    assert!(reload["changed"].to_string().contains("ferry-timetable-changes.txt"), "{reload}");
    assert!(s.get(FERRY_PAGE).body.contains("every fifteen minutes"));

    // A new article in a new folder → its page and the front page.
    s.save(
        "content/2024/06/regatta.md",
        "+++\ntitle = \"Regatta draws a record fleet\"\ndate = 2024-06-02\n+++\n\nA record 140 boats raced.\n",
    );
    events.expect("reload", |_| true);
    assert!(s.get("/digest/articles/regatta/").body.contains("A record 140 boats raced."));
    assert!(s.get("/digest/").body.contains("Regatta draws a record fleet"));

    // Rename a file: the old page goes, the new one comes.
    std::fs::rename(s.root().join("content/2024/06/regatta.md"), s.root().join("content/2024/06/sailing.md")).unwrap();
    events.expect("reload", |_| true);
    s.wait_for("/digest/articles/sailing/", "the renamed page", |r| r.status == 200);
    assert_eq!(s.get("/digest/articles/regatta/").status, 404);

    // Delete a whole folder.
    std::fs::remove_dir_all(s.root().join("content/2024/06")).unwrap();
    events.expect("reload", |_| true);
    assert_eq!(s.get("/digest/articles/sailing/").status, 404);
    assert!(!s.get("/digest/").body.contains("Regatta"));

    // Delete one file.
    std::fs::remove_file(s.root().join(FERRY)).unwrap();
    events.expect("reload", |_| true);
    assert_eq!(s.get(FERRY_PAGE).status, 404);

    // Editor leftovers change nothing.
    s.write("content/2024/05/.market-day.txt.swp", "junk");
    s.write("content/2024/05/market-day.txt~", "junk");
    s.write("content/2024/05/4913", "");
    std::thread::sleep(Duration::from_millis(300));
    s.save("content/2024/05/market-day.txt", &s.read("content/2024/05/market-day.txt").replace("Friday", "Thursday"));
    let reload = events.expect("reload", |_| true);
    assert_eq!(reload["changed"].as_array().unwrap().len(), 1, "only the article: {reload}");
    assert!(s.get("/digest/articles/market-day/").body.contains("from Thursday to Saturday"));
}

#[test]
fn the_timeline_follows_an_edit_with_a_refresh_for_its_own_page() {
    let s = Server::start();
    let events = s.events();
    s.write(FERRY, &format!("{}The first crossing is planned for 3 June 2024.\n", s.read(FERRY)));
    // The edited article reloads at once; the large timeline page follows from the background
    // job, with an event that reloads only that page.
    events.expect("reload", |_| true);
    assert!(s.get(FERRY_PAGE).body.contains("planned for"));
    let refresh = events.expect("refresh", |_| true);
    assert_eq!(refresh["pages"], serde_json::json!(["/digest/timeline.html"]), "{refresh}");
    assert!(s.get("/digest/timeline.html").body.contains("The first crossing is planned"));
}

#[test]
fn a_broken_article_shows_the_error_and_keeps_the_last_good_site() {
    let s = Server::start();
    let events = s.events();
    let good = s.read(FERRY);

    s.save(FERRY, &good.replace("20240502", "2nd of May").replace("twenty", "ninety"));
    let error = events.expect("error", |_| true);
    let d = &error["diagnostics"][0];
    assert_eq!(d["file"], FERRY, "{error}");
    assert_eq!(d["line"], 2, "{error}");
    assert!(d["message"].as_str().unwrap().contains("expected a date"), "{error}");
    assert!(s.log_contains(&format!("{FERRY}:2: expected a date")), "printed in the terminal:\n{}", s.log());

    // The last good site is still served, with the error state for the overlay.
    let page = s.get(FERRY_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("every twenty minutes"));
    assert!(page.body.contains(&format!("\"file\":\"{FERRY}\",\"line\":2")), "error state injected");

    // A second subscriber is told at once.
    s.events().expect("error", |e| e["diagnostics"][0]["file"] == FERRY);

    // Fix it → reload, new text, no error state.
    s.save(FERRY, &good.replace("twenty", "thirty"));
    events.expect("reload", |_| true);
    let page = s.get(FERRY_PAGE);
    assert!(page.body.contains("every thirty minutes"));
    assert!(page.body.contains("\"errors\":[]"), "error state cleared");
}

#[test]
fn templates_stylesheets_and_site_toml() {
    let s = Server::start();
    let events = s.events();

    // A template change re-renders from the cache.
    s.save("templates/404.html", &s.read("templates/404.html").replace("Nothing moored here", "Adrift"));
    events.expect("reload", |_| true);
    assert!(s.get("/digest/missing/").body.contains("Adrift"));

    // A broken template is an error naming the template; fixing it reloads.
    let good = s.read("templates/404.html");
    s.save("templates/404.html", "{% extends \"base.html\" %}\n{% block main %}{% if %}{% endblock main %}\n");
    let error = events.expect("error", |_| true);
    assert_eq!(error["diagnostics"][0]["file"], "templates/404.html", "{error}");
    assert!(s.get("/digest/missing/").body.contains("Adrift"), "last good site kept");
    s.save("templates/404.html", &good);
    events.expect("reload", |_| true);

    // A stylesheet-only change swaps the stylesheet: `css`, not `reload`.
    s.save("static/style.css", "body { color: navy; }\n");
    events.expect("css", |_| true);
    assert_eq!(s.get("/digest/static/style.css").body, "body { color: navy; }\n");

    // A new static file of another kind reloads.
    s.write("static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    events.expect("reload", |_| true);
    assert_eq!(s.get("/digest/static/img/logo.svg").header("content-type"), Some("image/svg+xml"));

    // site.toml rebuilds everything.
    s.save("site.toml", &s.read("site.toml").replace("Harbour Watch", "Quayside Digest"));
    events.expect("reload", |_| true);
    assert!(s.get("/digest/").body.contains("Quayside Digest"));
}

#[test]
fn the_poll_fallback_sees_changes_too() {
    let s = Server::start_with(&["--poll"]);
    let events = s.events();
    // notify's PollWatcher compares modification times in whole seconds.
    std::thread::sleep(Duration::from_millis(1100));
    s.write(FERRY, &s.read(FERRY).replace("every twenty minutes", "every ten minutes"));
    events.expect("reload", |_| true);
    assert!(s.get(FERRY_PAGE).body.contains("every ten minutes"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_at_once_and_cleanly() {
    let mut s = Server::start();
    let _events = s.events(); // an open page must not keep the server alive
    let pid = s.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_newsreel"))
        .args(["serve", "--port", &port, "--root"])
        .arg(fixture())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("port {port} is already in use")), "{err}");
    assert!(err.contains("--port 0"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Headless Chromium through chromedriver's WebDriver HTTP API.

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n))).find(|p| p.is_file())
}

/// A minimal WebDriver client: JSON over HTTP/1.1 on a TcpStream.
struct WebDriver {
    host: String,
    session: String,
    child: Child,
    _profile: tempfile::TempDir,
}

fn http_json(host: &str, method: &str, path: &str, body: Option<&serde_json::Value>) -> serde_json::Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(host).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // chromedriver keeps the connection open: read the head, then exactly the body.
    let mut reader = BufReader::new(stream);
    let (mut length, mut chunked) = (0, false);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end().to_ascii_lowercase();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap();
        }
        chunked |= line.starts_with("transfer-encoding:") && line.contains("chunked");
    }
    let mut json = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).unwrap();
            json.extend_from_slice(&chunk[..n]);
        }
    } else {
        json.resize(length, 0);
        reader.read_exact(&mut json).unwrap();
    }
    serde_json::from_slice(&json).unwrap_or(serde_json::Value::Null)
}

impl WebDriver {
    fn start(chromium: &Path, chromedriver: &Path) -> WebDriver {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let host = format!("127.0.0.1:{port}");
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let started = Instant::now();
        while TcpStream::connect(&host).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = serde_json::json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        }}});
        let mut driver = WebDriver { host, session: String::new(), child, _profile: profile };
        let created = http_json(&driver.host, "POST", "/session", Some(&caps));
        driver.session =
            created["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {created}")).into();
        driver
    }

    fn go(&self, url: &str) {
        http_json(
            &self.host,
            "POST",
            &format!("/session/{}/url", self.session),
            Some(&serde_json::json!({ "url": url })),
        );
    }

    fn eval(&self, script: &str) -> serde_json::Value {
        let body = serde_json::json!({ "script": script, "args": [] });
        http_json(&self.host, "POST", &format!("/session/{}/execute/sync", self.session), Some(&body))["value"].clone()
    }

    fn wait_until(&self, what: &str, script: &str, server: &Server) {
        let started = Instant::now();
        while self.eval(script) != serde_json::Value::Bool(true) {
            if started.elapsed() > WAIT {
                panic!("browser: {what} did not happen in {WAIT:?}\nserver log:\n{}", server.log());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            http_json(&self.host, "DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_real_browser_reloads_and_shows_the_overlay() {
    let (Some(chromium), Some(chromedriver)) =
        (find_program(&["chromium", "chromium-browser"]), find_program(&["chromedriver"]))
    else {
        eprintln!("SKIPPED a_real_browser_reloads_and_shows_the_overlay: chromium and chromedriver are not installed (scripts/install-test-deps.sh installs them)");
        return;
    };
    let s = Server::start();
    let browser = WebDriver::start(&chromium, &chromedriver);
    browser.go(&s.url(FERRY_PAGE));
    browser.wait_until("the page loads", "return document.body.innerText.includes('every twenty minutes')", &s);
    // Mark this page: a reload forgets the mark.
    browser.eval("window.__notReloaded = true; return true");
    let events = s.events();

    let good = s.read(FERRY);
    s.save(FERRY, &good.replace("twenty", "forty"));
    events.expect("reload", |_| true);
    browser.wait_until(
        "the page reloads by itself with the new text",
        "return !window.__notReloaded && document.body.innerText.includes('every forty minutes')",
        &s,
    );

    s.save(FERRY, &good.replace("20240502", "May 2nd"));
    events.expect("error", |_| true);
    browser.wait_until(
        "the overlay names the broken file",
        &format!(
            "var o = document.getElementById('newsreel-overlay'); return !!o && o.innerText.includes('{FERRY}:2')"
        ),
        &s,
    );

    browser.eval("window.__notReloaded = true; return true");
    s.save(FERRY, &good.replace("twenty", "fifty"));
    browser.wait_until(
        "the fix reloads the page and removes the overlay",
        "return !window.__notReloaded && !document.getElementById('newsreel-overlay') \
         && document.body.innerText.includes('every fifty minutes')",
        &s,
    );
}

// ---------------------------------------------------------------------------------------------
// Benchmark (ignored): save → reload event on a generated site.
//
//   cargo run --release --example gen_corpus -- --n 1000 --out /tmp/c1k
//   NEWSREEL_BENCH_SITE=/tmp/c1k cargo test --release --test serve -- --ignored --nocapture save_to_reload

#[test]
#[ignore = "benchmark: needs NEWSREEL_BENCH_SITE (a generated site)"]
fn save_to_reload_benchmark() {
    let Some(site) = std::env::var_os("NEWSREEL_BENCH_SITE").map(PathBuf::from) else {
        eprintln!("set NEWSREEL_BENCH_SITE to a generated site");
        return;
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsreel"))
        .args(["serve", "--watch", "--port", "0", "--root"])
        .arg(&site)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines().map_while(Result::ok);
    let (host, base) = loop {
        let line = lines.next().expect("serve exited");
        eprintln!("{line}");
        if let Some(rest) = line.strip_prefix("serving http://") {
            let (host, path) = rest.split_once('/').unwrap();
            break (host.to_string(), format!("/{}", path.split(' ').next().unwrap()));
        }
    };
    std::thread::spawn(move || {
        for line in lines {
            eprintln!("  {line}");
        }
    });
    let mut stream = TcpStream::connect(&host).unwrap();
    write!(stream, "GET {base}__newsreel/events HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                if tx.send((name.to_string(), Instant::now())).is_err() {
                    return;
                }
            }
        }
    });
    assert_eq!(rx.recv_timeout(WAIT).unwrap().0, "hello");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![site.join("content")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut times = Vec::new();
    for i in 0..21 {
        let file = &files[(i * 37) % files.len()];
        let text = std::fs::read_to_string(file).unwrap();
        let edited = format!("{}\nA late update, number {i}, was added to this report.\n", text.trim_end());
        std::thread::sleep(Duration::from_millis(300));
        let started = Instant::now();
        std::fs::write(file, edited).unwrap();
        let (name, at) = rx.recv_timeout(Duration::from_secs(60)).expect("a reload event");
        assert_eq!(name, "reload");
        if i > 0 {
            times.push(at.duration_since(started).as_secs_f64() * 1000.0); // the first edit warms up
        }
        std::fs::write(file, &text).unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(60)).unwrap().0, "reload");
    }
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    eprintln!(
        "save → reload event over {} edits: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        times.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
