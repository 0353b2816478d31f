//! Markdown for people: one section per scenario (also written as the scenario folder's
//! README.md) — key numbers, findings, charts, method, inputs with their sources.

use super::findings;
use super::tables::{Units, indicator_label, input_display};
use crate::data::Datasets;
use crate::lang::{Lang, Text};
use crate::model::Indicator;
use crate::model::Way;
use crate::number::{human, space};
use crate::provenance::source_list;
use crate::scenario::{EnergySpec, Evidence, ScenarioResult};
use crate::text::{capitalise, lowercase_first};

/// Escapes text for Markdown (so a title cannot inject markup or HTML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '#' | '~' | '!'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// ":" in English, a no-break space and ":" in French.
pub fn colon(lang: Lang) -> &'static str {
    lang.pick(":", "\u{a0}:")
}

/// A unit symbol in words of the language (for tables).
fn unit_words(unit: &str, lang: Lang) -> String {
    match (unit, lang) {
        ("queries/day", Lang::Fr) => "requêtes par jour".into(),
        ("queries/day", Lang::En) => "queries a day".into(),
        ("count", _) | ("ratio", _) | ("fraction", _) => String::new(),
        ("GPU-h", Lang::Fr) => "heures-GPU".into(),
        ("%/yr", Lang::Fr) => "%/an".into(),
        (other, _) => other.to_string(),
    }
}

/// A distribution in words, its values multiplied by `factor` (to the unit shown), numbers in
/// the language's format.
pub fn dist_words(dist: &crate::dist::Dist, factor: f64, lang: Lang) -> String {
    use crate::dist::Dist;
    let n = |value: f64| human(value * factor, 4, lang);
    match dist {
        Dist::Fixed(value) => n(*value),
        Dist::Uniform { min, max } => format!(
            "{} {}–{}",
            lang.pick("uniform", "uniforme"),
            n(*min),
            n(*max)
        ),
        Dist::Triangular { min, mode, max } => format!(
            "{} {}, {} {}, {}",
            lang.pick("triangular", "triangulaire"),
            n(*min),
            lang.pick("mode", "mode"),
            n(*mode),
            n(*max)
        ),
        Dist::Pert { min, mode, max, .. } => format!(
            "PERT {}, {} {}, {}",
            n(*min),
            lang.pick("mode", "mode"),
            n(*mode),
            n(*max)
        ),
        Dist::Normal {
            mean,
            sd,
            lower,
            upper,
            ..
        } => {
            let mut text = format!(
                "{} {} ± {}",
                lang.pick("normal", "normale"),
                n(*mean),
                n(*sd)
            );
            if lower.is_finite() || upper.is_finite() {
                text.push_str(&format!(
                    ", {} {}–{}",
                    lang.pick("truncated to", "tronquée à"),
                    if lower.is_finite() {
                        n(*lower)
                    } else {
                        "−∞".into()
                    },
                    if upper.is_finite() {
                        n(*upper)
                    } else {
                        "∞".into()
                    }
                ));
            }
            text
        }
        Dist::LogNormal { .. } => format!(
            "{}{} {}–{}",
            lang.pick(
                "lognormal, 5th–95th percentile",
                "lognormale, 5e–95e centile"
            ),
            colon(lang),
            n(dist.quantile(0.05)),
            n(dist.quantile(0.95)),
        ),
    }
}

/// The evidence grade in words.
pub fn evidence_label(evidence: Evidence, lang: Lang) -> &'static str {
    let words = match evidence {
        Evidence::Strong => Text::new("strong evidence", "preuves solides"),
        Evidence::Moderate => Text::new("moderate evidence", "preuves moyennes"),
        Evidence::Weak => Text::new("weak evidence", "preuves fragiles"),
        Evidence::Disputed => Text::new("disputed", "contesté"),
    };
    words.pick(lang)
}

/// A value with its 90 % range for tables: "945 TWh (620–1,250)".
pub fn value_with_range(
    units: &Units,
    indicator: Indicator,
    stats: &crate::uncertainty::Stats,
    lang: Lang,
) -> String {
    let unit = units.get(indicator);
    let show = |value: f64| human(units.show(indicator, value), 3, lang);
    let label = if indicator == Indicator::Share {
        "%"
    } else {
        unit.label_for(units.show(indicator, stats.central), lang)
    };
    if stats.is_uncertain() {
        format!(
            "{}{}{} ({}–{})",
            show(stats.central),
            space(lang),
            label,
            show(stats.p5),
            show(stats.p95)
        )
    } else {
        format!("{}{}{}", show(stats.central), space(lang), label)
    }
}

