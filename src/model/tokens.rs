//! The energy of language-model requests from the model's parameters and the tokens: the
//! published LLM-inference method of EcoLogits (version 0.11.3, `ecologits/impacts/llm.py` and
//! `docs/methodology/llm_inference.md`; source `ECOLOGITS-LLM`), with a prefill term.
//!
//! For one request of `T_out` output tokens to a model of `P_active` active and `P_total`
//! total parameters (in billions), served in batches of `B` requests:
//!
//! - energy per output token of one GPU, Wh: `f_E = α·e^(β·B)·P_active + γ`, fitted by
//!   EcoLogits on the ML.ENERGY leaderboard (H100 80 GB, vLLM);
//! - GPUs: the model's memory `1.2 × P_total × 16 / 8` GB over 80 GB, rounded up to a power
//!   of two;
//! - generation time: `T_out × f_L`, `f_L = α'·P_active + β'·B + γ'` seconds per token
//!   (EcoLogits' fall-back when no measured throughput exists), at most the measured latency
//!   when one is given;
//! - server without its GPUs: 1.2 kW × (GPUs / 8) over the generation time, divided by `B`;
//! - IT energy = GPUs × `T_out` × `f_E` + server energy; then PUE, WUE, EWIF and carbon
//!   intensity as for every energy in dcfoot.
//!
//! **Prefill.** EcoLogits counts output tokens only. dcfoot adds the input (prompt) tokens as
//! `r × T_in` equivalent output tokens, `r` being the energy of one input token relative to
//! one output token (0.15, range 0.05 to 0.5: ML.ENERGY's measured prefill energy divided by
//! the fitted `f_E`, dataset row `q-llm-prefill-ratio`); the same ratio scales their time on
//! the server (prefill GPU time per token is of the same order, 0.12–0.15 of decode at batch
//! 64 in Splitwise's profiles). With no input tokens the result is EcoLogits' to the last bit.
//!
//! *Double counting.* The fit's energy per output token is the benchmark's whole GPU energy
//! divided by its output tokens, so it already contains the prefill of the benchmark's own
//! chat prompts (ML.ENERGY does not publish their mean length). dcfoot therefore adds prefill
//! only for the input tokens it is given: a chat request with an ordinary prompt is estimated
//! with the input tokens left out (the peer's figure); a long prompt (documents, retrieval,
//! a long conversation) adds its prefill on top, and beside that added term the benchmark
//! prompt's share is small. Giving a short prompt anyway over-counts, at most by the
//! benchmark prompt's own prefill (23–35 % of a 512-in/512-out request in ML.ENERGY's
//! measurements): the error is one-sided, an over-estimate.

use super::way::Way;

/// `α` of the GPU energy fit: Wh per output token per billion active parameters, before the
/// batch term (EcoLogits 0.11.3 `GPU_ENERGY_ALPHA`).
pub const GPU_ENERGY_ALPHA: f64 = 1.166_527_317_045_191_4e-6;
/// `β` of the GPU energy fit, per request in the batch (`GPU_ENERGY_BETA`).
pub const GPU_ENERGY_BETA: f64 = -0.011_205_921_025_579_175;
/// `γ` of the GPU energy fit, Wh per output token (`GPU_ENERGY_GAMMA`).
pub const GPU_ENERGY_GAMMA: f64 = 4.052_928_146_734_005e-5;
/// `α'` of the latency fit, seconds per output token per billion active parameters
/// (`LATENCY_ALPHA`).
pub const LATENCY_ALPHA: f64 = 0.000_678_508_809_435_366_3;
/// `β'` of the latency fit, seconds per output token per request in the batch
/// (`LATENCY_BETA`).
pub const LATENCY_BETA: f64 = 0.000_311_931_031_168_825_9;
/// `γ'` of the latency fit, seconds per output token (`LATENCY_GAMMA`).
pub const LATENCY_GAMMA: f64 = 0.019_473_717_579_473_387;
/// Bits per weight (`MODEL_QUANTIZATION_BITS`).
pub const QUANTIZATION_BITS: f64 = 16.0;
/// Memory overhead on the weights (the `1.2` of `model_required_memory`).
pub const MEMORY_OVERHEAD: f64 = 1.2;
/// Memory of one GPU, GB (`GPU_MEMORY`, an H100 80 GB).
pub const GPU_MEMORY_GB: f64 = 80.0;
/// GPUs installed in one server (`SERVER_GPUS`).
pub const SERVER_GPUS: f64 = 8.0;
/// Power of one server without its GPUs, kW (`SERVER_POWER`, AWS p5.48xlarge via Boavizta).
pub const SERVER_POWER_KW: f64 = 1.2;
/// Requests served together (`BATCH_SIZE`), the default batch size.
pub const BATCH_SIZE: f64 = 64.0;

