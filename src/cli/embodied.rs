//! The embodied flags of `estimate`: a hardware type whose manufacturing impacts the datasets
//! hold, or the values themselves.

use clap::Args;
use dcfoot::estimate::{EmbodiedRequest, Given};
use dcfoot::model::embodied;
use dcfoot::model::vocab::{self, InputDef};
use dcfoot::{InputError, Result};

/// Embodied impacts (hardware manufacturing) of `estimate`.
#[derive(Debug, Args)]
pub struct EmbodiedArgs {
    /// Hardware type whose manufacturing (embodied) impacts are amortised over the
    /// accelerator-hours of --accelerators/--hours, --gpu-hours or a request's GPUs ×
    /// generation time / batch size (the token method): `h100` (the default: NVIDIA
    /// H100 SXM, 273 kg CO2e per GPU, range 164 to 281, plus 712.5 kg for its share of an
    /// 8-GPU host server, 102.6 L of chip-factory water, a 3 to 6 year life), `b200` or `a100`
    /// (`dcfoot datasets show embodied` lists the rows and sources).
    #[arg(long, value_name = "NAME")]
    pub(super) hardware: Option<String>,
    /// Embodied CO2e of one accelerator, without its host server (a bare number is kg).
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    pub(super) embodied_accelerator: Option<String>,
    /// The host server's embodied CO2e per accelerator (a bare number is kg; 0 leaves it out).
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    embodied_host: Option<String>,
    /// Embodied water of one accelerator, chip manufacturing (a bare number is L).
    #[arg(long, value_name = "L", allow_hyphen_values = true)]
    embodied_water: Option<String>,
    /// Service life the hardware is amortised over (a bare number is years; `26280h` and
    /// `tri:3,4,6` work too).
    #[arg(long, value_name = "YEARS", allow_hyphen_values = true)]
    lifetime: Option<String>,
}

impl EmbodiedArgs {
    /// The embodied request: a known hardware type (only with an energy source that counts
    /// accelerator-hours, `counts_hours`) and the values given; `parse` reads a flag's text as
    /// a value of an input (the way `estimate` reads every flag).
    pub(super) fn request(
        &self,
        counts_hours: bool,
        parse: impl Fn(&'static str, &Option<String>, &InputDef) -> Result<Option<Given>>,
    ) -> Result<EmbodiedRequest> {
        let args = self;
        let hardware =
            match &args.hardware {
                None => None,
                Some(name) => {
                    if !counts_hours {
                        return Err(InputError::flag(
                    "--hardware",
                    "embodied impacts are amortised over accelerator-hours",
                )
                .hint("give --accelerators N --hours H, --gpu-hours N, or a model and its tokens")
                .into());
                    }
                    let known = embodied::hardware_names();
                    let found = embodied::hardware(name.trim());
                    Some(found.ok_or_else(|| {
                        let suggestion = dcfoot::text::closest(name.trim(), known.iter().copied())
                            .map(|name| format!("did you mean `{name}`? "))
                            .unwrap_or_default();
                        InputError::flag("--hardware", format!("unknown hardware `{name}`"))
                            .hint(format!("{suggestion}known: {}", known.join(", ")))
                    })?)
                }
            };
        let flags = [
            (
                "--embodied-accelerator",
                &args.embodied_accelerator,
                &vocab::EMBODIED_ACCELERATOR,
            ),
            (
                "--embodied-host",
                &args.embodied_host,
                &vocab::EMBODIED_HOST,
            ),
            (
                "--embodied-water",
                &args.embodied_water,
                &vocab::EMBODIED_WATER,
            ),
            ("--lifetime", &args.lifetime, &vocab::LIFETIME),
        ];
        let mut values = Vec::new();
        for (name, text, def) in flags {
            if let Some(given) = parse(name, text, def)? {
                values.push((def, given));
            }
        }
        Ok(EmbodiedRequest { hardware, values })
    }
}