/// How the energy is obtained, in words.
fn energy_words(spec: &EnergySpec, lang: Lang) -> String {
    let boundary = |boundary: crate::model::Boundary| {
        let words = match boundary {
            crate::model::Boundary::It => Text::new(
                "IT equipment only (before PUE)",
                "équipements informatiques seuls (avant PUE)",
            ),
            crate::model::Boundary::Facility => Text::new(
                "whole facility (what the grid delivers)",
                "site entier (ce que fournit le réseau)",
            ),
        };
        words.pick(lang)
    };
    let b = &spec.boundary;
    match &spec.way {
        Way::Direct { .. } => format!(
            "{} {}",
            lang.pick("published energy, boundary:", "énergie publiée, périmètre :"),
            boundary(*b)
        ),
        Way::Share { .. } => format!(
            "{} {}",
            lang.pick(
                "a share of a total consumption, boundary:",
                "une part d'une consommation totale, périmètre :"
            ),
            boundary(*b)
        ),
        Way::Power { .. } => format!(
            "{} {}",
            lang.pick(
                "power × load factor × hours, boundary:",
                "puissance × facteur de charge × heures, périmètre :"
            ),
            boundary(*b)
        ),
        Way::Hardware { .. } => lang
            .pick(
                "accelerators × rated power × utilisation × hours × host overhead ÷ (1 − idle share)",
                "accélérateurs × puissance nominale × utilisation × heures × surcoût serveur ÷ (1 − part inactive)",
            )
            .to_string(),
        Way::Usage { .. } => format!(
            "{} {}",
            lang.pick(
                "queries × energy per query; the per-query figure's boundary:",
                "requêtes × énergie par requête ; périmètre du chiffre par requête :"
            ),
            boundary(*b)
        ),
        Way::Tokens { .. } => lang
            .pick(
                "requests × energy of one request from the model's parameters and its tokens \
                 (EcoLogits' LLM-inference method, with input tokens counted by their prefill \
                 energy), IT equipment before PUE",
                "requêtes × énergie d'une requête selon les paramètres du modèle et ses jetons \
                 (méthode d'inférence LLM d'EcoLogits, les jetons d'entrée comptés par \
                 l'énergie de leur pré-remplissage), équipements informatiques avant PUE",
            )
            .to_string(),
    }
}

/// What the embodied impacts count and leave out, in words.
fn embodied_words(
    spec: &crate::model::EmbodiedPlan<crate::model::SeriesSpec>,
    lang: Lang,
) -> String {
    let how = match spec {
        crate::model::EmbodiedPlan::Amortised { .. } => lang.pick(
            "the manufacturing of the accelerators (chips, memory, board, cooling parts) and of \
             their share of the host server, amortised over the hardware's life by the \
             accelerator-hours the work uses (for a request: GPUs × generation time ÷ batch \
             size); embodied water is the chip factory's water.",
            "la fabrication des accélérateurs (puces, mémoire, carte, refroidissement) et de leur \
             part du serveur hôte, amortie sur la vie du matériel selon les heures-accélérateur \
             utilisées (pour une requête : GPU × durée de génération ÷ taille du lot) ; l'eau \
             intrinsèque est celle de l'usine de puces.",
        ),
        crate::model::EmbodiedPlan::Share { .. } => lang.pick(
            "a published share of manufacturing in the life cycle's CO₂e, applied to the \
             operational CO₂e.",
            "une part publiée de la fabrication dans le CO₂e du cycle de vie, appliquée au CO₂e \
             d'exploitation.",
        ),
    };
    let excluded = lang.pick(
        "Not included: the data-centre building and its equipment, the network, end-user \
         devices, and end of life (except inside one per-card figure). Life-cycle CO₂e is \
         operational plus embodied; operational CO₂e stays the electricity's alone.",
        "Non compris : le bâtiment du centre de données et ses équipements, le réseau, les \
         terminaux des utilisateurs et la fin de vie (sauf dans un chiffre par carte). Le CO₂e \
         du cycle de vie est la somme de l'exploitation et de la fabrication ; le CO₂e \
         d'exploitation reste celui de l'électricité seule.",
    );
    format!("{how} {excluded}")
}

