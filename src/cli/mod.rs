//! Command-line definitions (clap) and one handler per command. Nothing here is used by the
//! library: handlers turn arguments into the library's plain request types.

mod completions;
mod datasets;
mod embodied;
mod estimate;
mod job;
mod sources;
mod tokens;

use std::io::Write;
use std::path::PathBuf;

use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dcfoot::Result;
use dcfoot::data::Datasets;
use dcfoot::lang::Lang;
use dcfoot::output::csv::CsvLocale;
use dcfoot::pipeline::JobConfig;
use dcfoot::uncertainty::McConfig;
use dcfoot::uncertainty::mc::{DEFAULT_SAMPLES, DEFAULT_SEED};

/// Estimate the electricity, water and carbon footprint of data centres and generative AI
/// from published, sourced figures — with the uncertainty of every result.
#[derive(Debug, Parser)]
#[command(name = "dcfoot", version, about, max_term_width = 100)]
#[command(after_help = "Examples:
  dcfoot report                         write the full report to reports/
  dcfoot estimate --it-energy 1287MWh --pue 1.17 --wue 0.55 --ewif 3.142
  dcfoot estimate --queries 1e9 --energy-per-query 0.24 --query-boundary facility \\
                  --region US --operator google
  dcfoot datasets list
  dcfoot sources LI-2023")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by commands that read datasets.
#[derive(Debug, Args, Clone)]
pub struct DataArgs {
    /// Use the dataset CSV files of DIR instead of the built-in ones (a file DIR lacks falls
    /// back to the built-in copy).
    #[arg(long, value_name = "DIR", global = true)]
    datasets: Option<PathBuf>,
}

impl DataArgs {
    fn load(&self) -> Result<Datasets> {
        Datasets::load(self.checked()?.as_deref())
    }

    /// The `--datasets` folder, checked to exist so the error names the flag.
    fn checked(&self) -> Result<Option<PathBuf>> {
        match &self.datasets {
            Some(dir) if !dir.is_dir() => Err(dcfoot::InputError::flag(
                "--datasets",
                format!("no such datasets folder `{}`", dir.display()),
            )
            .hint("give a folder holding dataset CSV files, or leave out --datasets")
            .into()),
            other => Ok(other.clone()),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run every built-in scenario and write the full report (Markdown, HTML, CSV, charts).
    Report(ReportArgs),
    /// Run scenario files (or built-in scenario names) and write their tables and charts.
    Run(RunArgs),
    /// Compute one footprint from flags and print it.
    Estimate(Box<estimate::EstimateArgs>),
    /// List, show or validate the datasets.
    Datasets(datasets::DatasetsArgs),
    /// Show the bibliography, or one source with the values that cite it.
    Sources(sources::SourcesArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man(completions::ManArgs),
}

/// Options of the jobs that run scenarios (`report` and `run`).
#[derive(Debug, Args)]
struct JobArgs {
    /// Monte Carlo draws per scenario variant.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    samples: Option<usize>,
    /// Seed of the random streams.
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    seed: Option<u64>,
    /// CSV flavour: `default` (comma, decimal point) or `fr` (semicolon, decimal comma, BOM).
    #[arg(long, value_enum, default_value = "default")]
    csv_locale: CsvLocaleArg,
    /// Replace DIR even if dcfoot did not create it.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    data: DataArgs,
}

impl JobArgs {
    /// The job's configuration, the flags checked (so errors name them).
    fn config(
        self,
        scenarios: Vec<String>,
        out: PathBuf,
        languages: Vec<Lang>,
        report: bool,
    ) -> Result<JobConfig> {
        let datasets_dir = self.data.checked()?;
        let samples = self.samples.unwrap_or(DEFAULT_SAMPLES);
        check_samples(samples)?;
        Ok(JobConfig {
            scenarios,
            out,
            languages,
            mc: McConfig {
                samples,
                seed: self.seed.unwrap_or(DEFAULT_SEED),
            },
            csv_locale: self.csv_locale.into(),
            force: self.force,
            datasets_dir,
            report,
        })
    }
}

/// Options of `report`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  dcfoot report
  dcfoot report --out my-report --lang fr --csv-locale fr")]
struct ReportArgs {
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    out: PathBuf,
    /// Language of the report and charts (default: English, plus French in DIR/fr).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    #[command(flatten)]
    job: JobArgs,
}

/// Options of `run`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  dcfoot run world-datacenters
  dcfoot run my-scenario.toml --out results --samples 20000 --seed 7")]
struct RunArgs {
    /// Scenario files (.toml) or built-in scenario names.
    #[arg(required = true, value_name = "SCENARIO")]
    scenarios: Vec<String>,
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "dcfoot-out")]
    out: PathBuf,
    /// Language of the charts and summary.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    #[command(flatten)]
    job: JobArgs,
}

/// Report language.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    /// English.
    En,
    /// French.
    Fr,
}

/// CSV flavour.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum CsvLocaleArg {
    /// RFC 4180: comma separator, `.` decimals, UTF-8 without BOM.
    Default,
    /// French Excel: `;` separator, decimal comma, UTF-8 with BOM.
    Fr,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Report(args) => {
            let languages = match args.lang {
                None => vec![Lang::En, Lang::Fr],
                Some(lang) => vec![lang.into()],
            };
            let config = args
                .job
                .config(Vec::new(), args.out, languages.clone(), true)?;
            let started = Instant::now();
            let summary = job::execute(&config)?;
            let mut text = job::summary(&summary, languages[0], started);
            text.push_str(&format!(
                "open {}\n",
                summary.out.join("index.html").display()
            ));
            print(&text)
        }
        Command::Run(args) => {
            let lang: Lang = args.lang.into();
            let config = args
                .job
                .config(args.scenarios, args.out, vec![lang], false)?;
            let started = Instant::now();
            let summary = job::execute(&config)?;
            print(&job::summary(&summary, lang, started))
        }
        Command::Estimate(args) => estimate::run(*args),
        Command::Datasets(args) => datasets::run(args),
        Command::Sources(args) => sources::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    }
}

/// Checks `--samples` (the engine's bounds, worded for the flag).
fn check_samples(samples: usize) -> Result<()> {
    dcfoot::uncertainty::mc::check_samples(samples).map_err(|error| {
        let input = dcfoot::InputError::flag("--samples", error.to_string());
        match error.hint() {
            Some(hint) => input.hint(hint).into(),
            None => input.into(),
        }
    })
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
        }
    }
}

impl From<CsvLocaleArg> for CsvLocale {
    fn from(locale: CsvLocaleArg) -> Self {
        match locale {
            CsvLocaleArg::Default => CsvLocale::Default,
            CsvLocaleArg::Fr => CsvLocale::Fr,
        }
    }
}

/// Writes text to standard output, reporting a failure (a closed pipe included) as an error.
fn print(text: &str) -> Result<()> {
    print_bytes(text.as_bytes())
}

/// Writes rendered bytes to standard output.
fn print_bytes(bytes: &[u8]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(bytes)
        .and_then(|()| lock.flush())
        .map_err(|error| dcfoot::Error::io("writing", std::path::Path::new("<stdout>"), error))
}
