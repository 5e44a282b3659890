import ArgumentParser
import Foundation
import VentesKit

/// The sources of an import: explicit files, or the three defaults of the CSV directory.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The stores file (magasins.csv): a path or an http(s) URL.", valueName: "file|url"))
    var stores: String?

    @Option(help: ArgumentHelp("The products file (produits.csv): a path or an http(s) URL.", valueName: "file|url"))
    var products: String?

    @Option(help: ArgumentHelp("The sales file (ventes.csv): a path or an http(s) URL.", valueName: "file|url"))
    var sales: String?

    @Flag(help: "Abort the whole import, database unchanged, at the first bad row instead of quarantining it.")
    var strict = false

    /// The sources named by flags, to resolve with the settings.
    var named: [FileKind: String] {
        var named: [FileKind: String] = [:]
        for (kind, location) in [(FileKind.stores, stores), (.products, products), (.sales, sales)] {
            if let location { named[kind] = location }
        }
        return named
    }

    /// The files named by flags, or the three configured sources when no flag names one.
    func sources(_ settings: Settings) -> [ImportSource] {
        let kinds = named.isEmpty ? FileKind.allCases : FileKind.allCases.filter { named[$0] != nil }
        return kinds.map(settings.source)
    }
}

extension Ventes {
    /// `ventes import`: imports the files, atomically, and prints what became of every row.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the stores, products and sales files (in that order) in one transaction.",
            discussion: """
                With none of --stores, --products, --sales: the three configured sources (by default the files \
                of the CSV directory). A URL is downloaded first; one the server reports unchanged (304) is skipped.
                """)

        @OptionGroup var common: CommonOptions
        @OptionGroup var source: SourceOptions
        @OptionGroup var http: HTTPOptions
        @OptionGroup var tuning: ImportTuningOptions
        @OptionGroup(title: "Dialect overrides") var dialect: DialectOptions

        @Option(help: ArgumentHelp("Where the default files are (default: $VENTES_CSV_DIR or csv).", valueName: "dir"))
        var csvDir: String?

        @Option(help: "Output format.")
        var format: ImportFormat = .text

        func run() async throws {
            let settings = try common.settings(csvDirectory: csvDir, sources: source.named)
            let database = try common.openDatabase(settings)
            let summary = try await Importer(database: database, logger: common.makeLogger())
                .fetchAndRun(source.sources(settings), options: tuning.apply(to: dialect.importOptions(strict: source.strict)), policy: http.policy)
            switch format {
            case .text: print(summary.text, terminator: "")
            case .json: print(summary.json.serialized())
            }
        }
    }
}