/// One request (or the mean request of many), in the units of the fits: parameters in
/// billions, tokens, seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    /// Active parameters per token, billions (capped at `total_params`).
    pub active_params: f64,
    /// Total parameters, billions (they decide the memory, hence the GPUs).
    pub total_params: f64,
    /// Output tokens.
    pub output_tokens: f64,
    /// Input (prompt) tokens.
    pub input_tokens: f64,
    /// Energy of one input token relative to one output token.
    pub prefill_ratio: f64,
    /// Requests served together (at least 1).
    pub batch_size: f64,
    /// The measured generation time, seconds: a cap on the modelled one (EcoLogits'
    /// `request_latency`); None when not measured.
    pub latency_cap: Option<f64>,
}

/// What the method gives for one request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RequestEnergy {
    /// GPUs that hold the model.
    pub gpus: f64,
    /// Energy of one GPU over the request, kWh.
    pub gpu_energy: f64,
    /// Generation time, seconds.
    pub generation_seconds: f64,
    /// Energy of the server without its GPUs attributed to the request, kWh.
    pub server_energy: f64,
}

impl RequestEnergy {
    /// IT energy of the request, kWh: server + GPUs × energy of one GPU (EcoLogits'
    /// `request_it_energy`).
    pub fn it_energy(&self) -> f64 {
        self.server_energy + self.gpus * self.gpu_energy
    }
}

/// Energy per output token of one GPU, Wh: `α·e^(β·B)·P_active + γ`.
pub fn gpu_energy_per_token_wh(active_params: f64, batch_size: f64) -> f64 {
    GPU_ENERGY_ALPHA * (GPU_ENERGY_BETA * batch_size).exp() * active_params + GPU_ENERGY_GAMMA
}

/// Generation time per output token, seconds: `α'·P_active + β'·B + γ'`.
pub fn latency_per_token_s(active_params: f64, batch_size: f64) -> f64 {
    LATENCY_ALPHA * active_params + LATENCY_BETA * batch_size + LATENCY_GAMMA
}

/// Memory needed to serve the model, GB: `1.2 × P_total × 16 / 8`.
pub fn required_memory_gb(total_params: f64) -> f64 {
    MEMORY_OVERHEAD * total_params * QUANTIZATION_BITS / 8.0
}

/// GPUs that hold the model: its memory over 80 GB, rounded up to a power of two (at least
/// one GPU).
pub fn gpu_count(total_params: f64) -> f64 {
    let gpus = (required_memory_gb(total_params) / GPU_MEMORY_GB)
        .ceil()
        .max(1.0);
    2f64.powi(gpus.log2().ceil() as i32)
}

/// The method for one request.
pub fn request_energy(request: &Request) -> RequestEnergy {
    let active = request.active_params.min(request.total_params);
    let batch = request.batch_size;
    // Input tokens count as `r` output tokens each; none gives the peer's figure exactly.
    let tokens = if request.input_tokens > 0.0 {
        request.output_tokens + request.prefill_ratio * request.input_tokens
    } else {
        request.output_tokens
    };
    let gpu_energy = tokens * (gpu_energy_per_token_wh(active, batch) / 1000.0);
    let modelled = tokens * latency_per_token_s(active, batch);
    let generation_seconds = match request.latency_cap {
        Some(cap) if cap < modelled => cap,
        _ => modelled,
    };
    let gpus = gpu_count(request.total_params);
    let server_energy =
        (generation_seconds / 3600.0) * SERVER_POWER_KW * (gpus / SERVER_GPUS) * (1.0 / batch);
    RequestEnergy {
        gpus,
        gpu_energy,
        generation_seconds,
        server_energy,
    }
}

