//! `newsreel serve`: build once in memory, serve over HTTP, and with `--watch` rebuild the least
//! that each change needs and reload every open page.
//!
//! 1. [`rebuild::Workspace`] builds the site and keeps the stages' results.
//! 2. [`http`] serves the last good site from memory ([`state::State`]), injecting the
//!    [`reload`] script into pages.
//! 3. [`watch`] turns file-system events into debounced batches of paths.
//! 4. [`classify::classify`] decides the least work for a batch; the workspace does it.
//! 5. The new site is published in one swap, then `reload` (or `css`, or `error`) goes to every
//!    open page. A failed rebuild keeps the last good site and shows why.
//!
//! Nothing here writes to the disk: not the output folder, and never the site's sources.

pub mod classify;
pub mod http;
pub mod rebuild;
pub mod reload;
pub mod state;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};

use crate::diagnostics::{Diagnostic, InvalidInput};
use crate::settings::Overrides;

use classify::{classify, Change, Layout};
use rebuild::Workspace;
use reload::Event;
use state::{Snapshot, State};

/// `newsreel serve` flags, resolved.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub drafts: bool,
    pub watch: bool,
    pub poll: bool,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
}

/// What wakes the rebuild loop.
#[derive(Debug)]
pub enum Wake {
    /// A debounced batch of changed paths.
    Changed(Vec<PathBuf>),
    /// A background [`rebuild::ExportJob`] finished: its id and files.
    Exports(u64, crate::render::RenderedFiles),
    /// Ctrl-C.
    Stop,
}

/// After a partial rebuild, the feeds, data exports and timeline page (which cover every
/// article) are refreshed on a background thread once no change came for this long: while an
/// editor saves in quick succession they would only compete with the next rebuild for the CPU.
const EXPORTS_AFTER: Duration = Duration::from_millis(500);

/// A failed rebuild waits this long for more changes before it reports: an editor may still be
/// writing the file, and a half-written file is not worth an error overlay.
const SETTLE: Duration = Duration::from_millis(120);

/// Serves the site until Ctrl-C.
pub fn serve(options: &Options) -> Result<()> {
    let listener = listen(options.bind, options.port)?;
    let port = listener.local_addr().context("could not read the listening address")?.port();
    let origin = format!("http://{}:{port}", url_host(options.bind));
    let overrides = Overrides { drafts: options.drafts, ..Overrides::default() };
    let mut workspace = Workspace::open(&options.root, overrides, origin.clone())?;

    let started = Instant::now();
    let first = workspace.rebuild_all();
    let base_path = workspace.settings().base_url.path.clone();
    let state = Arc::new(State::new(Snapshot { base_path: base_path.clone(), ..Snapshot::default() }));
    match first {
        Ok(update) => {
            let pages = update.files.keys().filter(|p| p.ends_with(".html")).count();
            state.publish(update.files, base_path.clone(), Vec::new());
            eprintln!(
                "built {} articles, {pages} pages in {:.2} s",
                workspace.articles(),
                started.elapsed().as_secs_f64()
            );
        }
        Err(problems) if options.watch => {
            print_problems(&problems);
            state.set_errors(problems);
        }
        Err(problems) => return Err(InvalidInput::new(problems).into()),
    }

    let (wake, woken) = mpsc::channel();
    let exports_done = wake.clone();
    // Watch before announcing the address, so an edit made right after is not missed.
    let _watch = if options.watch {
        Some(watch::start(&Layout::new(workspace.settings()), options.poll, wake.clone())?)
    } else {
        None
    };
    let stopping = AtomicBool::new(false);
    ctrlc::set_handler(move || {
        // The first Ctrl-C stops after the rebuild in progress (if any); a second one at once.
        if stopping.swap(true, Ordering::SeqCst) || wake.send(Wake::Stop).is_err() {
            std::process::exit(130);
        }
    })
    .context("could not install the Ctrl-C handler")?;

    let http_state = Arc::clone(&state);
    std::thread::Builder::new()
        .name("newsreel-accept".into())
        .spawn(move || http::run(listener, http_state))
        .context("could not start the HTTP server")?;
    let address = format!("{origin}{base_path}");
    eprintln!("serving {address} (Ctrl-C to stop)");
    if options.open {
        open_browser(&address);
    }
    rebuild_loop(&mut workspace, &woken, &exports_done, &state);
    eprintln!("stopped");
    Ok(())
}

/// Binds the listener; a taken port is a clear error.
fn listen(ip: IpAddr, port: u16) -> Result<TcpListener> {
    TcpListener::bind((ip, port)).map_err(|e| {
        let shown = if ip.is_ipv6() { format!("[{ip}]:{port}") } else { format!("{ip}:{port}") };
        if e.kind() == std::io::ErrorKind::AddrInUse {
            anyhow!(
                "port {port} is already in use on {ip} (is another `newsreel serve` running?); \
                 choose another with --port, or use --port 0 to pick a free one"
            )
        } else {
            anyhow!(e).context(format!("could not listen on {shown}"))
        }
    })
}

