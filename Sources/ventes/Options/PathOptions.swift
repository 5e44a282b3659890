import ArgumentParser
import VentesKit

/// `--csv-dir`: where the three default files are.
struct CSVDirectoryOption: ParsableArguments {
    @Option(help: ArgumentHelp("Where magasins.csv, produits.csv and ventes.csv are (default: $VENTES_CSV_DIR or csv).", valueName: "dir"))
    var csvDir: String?
}

/// `--results-dir`: where result files and the report are written.
struct ResultsDirectoryOption: ParsableArguments {
    @Option(help: ArgumentHelp("Where results are written (default: $VENTES_RESULTS_DIR or results).", valueName: "dir"))
    var resultsDir: String?
}

/// `--sql`: the analyses file.
struct AnalysesFileOption: ParsableArguments {
    @Option(help: ArgumentHelp("The analyses file (default: $VENTES_SQL or results/analyses.sql).", valueName: "file"))
    var sql: String?
}

/// `--lang`: the language of the report.
struct ReportLanguageOption: ParsableArguments {
    @Option(help: "The report's language: fr (default) or en.")
    var lang: ReportLanguage = .fr
}

/// `--strict`: any bad row aborts the import.
struct StrictOption: ParsableArguments {
    @Flag(help: "Abort the whole import, database unchanged, at the first bad row instead of quarantining it.")
    var strict = false
}

/// `--stores`, `--products`, `--sales`: the sources, each a path or an http(s) URL.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The stores file (magasins.csv): a path or an http(s) URL.", valueName: "file|url"))
    var stores: String?

    @Option(help: ArgumentHelp("The products file (produits.csv): a path or an http(s) URL.", valueName: "file|url"))
    var products: String?

    @Option(help: ArgumentHelp("The sales file (ventes.csv): a path or an http(s) URL.", valueName: "file|url"))
    var sales: String?

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
