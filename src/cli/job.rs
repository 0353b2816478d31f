//! `dcfoot run` and `dcfoot report`: build the job, show progress on a terminal, print a
//! short summary.

use std::io::IsTerminal;
use std::time::Instant;

use dcfoot::Result;
use dcfoot::lang::Lang;
use dcfoot::number::human;
use dcfoot::output::markdown::value_with_range;
use dcfoot::output::tables::{Units, indicator_label};
use dcfoot::pipeline::{self, JobConfig, JobSummary, Progress};
use dcfoot::text::escape_control;
use indicatif::{ProgressBar, ProgressStyle};

/// Runs a job with a progress bar (only when standard error is a terminal).
pub fn execute(config: &JobConfig) -> Result<JobSummary> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message("running scenarios");
        Some(bar)
    } else {
        None
    };
    let progress = |event: Progress| {
        if let Some(bar) = &bar {
            match event {
                Progress::Start(total) => bar.set_length(total),
                Progress::Step => bar.inc(1),
                Progress::Writing => bar.set_message("writing"),
            }
        }
    };
    let result = pipeline::execute(config, &progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

/// The terminal summary of a job.
pub fn summary(summary: &JobSummary, lang: Lang, started: Instant) -> String {
    let mut text = String::new();
    for result in &summary.results {
        let scenario = &result.scenario;
        let units = Units::of(result);
        // Titles and labels come from scenario files: shown with control characters escaped,
        // so a newline in a title cannot fake a line of this summary.
        text.push_str(&format!("{}\n", escape_control(scenario.title.get(lang))));
        let when = scenario
            .headline_year
            .map_or_else(String::new, |year| format!(", {year}"));
        text.push_str(&format!(
            "  {}{when}\n",
            indicator_label(scenario.headline, lang)
        ));
        let width = result
            .variants
            .iter()
            .map(|variant| {
                escape_control(variant.variant.label.get(lang))
                    .chars()
                    .count()
            })
            .max()
            .unwrap_or(0)
            .min(48);
        for variant in &result.variants {
            let value = variant
                .outcome
                .get(scenario.headline, scenario.headline_year)
                .map(|stats| value_with_range(&units, scenario.headline, stats, lang))
                .unwrap_or_else(|| "–".into());
            text.push_str(&format!(
                "    {:<width$}  {}\n",
                escape_control(variant.variant.label.get(lang)),
                value.replace(['\u{a0}', '\u{202f}'], " ")
            ));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    text.push_str(&format!(
        "\nwrote {} files ({} MB) to {} in {} s (seed {}, {} draws per variant; ranges are 90% intervals)\n",
        summary.files,
        human(summary.bytes as f64 / 1e6, 2, Lang::En),
        escape_control(&summary.out.display().to_string()),
        human(seconds, 2, Lang::En),
        summary.results.first().map_or(0, |r| r.config.seed),
        summary.results.first().map_or(0, |r| r.config.samples),
    ));
    text
}
