import ArgumentParser
import Foundation
import VentesKit

/// The sources of an import: explicit files, or the three defaults of the CSV directory.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The stores file (magasins.csv).", valueName: "file"))
    var stores: String?

    @Option(help: ArgumentHelp("The products file (produits.csv).", valueName: "file"))
    var products: String?

    @Option(help: ArgumentHelp("The sales file (ventes.csv).", valueName: "file"))
    var sales: String?

    @Flag(help: "Abort the whole import, database unchanged, at the first bad row instead of quarantining it.")
    var strict = false

    /// The files named, or the three defaults when none is.
    func sources(_ settings: Settings) -> [ImportSource] {
        let named = [(FileKind.stores, stores), (.products, products), (.sales, sales)]
            .compactMap { kind, path in path.map { ImportSource(kind: kind, path: $0) } }
        return named.isEmpty ? FileKind.allCases.map(settings.defaultSource) : named
    }
}

extension Ventes {
    /// `ventes import`: imports the files, atomically, and prints what became of every row.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the stores, products and sales files (in that order) in one transaction.",
            discussion: "With none of --stores, --products, --sales: the three files of the CSV directory.")

        @OptionGroup var common: CommonOptions
        @OptionGroup var source: SourceOptions
        @OptionGroup(title: "Dialect overrides") var dialect: DialectOptions

        @Option(help: ArgumentHelp("Where the default files are (default: $VENTES_CSV_DIR or csv).", valueName: "dir"))
        var csvDir: String?

        @Option(help: "Output format.")
        var format: ImportFormat = .text

        func run() throws {
            let settings = common.settings(csvDirectory: csvDir)
            let database = try common.openDatabase(settings)
            let summary = try Importer(database: database, logger: common.makeLogger())
                .run(source.sources(settings), options: dialect.importOptions(strict: source.strict))
            switch format {
            case .text: print(summary.text, terminator: "")
            case .json: print(summary.json.serialized())
            }
        }
    }
}
