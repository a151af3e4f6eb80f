//! The whole build as a checklist: settings → load → annotate → model → render → write.
//!
//! Each stage is a plain function; this module only runs them in order, times them and turns
//! every problem into one error, decided before anything touches the output folder.

use std::time::{Duration, Instant};

use anyhow::Result;

use crate::annotate::{self, Annotations, Knowledge};
use crate::content::{self, Corpus};
use crate::diagnostics::InvalidInput;
use crate::model::Site;
use crate::output::{self, Output};
use crate::progress::Progress;
use crate::render::{self, templates::Templates};
use crate::settings::Settings;

/// What a successful build produced, for the summary line.
#[derive(Debug)]
pub struct Report {
    pub articles: usize,
    pub entities: usize,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
}

impl Report {
    /// `built 42 articles, 97 pages in 0.31 s -> public/`
    pub fn summary(&self, settings: &Settings) -> String {
        format!(
            "built {} article{}, {} pages in {:.2} s -> {}",
            self.articles,
            if self.articles == 1 { "" } else { "s" },
            self.pages,
            self.elapsed.as_secs_f64(),
            settings.output_display()
        )
    }
}

/// The loaded and annotated site, kept by the dev server between rebuilds.
pub struct Built {
    pub corpus: Corpus,
    pub notes: Annotations,
    pub templates: Templates,
    pub output: Output,
}

/// Loads and annotates; any problem in the content is an error listing all of them.
pub fn load_and_annotate(settings: &Settings, progress: &Progress) -> Result<(Corpus, Annotations)> {
    progress.stage("loading articles");
    // The knowledge base (~70 ms, one thread) is built while the articles load.
    let ((corpus, mut problems), knowledge) = rayon::join(
        || content::load(&settings.root, &settings.content_dir, settings.drafts),
        || annotate::load_gazetteer(settings).map(|g| settings.annotate.enabled.then(|| Knowledge::new(&g))),
    );
    let knowledge = knowledge.unwrap_or_else(|mut d| {
        problems.append(&mut d);
        None
    });
    if !problems.is_empty() {
        return Err(InvalidInput::new(problems).into());
    }
    let notes = match knowledge {
        Some(knowledge) => annotate::run_with(&corpus, &knowledge, settings, &|s| progress.stage(s)),
        None => Annotations::none(&corpus),
    };
    Ok((corpus, notes))
}

/// Renders a loaded site into memory.
pub fn render_site(
    settings: &Settings,
    corpus: &Corpus,
    notes: &Annotations,
    templates: &Templates,
    progress: &Progress,
) -> Result<Output> {
    progress.stage("rendering");
    let site = Site::build(corpus, notes);
    render::render(&site, settings, templates).map_err(|d| InvalidInput::new(d).into())
}

/// Loads templates (built-in + the site's overrides).
pub fn load_templates(settings: &Settings) -> Result<Templates> {
    render::templates::load(&settings.root, &settings.templates_dir).map_err(|d| InvalidInput::new(d).into())
}

/// Builds everything in memory without writing (used by `serve` and `check`).
pub fn build_in_memory(settings: &Settings, progress: &Progress) -> Result<Built> {
    let templates = load_templates(settings)?;
    let (corpus, notes) = load_and_annotate(settings, progress)?;
    let output = render_site(settings, &corpus, &notes, &templates, progress)?;
    Ok(Built { corpus, notes, templates, output })
}

/// `newsreel build`: everything, streamed into a staging folder as it is rendered, then swapped
/// into the output folder. Any problem leaves the previous output as it was.
pub fn build(settings: &Settings, progress: &Progress) -> Result<Report> {
    let started = Instant::now();
    let templates = load_templates(settings)?;
    let (corpus, notes) = load_and_annotate(settings, progress)?;
    progress.stage("indexing");
    let site = Site::build(&corpus, &notes);
    progress.stage("rendering and writing");
    let mut rendered = render::Rendered::default();
    let written = output::write_with(&settings.output_dir, |staging| {
        let put = |path: &str, bytes: &[u8], write: render::Write| {
            match write {
                render::Write::Create => staging.put(path, bytes),
                render::Write::Append => staging.append(path, bytes),
            }
            .map_err(|e| format!("{e:#}"))
        };
        rendered = render::render_into(&site, settings, &templates, &put)?;
        Ok::<(), Vec<crate::diagnostics::Diagnostic>>(())
    });
    match written {
        Ok(()) => {}
        Err(output::WriteError::Fill(problems)) => return Err(InvalidInput::new(problems).into()),
        Err(output::WriteError::Io(e)) => return Err(e),
    }
    progress.done();
    Ok(Report {
        articles: corpus.articles.len(),
        entities: notes.entities.len(),
        pages: rendered.pages,
        files: rendered.files,
        elapsed: started.elapsed(),
    })
}