/// Accelerator-hours attributed to `requests` requests: GPUs × generation time / batch size
/// × requests (hours). This is the share of the GPUs' life the work uses, the quantity an
/// embodied (manufacturing) impact per GPU-hour is amortised over, as EcoLogits does
/// (`ΔT / (B × ΔL)` of the hardware's life).
pub fn accelerator_hours(request: &Request, requests: f64) -> f64 {
    let energy = request_energy(request);
    energy.gpus * (energy.generation_seconds / 3600.0) / request.batch_size * requests
}

impl<V> Way<V> {
    /// The request of a tokens way (parameters in billions, latency in seconds), given the
    /// value of each quantity (base units: latency in hours); None for the other ways.
    #[inline]
    pub fn token_request(&self, value: impl Fn(&V) -> f64) -> Option<Request> {
        let Way::Tokens {
            latency,
            prefill_ratio,
            input_tokens,
            batch_size,
            output_tokens,
            total_params,
            active_params,
            ..
        } = self
        else {
            return None;
        };
        let active = value(active_params);
        Some(Request {
            active_params: active,
            // A dense model holds what it uses.
            total_params: total_params.as_ref().map_or(active, &value),
            output_tokens: value(output_tokens),
            input_tokens: input_tokens.as_ref().map_or(0.0, &value),
            prefill_ratio: prefill_ratio.as_ref().map_or(0.0, &value),
            batch_size: value(batch_size),
            // Latencies are held in hours; the method takes seconds.
            latency_cap: latency.as_ref().map(|latency| value(latency) * 3600.0),
        })
    }

    /// The number of requests of a tokens way in the period (daily requests × days), None for
    /// the other ways.
    #[inline]
    pub fn token_requests(&self, value: impl Fn(&V) -> f64) -> Option<f64> {
        match self {
            Way::Tokens {
                requests,
                per_day,
                days,
                ..
            } => Some(value(requests) * if *per_day { *days } else { 1.0 }),
            _ => None,
        }
    }

