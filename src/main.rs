//! The `netwerk` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    netwerk::tune_allocator();
    netwerk::cli::main()
}
