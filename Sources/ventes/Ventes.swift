import ArgumentParser
import Logging
import VentesKit

/// `ventes`: imports a business's sales exports into SQLite and answers its questions.
@main
struct Ventes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import stores, products and sales CSV exports into SQLite and run the analyses.",
        discussion: """
            Paths default to data/ventes.db, csv/ and results/ (relative to the working directory). \
            An optional ventes.toml (or --config FILE, or $VENTES_CONFIG) overrides the defaults; \
            the variables VENTES_DB, VENTES_CSV_DIR, VENTES_RESULTS_DIR, VENTES_SQL, VENTES_STORES, \
            VENTES_PRODUCTS, VENTES_SALES and VENTES_WATCH_EVERY override the file, and flags override them all. \
            Sources may be paths or http(s) URLs.

            `ventes config` shows the effective values and where each came from.
            """,
        subcommands: [
            Run.self, Init.self, Import.self, Analyze.self, Results.self, History.self, Report.self, Rejects.self,
            Watch.self, Status.self, Check.self, Config.self, Schema.self, Migrate.self,
        ])

    /// Parses and runs the command; a library error is printed with the command line's remedy.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: ErrorWording.forPeople(error))
        }
    }
}