    /// Accelerator-hours a tokens way's requests use in the period: GPU count × generation time
    /// / batch size × number of requests ([`accelerator_hours`]), None for the other ways. This
    /// is the hook for embodied impacts: what the manufacturing of the accelerators is amortised
    /// over (per accelerator-hour of their life).
    #[inline]
    pub fn token_accelerator_hours(&self, value: impl Fn(&V) -> f64) -> Option<f64> {
        let request = self.token_request(&value)?;
        Some(accelerator_hours(&request, self.token_requests(&value)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(active: f64, total: f64, output: f64) -> Request {
        Request {
            active_params: active,
            total_params: total,
            output_tokens: output,
            input_tokens: 0.0,
            prefill_ratio: 0.15,
            batch_size: BATCH_SIZE,
            latency_cap: None,
        }
    }

    /// EcoLogits 0.11.3's `gpu_energy`, `generation_latency`, `model_required_memory`,
    /// `gpu_required_count`, `server_energy` and `request_it_energy`, transcribed line by
    /// line from `ecologits/impacts/llm.py` (no TPS/TTFT data: the fall-back latency).
    fn peer_it_energy(active: f64, total: f64, output: f64, batch: f64, latency: f64) -> f64 {
        let gpu_energy_per_token =
            (1.166_527_317_045_191_4e-6 * (-0.011_205_921_025_579_175 * batch).exp() * active
                + 4.052_928_146_734_005e-5)
                / 1000.0;
        let gpu_energy = output * gpu_energy_per_token;
        let latency_per_token = 0.000_678_508_809_435_366_3 * active
            + 0.000_311_931_031_168_825_9 * batch
            + 0.019_473_717_579_473_387;
        let gpu_latency = output * latency_per_token;
        let generation_latency = if latency < gpu_latency {
            latency
        } else {
            gpu_latency
        };
        let memory = 1.2 * total * 16.0 / 8.0;
        let gpu_nb = (memory / 80.0).ceil();
        let gpus = 2f64.powf(gpu_nb.log2().ceil());
        let server = (generation_latency / 3600.0) * 1.2 * (gpus / 8.0) * (1.0 / batch);
        server + gpus * gpu_energy
    }

    #[test]
    fn the_published_constants() {
        // docs/methodology/llm_inference.md rounds them: α = 1.17e-6, β = −1.12e-2,
        // γ = 4.05e-5; α' = 6.78e-4, β' = 3.12e-4, γ' = 1.94e-2.
        for (value, rounded, digits) in [
            (GPU_ENERGY_ALPHA, 1.17e-6, 1e-8),
            (GPU_ENERGY_BETA, -1.12e-2, 1e-4),
            (GPU_ENERGY_GAMMA, 4.05e-5, 1e-7),
            (LATENCY_ALPHA, 6.78e-4, 1e-6),
            (LATENCY_BETA, 3.12e-4, 1e-6),
            (LATENCY_GAMMA, 1.94e-2, 1e-4),
        ] {
            assert!((value - rounded).abs() <= digits, "{value} vs {rounded}");
        }
        assert_eq!(
            (BATCH_SIZE, GPU_MEMORY_GB, SERVER_GPUS, SERVER_POWER_KW),
            (64.0, 80.0, 8.0, 1.2)
        );
        assert_eq!((QUANTIZATION_BITS, MEMORY_OVERHEAD), (16.0, 1.2));
        // The default batch of the input vocabulary is the method's.
        assert_eq!(
            super::super::vocab::BATCH_SIZE.default_value(),
            Some(BATCH_SIZE)
        );
    }

    #[test]
    fn gpu_count_boundaries() {
        // 1.2 × P × 2 bytes = 80 GB at P = 33.33B: one GPU up to there, then two.
        assert_eq!(gpu_count(8.0), 1.0);
        assert_eq!(gpu_count(100.0 / 3.0), 1.0);
        assert_eq!(gpu_count(33.4), 2.0);
        // 160 GB at 66.67B; three 80 GB GPUs round up to four.
        assert_eq!(gpu_count(66.6), 2.0);
        assert_eq!(gpu_count(66.7), 4.0);
        assert_eq!(gpu_count(70.0), 4.0);
        // 320 GB at 133.33B; then eight, and sixteen past 640 GB (266.67B).
        assert_eq!(gpu_count(133.3), 4.0);
        assert_eq!(gpu_count(133.4), 8.0);
        assert_eq!(gpu_count(266.7), 16.0);
        assert_eq!(gpu_count(405.0), 16.0);
        assert_eq!(gpu_count(671.0), 32.0);
        // A tiny model still needs a GPU.
        assert_eq!(gpu_count(0.0), 1.0);
    }

    #[test]
    fn a_70b_model_and_400_tokens_by_hand() {
        // f_E = 1.16653e-6 × e^(−0.717179) × 70 + 4.05293e-5 = 8.03888e-5 Wh per token and GPU;
        // 4 GPUs × 400 tokens = 0.128621 Wh. f_L = 0.0474956 + 0.0199636 + 0.0194737
        // = 0.0869329 s per token: 34.773 s; server 34.773 / 3600 h × 1.2 kW × 4/8 / 64
        // = 0.0905551 Wh. IT energy 0.219176 Wh.
        let result = request_energy(&request(70.0, 70.0, 400.0));
        assert_eq!(result.gpus, 4.0);
        assert!((result.gpu_energy * 1000.0 - 0.032_155_3).abs() < 1e-7);
        assert!((result.generation_seconds - 34.773_17).abs() < 1e-4);
        assert!((result.server_energy * 1000.0 - 0.090_555_1).abs() < 1e-7);
        assert!((result.it_energy() * 1000.0 - 0.219_176_3).abs() < 1e-7);
    }

    #[test]
    fn without_input_tokens_it_is_the_peer_to_the_last_bit() {
        for (active, total, output) in [
            (70.0, 70.0, 400.0),
            (8.03, 8.03, 250.0),
            (405.0, 405.0, 1000.0),
            (37.0, 671.0, 400.0),
            (12.9, 46.7, 5000.0),
        ] {
            let ours = request_energy(&request(active, total, output)).it_energy();
            let peer = peer_it_energy(active, total, output, 64.0, f64::INFINITY);
            assert_eq!(
                ours.to_bits(),
                peer.to_bits(),
                "{active}/{total}B, {output}"
            );
            // Zero input tokens is the same as none.
            let mut zero = request(active, total, output);
            zero.input_tokens = 0.0;
            zero.prefill_ratio = 0.5;
            assert_eq!(request_energy(&zero).it_energy().to_bits(), peer.to_bits());
        }
    }

    #[test]
    fn the_latency_cap() {
        // 70B, 400 tokens: 34.8 s modelled; a measured 3 s replaces it, a measured 60 s does not.
        let mut capped = request(70.0, 70.0, 400.0);
        capped.latency_cap = Some(3.0);
        let result = request_energy(&capped);
        assert_eq!(result.generation_seconds, 3.0);
        // Server: 3 / 3600 h × 1.2 kW × 4/8 / 64 = 7.8125e-6 kWh; the GPU energy is unchanged.
        assert!((result.server_energy - 7.8125e-6).abs() < 1e-15);
        assert_eq!(
            result.it_energy().to_bits(),
            peer_it_energy(70.0, 70.0, 400.0, 64.0, 3.0).to_bits()
        );
        let mut loose = capped;
        loose.latency_cap = Some(60.0);
        assert!((request_energy(&loose).generation_seconds - 34.773_17).abs() < 1e-4);
    }

    #[test]
    fn a_mixture_of_experts_model() {
        // DeepSeek-V3: 671B total (32 GPUs for 1,610 GB), 37B active per token.
        let moe = request_energy(&request(37.0, 671.0, 400.0));
        assert_eq!(moe.gpus, 32.0);
        // Per GPU it costs like a dense 37B model...
        let dense = request_energy(&request(37.0, 37.0, 400.0));
        assert_eq!(moe.gpu_energy, dense.gpu_energy);
        assert_eq!(dense.gpus, 2.0);
        // ... but 32 GPUs hold it: 1.326 Wh against 0.0778 Wh (by hand: f_E = 6.1598e-5 Wh,
        // × 400 × 32 = 0.78846 Wh; 25.817 s × 1.2 kW × 4 / 64 = 0.53785 Wh).
        assert!((moe.it_energy() * 1000.0 - 1.326_300).abs() < 1e-5);
        // Active parameters above the total are capped at the total.
        let odd = request_energy(&request(900.0, 671.0, 400.0));
        assert_eq!(odd, request_energy(&request(671.0, 671.0, 400.0)));
    }

    #[test]
    fn input_tokens_add_their_prefill() {
        let mut with_prompt = request(70.0, 70.0, 400.0);
        with_prompt.input_tokens = 2000.0;
        with_prompt.prefill_ratio = 0.15;
        // 2,000 input tokens × 0.15 = 300 equivalent output tokens: 700 in all.
        let prompt = request_energy(&with_prompt);
        let equivalent = request_energy(&request(70.0, 70.0, 700.0));
        assert!((prompt.it_energy() - equivalent.it_energy()).abs() < 1e-18);
        assert!(prompt.it_energy() > request_energy(&request(70.0, 70.0, 400.0)).it_energy());
    }

    #[test]
    fn batch_size_and_accelerator_hours() {
        // A larger batch lowers the energy per request.
        let mut big = request(70.0, 70.0, 400.0);
        big.batch_size = 128.0;
        assert!(
            request_energy(&big).it_energy()
                < request_energy(&request(70.0, 70.0, 400.0)).it_energy()
        );
        // 4 GPUs × 34.773 s / 64 per request = 0.0006036 GPU-h; a thousand requests 0.6036.
        let hours = accelerator_hours(&request(70.0, 70.0, 400.0), 1000.0);
        assert!((hours - 4.0 * 34.773_168 / 3600.0 / 64.0 * 1000.0).abs() < 1e-6);
    }

    #[test]
    fn a_tokens_way_gives_its_request_and_accelerator_hours() {
        // 4,000 requests a day for 220 days of a 70B model (total = active: dense), 400 tokens.
        let way: Way<f64> = Way::Tokens {
            requests: 4000.0,
            per_day: true,
            days: 220.0,
            active_params: 70.0,
            total_params: None,
            output_tokens: 400.0,
            batch_size: 64.0,
            input_tokens: None,
            prefill_ratio: None,
            latency: Some(3.0 / 3600.0),
        };
        let request = way.token_request(|value| *value).unwrap();
        assert_eq!(request.total_params, 70.0);
        assert_eq!(request.latency_cap, Some(3.0));
        assert_eq!(way.token_requests(|value| *value), Some(880_000.0));
        // 4 GPUs × 3 s / 64 × 880,000 requests = 45.83 GPU-h.
        let hours = way.token_accelerator_hours(|value| *value).unwrap();
        assert!((hours - 4.0 * 3.0 / 3600.0 / 64.0 * 880_000.0).abs() < 1e-9);
        let direct: Way<f64> = Way::Direct { energy: 1.0 };
        assert!(direct.token_accelerator_hours(|value| *value).is_none());
    }
}
