//! The command line: raw flags only. `main` resolves them into [`crate::settings::Settings`].

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::settings::Overrides;

/// newsreel turns a folder of news articles into an annotated static website: a digest front
/// page, article pages whose people, places, organisations and dates link to entity pages and a
/// timeline, feeds and search.
#[derive(Debug, Parser)]
#[command(name = "newsreel", version, about, long_about = None, after_help = "Start with `newsreel init my-digest`, then `newsreel serve --watch --root my-digest`.\nDocumentation: the README in the newsreel repository.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build(BuildArgs),
    /// Load and annotate the articles, and print the annotations as JSON on stdout.
    Annotate(AnnotateArgs),
    /// Create a new site in DIR that builds at once.
    Init(InitArgs),
    /// Build the site in memory and serve it over HTTP; with --watch, rebuild and reload the
    /// browser on every change.
    Serve(ServeArgs),
    /// Build the site in memory and verify it: links, anchors, sub-path, feeds, sitemap.
    Check(CheckArgs),
}

/// Where the site is and how to read it.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site folder (the one holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Write the site here instead of site.toml's output_dir.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Override site.toml's base_url (e.g. https://user.github.io/digest/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only errors and the summary line (no progress).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each stage took (loading, annotating, rendering…) on stderr.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Pretty-print the JSON.
    #[arg(long)]
    pub pretty: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Check the site as built for this base_url (e.g. https://user.github.io/digest/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only the problems and the summary line (no progress).
    #[arg(long, short)]
    pub quiet: bool,
}

impl CheckArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides { base_url: self.base_url.clone(), drafts: self.site.drafts, ..Overrides::default() }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must be empty or not exist).
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Watch content/, templates/, static/ and site.toml; rebuild and reload open pages on change.
    #[arg(long, short)]
    pub watch: bool,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on (only this machine by default).
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1", value_parser = parse_bind)]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of using file-system events (network drives, some containers).
    #[arg(long)]
    pub poll: bool,
}

impl BuildArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides { output_dir: self.output_dir.clone(), base_url: self.base_url.clone(), drafts: self.site.drafts }
    }
}

impl SiteArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides { drafts: self.drafts, ..Overrides::default() }
    }
}

/// Parses an IP address for `--bind`.
pub fn parse_bind(s: &str) -> Result<IpAddr, String> {
    s.parse().map_err(|_| format!("expected an IP address such as 127.0.0.1 or 0.0.0.0, found {s:?}"))
}
