//! `dcfoot completions SHELL` and `dcfoot man`: a shell completion script (clap_complete) and
//! the man page (clap_mangen, roff), both generated from the command-line definitions and
//! printed to standard output.

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use clap_mangen::Man;
use dcfoot::{Error, Result};

use super::{Cli, print};

/// Options of `completions`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  dcfoot completions bash > ~/.local/share/bash-completion/completions/dcfoot
  dcfoot completions zsh > ~/.zfunc/_dcfoot     # with `fpath+=~/.zfunc; autoload -U compinit;
                                                #  compinit` in ~/.zshrc
  dcfoot completions fish > ~/.config/fish/completions/dcfoot.fish
  dcfoot completions powershell >> $PROFILE
  dcfoot completions elvish >> ~/.config/elvish/rc.elv

Open a new shell afterwards.")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

/// Options of `man`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  dcfoot man | man -l -                       read it now
  mkdir -p ~/.local/share/man/man1
  dcfoot man > ~/.local/share/man/man1/dcfoot.1 && man dcfoot")]
pub struct ManArgs {}

/// Prints the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "dcfoot", &mut script);
    print(&String::from_utf8_lossy(&script))
}

/// Prints the man page.
pub fn man(_args: ManArgs) -> Result<()> {
    print(&page().map_err(|error| Error::Other(format!("rendering the man page: {error}")))?)
}

/// One man page for every command: the top-level page, then a section per command (its
/// synopsis, options and examples), so `man dcfoot` holds everything `--help` says.
fn page() -> std::io::Result<String> {
    let mut command = Cli::command();
    command.build();
    let mut page = String::new();
    let top = roff(|out| Man::new(command.clone()).render(out))?;
    page.push_str(&point_to_sections(&top));
    let mut commands = Vec::new();
    walk(&command, &mut commands);
    for sub in commands {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        page.push_str(&format!(".SH \"{}\"\n", name.to_uppercase()));
        let man = Man::new(sub.clone());
        let mut body = roff(|out| man.render_description_section(out))?;
        body.push_str(&roff(|out| man.render_synopsis_section(out))?);
        body.push_str(&roff(|out| man.render_options_section(out))?);
        if sub.has_subcommands() {
            body.push_str(&roff(|out| man.render_subcommands_section(out))?);
        }
        if sub.get_after_help().is_some() {
            body.push_str(&roff(|out| man.render_extra_section(out))?);
        }
        // Sections of a command become sub-sections of its section.
        let body = body
            .lines()
            .filter(|line| !is_preamble(line))
            .map(|line| match line.strip_prefix(".SH ") {
                Some(title) => format!(".SS {title}\n"),
                None => format!("{line}\n"),
            })
            .collect::<String>();
        page.push_str(&point_to_sections(&body));
    }
    Ok(page)
}

/// Every visible command below `command`, depth first.
fn walk<'c>(command: &'c clap::Command, found: &mut Vec<&'c clap::Command>) {
    for sub in command.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        found.push(sub);
        walk(sub, found);
    }
}

fn roff(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> std::io::Result<String> {
    let mut out = Vec::new();
    render(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The two lines roff puts before every rendering (kept once, at the top of the page).
fn is_preamble(line: &str) -> bool {
    line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq")
}

/// clap_mangen names a subcommand as a page of its own (`dcfoot\\-report(1)`); here it is a
/// section of this page (`dcfoot report`). Its `EXTRA` heading (the text after `--help`) is
/// named after what that text holds.
fn point_to_sections(roff: &str) -> String {
    let lines: Vec<&str> = roff.lines().collect();
    let mut out = String::new();
    for (index, line) in lines.iter().enumerate() {
        if let Some(name) = line
            .strip_suffix("(1)")
            .and_then(|name| name.strip_prefix("dcfoot\\-"))
            .filter(|name| !name.contains(' '))
        {
            out.push_str(&format!("\\fBdcfoot {}\\fR\n", name.replace("\\-", " ")));
        } else if let Some(macro_name) = line.strip_suffix(" EXTRA") {
            let next = lines.get(index + 1).copied().unwrap_or_default();
            let title = if next.starts_with("Example") {
                "EXAMPLES"
            } else {
                "NOTES"
            };
            out.push_str(&format!("{macro_name} {title}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
