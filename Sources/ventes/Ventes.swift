import ArgumentParser
import Logging
import VentesKit

/// `ventes`: imports a business's sales exports into SQLite and answers its questions.
@main
struct Ventes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import stores, products and sales CSV exports into SQLite and run the analyses.",
        discussion: """
            Paths default to data/ventes.db, csv/ and results/ (relative to the working directory);
            VENTES_DB, VENTES_CSV_DIR, VENTES_RESULTS_DIR and VENTES_SQL override them, and flags override those.
            """,
        subcommands: [Run.self, Init.self, Import.self, Analyze.self, Rejects.self])
}
