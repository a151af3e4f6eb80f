//! The `newsreel` binary: parse the command line, call the library, print the outcome once.

use std::process::ExitCode;

use clap::Parser;

use newsreel::cli::{Cli, Command};
use newsreel::diagnostics::InvalidInput;
use newsreel::progress::Progress;
use newsreel::settings::Settings;

/// Rendering allocates many short-lived strings and JSON values on every thread; mimalloc's
/// per-thread heaps make that markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build(args) => {
            let settings = Settings::load(&args.site.root, &args.overrides())?;
            let progress = Progress::new(args.quiet);
            let progress = if args.timings { progress.with_timings() } else { progress };
            let report = newsreel::build::build(&settings, &progress)?;
            eprintln!("{}", report.summary(&settings));
        }
        Command::Annotate(args) => {
            let settings = Settings::load(&args.site.root, &args.site.overrides())?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            newsreel::annotate::export::write_annotations(&settings, args.pretty, &mut out)?;
        }
        Command::Check(args) => {
            let settings = Settings::load(&args.site.root, &args.overrides())?;
            let report = newsreel::check::check(&settings, &Progress::new(args.quiet))?;
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            for problem in &report.problems {
                writeln!(out, "{problem}")?;
            }
            if !report.is_ok() {
                anyhow::bail!("{}", report.summary());
            }
            writeln!(out, "{}", report.summary())?;
        }
        Command::Serve(args) => {
            newsreel::serve::serve(&newsreel::serve::Options {
                root: args.site.root,
                drafts: args.site.drafts,
                watch: args.watch,
                poll: args.poll,
                port: args.port,
                bind: args.bind,
                open: args.open,
            })?;
        }
        Command::Init(args) => {
            newsreel::init::init(&args.dir)?;
            eprintln!(
                "created a new site in {0}; preview it with `newsreel serve --watch --root {0}`",
                args.dir.display()
            );
        }
    }
    Ok(())
}

/// Prints an error: diagnostics one per line, anything else as its cause chain.
fn report(err: &anyhow::Error) {
    if let Some(invalid) = err.downcast_ref::<InvalidInput>() {
        eprintln!("{invalid}");
        return;
    }
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
