//! Embeds the files of `datasets/` (tables and built-in scenarios) into the binary, so that
//! `dcfoot` works from any folder.

use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=datasets");
    let mut code = String::from(
        "/// Built-in files: (path relative to `datasets/`, contents).\n\
         pub static FILES: &[(&str, &str)] = &[\n",
    );
    for sub in ["", "scenarios"] {
        let dir = root.join("datasets").join(sub);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| {
                (sub.is_empty() && name.ends_with(".csv"))
                    || (sub == "scenarios" && name.ends_with(".toml"))
            })
            .collect();
        names.sort();
        for name in names {
            let relative = if sub.is_empty() {
                name.clone()
            } else {
                format!("{sub}/{name}")
            };
            code.push_str(&format!(
                "    ({relative:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/datasets/{relative}\"))),\n"
            ));
        }
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_files.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
