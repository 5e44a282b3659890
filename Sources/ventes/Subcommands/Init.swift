import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes init`: creates or migrates the schema; running it again changes nothing.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or migrate the database schema (idempotent).")

        @OptionGroup var common: CommonOptions

        func run() throws {
            let settings = try common.settings()
            let store = try common.openStore(settings)
            let versions = try store.appliedMigrations()
            print("\(settings.databaseLocation): schema up to date (\(versions.joined(separator: ", ")))")
        }
    }
}