/// The host to put in URLs: a wildcard address is reachable as localhost.
fn url_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => Ipv4Addr::LOCALHOST.to_string(),
        IpAddr::V6(v6) if v6.is_unspecified() => "[::1]".into(),
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// Waits for changes and applies them until [`Wake::Stop`].
fn rebuild_loop(workspace: &mut Workspace, woken: &Receiver<Wake>, exports_done: &Sender<Wake>, state: &State) {
    let mut carried: Option<Vec<PathBuf>> = None;
    // Problems of a failed rebuild held back while more changes came in.
    let mut unreported: Option<Vec<Diagnostic>> = None;
    loop {
        let paths = match carried.take() {
            Some(paths) => paths,
            None => {
                let wake = if workspace.exports_stale() {
                    woken.recv_timeout(EXPORTS_AFTER)
                } else {
                    woken.recv().map_err(|_| RecvTimeoutError::Disconnected)
                };
                match wake {
                    Ok(Wake::Changed(paths)) => paths,
                    Ok(Wake::Exports(id, files)) => {
                        absorb_exports(workspace, state, id, files);
                        continue;
                    }
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some(job) = workspace.export_job() {
                            spawn_exports(job, exports_done.clone());
                        }
                        continue;
                    }
                    Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        };
        let layout = Layout::new(workspace.settings());
        let change = classify(&layout, &paths);
        if change == Change::Nothing {
            if let Some(problems) = unreported.take() {
                report(state, problems);
            }
            continue;
        }
        let paths: Vec<PathBuf> = classify::relevant(&layout, &paths).into_iter().cloned().collect();
        let started = Instant::now();
        match workspace.apply(&change) {
            Ok(update) => {
                unreported = None;
                let problems = workspace.problems();
                let base_path = workspace.settings().base_url.path.clone();
                let generation = state.publish(update.files, base_path, problems);
                let event = if update.css_only {
                    Event::Css { generation }
                } else {
                    Event::Reload { generation, changed: shown_paths(workspace, &paths) }
                };
                state.events.send(&event);
                eprintln!(
                    "{} → {} file{} in {} ms{}",
                    describe(&change, workspace, &paths),
                    update.written,
                    if update.written == 1 { "" } else { "s" },
                    started.elapsed().as_millis(),
                    if update.full { " (every page)" } else { "" }
                );
                // Feeds, data exports and the timeline page follow on their own thread once
                // the editor pauses (see `EXPORTS_AFTER`).
            }
            Err(problems) => loop {
                match woken.recv_timeout(SETTLE) {
                    Ok(Wake::Changed(paths)) => {
                        carried = Some(paths);
                        unreported = Some(problems);
                    }
                    Ok(Wake::Exports(id, files)) => {
                        absorb_exports(workspace, state, id, files);
                        continue;
                    }
                    Ok(Wake::Stop) => return,
                    Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => report(state, problems),
                }
                break;
            },
        }
    }
}

/// Runs an export job on a thread of its own, with one worker, so the next edit's render keeps
/// the shared pool; its files come back as [`Wake::Exports`].
fn spawn_exports(job: rebuild::ExportJob, done: Sender<Wake>) {
    let spawned = std::thread::Builder::new().name("newsreel-exports".into()).spawn(move || {
        let files = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
            Ok(pool) => pool.install(|| job.run()),
            Err(_) => job.run(),
        };
        if let Some(files) = files {
            let _ = done.send(Wake::Exports(job.id, files));
        }
    });
    if let Err(e) = spawned {
        eprintln!("warning: could not refresh the feeds and data exports: {e}");
    }
}

fn absorb_exports(workspace: &mut Workspace, state: &State, id: u64, files: crate::render::RenderedFiles) {
    let Some((files, pages)) = workspace.absorb_exports(id, files) else { return };
    if pages.is_empty() {
        state.refresh(files);
        return;
    }
    let generation = state.republish(files);
    let base = &workspace.settings().base_url;
    let pages = pages.iter().map(|p| base.path_for(p.strip_suffix("index.html").unwrap_or(p))).collect();
    state.events.send(&Event::Refresh { generation, pages });
}

/// A failed rebuild: in the terminal, in the state new pages get, and to every open page.
fn report(state: &State, problems: Vec<Diagnostic>) {
    print_problems(&problems);
    state.set_errors(problems.clone());
    state.events.send(&Event::Error(problems));
}

fn shown_paths(workspace: &Workspace, paths: &[PathBuf]) -> Vec<String> {
    let root = &workspace.settings().root;
    paths.iter().map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string().replace('\\', "/")).collect()
}

/// `content/a.md changed` for the terminal.
fn describe(change: &Change, workspace: &Workspace, paths: &[PathBuf]) -> String {
    let what = match change {
        Change::Nothing => "nothing",
        Change::Static(_) => "static",
        Change::Templates { .. } => "templates",
        Change::Articles { .. } => "articles",
        Change::Everything => "site",
    };
    let shown = shown_paths(workspace, paths);
    let list = if shown.len() > 3 {
        format!("{} and {} more", shown[..3].join(", "), shown.len() - 3)
    } else {
        shown.join(", ")
    };
    format!("{what}: {list}")
}

fn print_problems(problems: &[Diagnostic]) {
    for d in problems {
        eprintln!("{d}");
    }
    let n = problems.len();
    eprintln!(
        "{n} problem{} found; still serving the last good site. Fix {} and save to rebuild.",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" }
    );
}

/// Opens `url` in the default browser, best effort.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = command.arg(url).stdin(std::process::Stdio::null()).spawn() {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}
