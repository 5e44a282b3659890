import ArgumentParser
import VentesKit

/// Limits and progress display of an import, shared by `import` and `run`.
struct ImportTuningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A line longer than this many bytes is quarantined instead of read.", valueName: "bytes"))
    var maxLineBytes = 1 << 20

    func validate() throws {
        guard maxLineBytes >= 256 else { throw ValidationError("--max-line-bytes must be at least 256") }
    }

    /// `options` with these limits, and a progress bar when stderr is a terminal and `progress` allows it.
    func apply(to options: ImportOptions, progress: Bool = true) -> ImportOptions {
        var options = options
        options.maxRecordBytes = maxLineBytes
        if progress, let bar = ProgressBar.forStandardError() {
            options.progress = { bar.update($0) }
        }
        return options
    }
}
