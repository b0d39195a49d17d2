//! `tb` — the inspector: runs the extension's own extraction on a saved page or PDF.

fn main() {
    eprintln!("tb: not implemented yet");
    std::process::exit(2);
}