/// A chart to show in a section: (file stem, title).
#[derive(Debug, Clone)]
pub struct ChartRef {
    /// File stem under `charts/`.
    pub id: String,
    /// Title (alt text).
    pub title: String,
}

/// One scenario as a Markdown section. `path_prefix` is prepended to file links (the
/// scenario's folder when the section is part of the report).
pub fn scenario_section(
    result: &ScenarioResult,
    datasets: &Datasets,
    lang: Lang,
    level: usize,
    path_prefix: &str,
    charts: &[ChartRef],
) -> String {
    let scenario = &result.scenario;
    let units = Units::of(result);
    let heading = "#".repeat(level);
    let sub = "#".repeat(level + 1);
    let mut md = String::new();
    md.push_str(&format!(
        "{heading} {}\n\n",
        escape(scenario.title.get(lang))
    ));
    md.push_str(&format!("{}\n\n", escape(scenario.description.get(lang))));

    // Findings first: the key numbers in words.
    if !scenario.findings.is_empty() {
        md.push_str(&format!(
            "{sub} {}\n\n",
            lang.pick("What the numbers say", "Ce que disent les chiffres")
        ));
        for finding in &scenario.findings {
            let (text, why) = findings::finding_words(finding, result, datasets, lang);
            md.push_str(&format!(
                "- {} *({}{} {})*\n",
                escape(&text),
                evidence_label(finding.evidence, lang),
                colon(lang),
                escape(&lowercase_first(&why))
            ));
        }
        md.push('\n');
    }

    // Key numbers table.
    let year = scenario.headline_year;
    md.push_str(&format!(
        "{sub} {}\n\n",
        lang.pick("Key numbers", "Chiffres clés")
    ));
    let when = match year {
        Some(year) => year.to_string(),
        None => lang.pick("total", "total").to_string(),
    };
    md.push_str(&format!(
        "{} {when}. {}\n\n",
        lang.pick(
            "Central value and, in brackets, the 90% range (5th–95th percentile) —",
            "Valeur centrale et, entre parenthèses, l'intervalle à 90 % (5e–95e centile) —"
        ),
        lang.pick(
            "The central value uses every input at its published central figure.",
            "La valeur centrale prend chaque donnée à sa valeur centrale publiée."
        )
    ));
    let shown: Vec<Indicator> = Indicator::ALL
        .into_iter()
        .filter(|indicator| {
            result
                .variants
                .iter()
                .any(|v| v.outcome.available.contains(indicator))
        })
        .collect();
    md.push_str(&format!("| {} |", lang.pick("variant", "variante")));
    for indicator in &shown {
        md.push_str(&format!(" {} |", escape(indicator_label(*indicator, lang))));
    }
    md.push_str("\n|---|");
    for _ in &shown {
        md.push_str("---|");
    }
    md.push('\n');
    for variant in &result.variants {
        md.push_str(&format!("| {} |", escape(variant.variant.label.get(lang))));
        for indicator in &shown {
            let cell = variant
                .outcome
                .get(*indicator, year)
                .map(|stats| value_with_range(&units, *indicator, stats, lang))
                .unwrap_or_else(|| "–".into());
            md.push_str(&format!(" {cell} |"));
        }
        md.push('\n');
    }
    md.push('\n');

    // Equivalences.
    if !scenario.equivalences.is_empty() {
        md.push_str(&format!(
            "{} ({} {when}, {}){}\n\n",
            lang.pick("In familiar terms", "En termes parlants"),
            lang.pick("central values,", "valeurs centrales,"),
            escape(result.variants[0].variant.label.get(lang)),
            colon(lang)
        ));
        for equivalence in &scenario.equivalences {
            let (Some(row), Some(stats)) = (
                datasets.get(&equivalence.reference),
                result.variants[0].outcome.get(equivalence.indicator, year),
            ) else {
                continue;
            };
            let count = stats.central / row.base_value();
            let label = row.label().pick(lang);
            md.push_str(&format!(
                "- {}{} {} × {} ({}{})\n",
                escape(&capitalise(indicator_label(equivalence.indicator, lang))),
                colon(lang),
                crate::number::big_count(count, lang),
                escape(&lowercase_first(label)),
                escape(&row.source_ids()),
                if row.verification.is_unconfirmed() {
                    lang.pick(", unconfirmed", ", non confirmé")
                } else {
                    ""
                }
            ));
        }
        md.push('\n');
    }

    for chart in charts {
        md.push_str(&format!(
            "![{}]({path_prefix}charts/{}.png)\n\n",
            escape(&chart.title),
            chart.id
        ));
    }

    // Method.
    md.push_str(&format!(
        "{sub} {}\n\n",
        lang.pick("Method, inputs and sources", "Méthode, données et sources")
    ));
    md.push_str(&format!(
        "- {} {}\n",
        lang.pick("Energy:", "Énergie :"),
        energy_words(&result.variants[0].variant.energy, lang)
    ));
    if let Some(embodied) = result
        .variants
        .iter()
        .find_map(|variant| variant.variant.embodied.as_ref())
    {
        md.push_str(&format!(
            "- {} {}\n",
            lang.pick("Embodied impacts:", "Impacts intrinsèques :"),
            embodied_words(embodied, lang)
        ));
    }
    let mut notes: Vec<String> = Vec::new();
    for variant in &result.variants {
        let mut add = |note: String| {
            if !notes.contains(&note) {
                notes.push(note);
            }
        };
        for note in variant
            .variant
            .notes
            .iter()
            .chain(&variant.variant.factors.notes)
        {
            add(note.get(lang).to_string());
        }
        if variant.plan.total_water_reason().is_some() {
            add(format!(
                "{}{} {}",
                capitalise(indicator_label(Indicator::TotalWater, lang)),
                colon(lang),
                lang.pick(
                    "not added up: the on-site WUE is a withdrawal figure and off-site water is \
                     consumption",
                    "non additionnée : le WUE sur site est un prélèvement, l'eau hors site une \
                     consommation",
                )
            ));
        }
    }
    // A source with a newer edition is named with it (a fact: it may be cited on purpose).
    let cited = super::manifest::cited_sources(std::slice::from_ref(result), datasets);
    for superseded in datasets.superseded_among(&cited) {
        notes.push(format!(
            "{} {}",
            superseded.note().get(lang),
            lang.pick(
                "Its notes in sources.csv say what is still taken from it.",
                "Ses notes dans sources.csv disent ce qui en est encore tiré.",
            )
        ));
    }
    for note in &notes {
        md.push_str(&format!("- {}\n", escape(note)));
    }
    md.push('\n');
    md.push_str(&format!(
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
        lang.pick("variant", "variante"),
        lang.pick("input", "donnée"),
        lang.pick("value (distribution)", "valeur (distribution)"),
        lang.pick("sources", "sources"),
        lang.pick("status", "statut")
    ));
    for variant in &result.variants {
        for input in &variant.plan.inputs {
            if input.is_level && !input.is_uncertain() && input.sources.is_empty() {
                continue;
            }
            let value = if input.is_level {
                if input.is_uncertain() {
                    lang.pick(
                        "published path; draws move together within the published ranges",
                        "trajectoire publiée ; les tirages parcourent ensemble les fourchettes publiées",
                    )
                    .to_string()
                } else {
                    lang.pick("published path (points)", "trajectoire publiée (points)")
                        .to_string()
                }
            } else {
                let (unit, shown) = input_display(input, input.central());
                let unit = unit_words(&unit, lang);
                let mut text = format!("{} {unit}", human(shown, 4, lang))
                    .trim_end()
                    .to_string();
                if input.is_uncertain() {
                    let factor = if shown == 0.0 || input.central() == 0.0 {
                        input.show_scale
                    } else {
                        shown / input.central()
                    };
                    text.push_str(&format!(" ({})", dist_words(&input.dist, factor, lang)));
                }
                text
            };
            let status = match input.verification {
                // Unconfirmed figures stand out in the table.
                Some(status) if status.is_unconfirmed() => {
                    format!("**{}**", status.label().pick(lang))
                }
                Some(status) => status.label().pick(lang).to_string(),
                None if input.sources.is_empty() => {
                    lang.pick("assumption", "hypothèse").to_string()
                }
                None => String::new(),
            };
            md.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                escape(variant.variant.label.get(lang)),
                escape(lang.pick(&input.label, &input.label_fr)),
                escape(&value),
                escape(&source_list(&input.sources)),
                status
            ));
        }
    }
    md.push('\n');
    md.push_str(&format!(
        "{}: [results.csv]({path_prefix}results.csv), [sensitivity.csv]({path_prefix}sensitivity.csv), [inputs.csv]({path_prefix}inputs.csv), [published.csv]({path_prefix}published.csv).\n\n",
        lang.pick("Data", "Données")
    ));
    md
}
