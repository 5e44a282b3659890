import ArgumentParser
import Foundation
import Testing
import VentesKit
@testable import ventes

/// The command line parsed in process, as argument-parser recommends: defaults, precedence,
/// validation and the wording of errors, without starting the binary. Nothing here opens a store:
/// where the backend matters (the database named, the analyses file that follows it), the test
/// takes each backend's kind of database value.
@Suite("Command line, in process")
struct CommandLineParsingTests {
    @Test("with no flag, no variable and no configuration file, the embedded defaults apply")
    func defaults() throws {
        let command = try #require(try Ventes.parseAsRoot(["import"]) as? Ventes.Import)
        let settings = try command.common.settings(csvDirectory: command.csv.csvDir, sources: command.source.named, environment: [:])
        #expect(settings.databasePath == "data/ventes.db")
        #expect(settings.origins[.database] == .default)
        #expect(command.source.sources(settings).map(\.path) == ["csv/magasins.csv", "csv/produits.csv", "csv/ventes.csv"])
        #expect(!command.strict.strict)
    }

    /// Three database values of `backend`'s kind, for the flag, the variable and the file.
    static func databases(_ backend: Backend) -> (flag: String, variable: String, file: String) {
        switch backend {
        case .sqlite: return ("flag.db", "env.db", "file.db")
        case .postgresql: return ("postgresql://flag@db.example:5432/ventes", "postgresql://env@db.example/ventes",
                                  "postgresql://file@db.example/ventes?schema=file")
        }
    }

    // Backend.allCases, not .available: parsing a URL needs no server.
    @Test("a flag beats its variable, which beats the configuration file, which beats the default; the analyses file follows the engine",
          arguments: Backend.allCases)
    func precedence(backend: Backend) throws {
        let databases = Self.databases(backend)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("custom.toml")
        try Data("database = \"\(databases.file)\"\nresults_dir = \"file-results\"\ncsv_dir = \"file-csv\"\n".utf8).write(to: file)

        let command = try #require(try Ventes.parseAsRoot(["run", "--db", databases.flag, "--config", file.path]) as? Ventes.Run)
        let settings = try command.common.settings(
            csvDirectory: command.csv.csvDir, resultsDirectory: command.results.resultsDir, analyses: command.analyses.sql,
            environment: ["VENTES_DB": databases.variable, "VENTES_RESULTS_DIR": "env-results"])
        #expect(settings.databasePath == databases.flag)
        #expect(settings.origins[.database] == .flag("--db"))
        #expect(settings.resultsDirectory == "env-results")
        #expect(settings.origins[.resultsDirectory] == .environment("VENTES_RESULTS_DIR"))
        #expect(settings.csvDirectory == "file-csv")
        #expect(settings.origins[.csvDirectory] == .file(path: file.path, line: 3))
        #expect(settings.analysesPath == backend.analysesFile)

        // Without the flag, the variable; without it, the file.
        let unflagged = try #require(try Ventes.parseAsRoot(["run", "--config", file.path]) as? Ventes.Run)
        #expect(try unflagged.common.settings(environment: ["VENTES_DB": databases.variable]).databasePath == databases.variable)
        let fromFile = try unflagged.common.settings(environment: [:])
        #expect(fromFile.databasePath == databases.file)
        #expect(fromFile.origins[.database] == .file(path: file.path, line: 1))
        #expect(fromFile.analysesPath == backend.analysesFile)
    }

    @Test("run and import share one declaration of each option", arguments: [["run"], ["import"]])
    func sharedOptions(command: [String]) throws {
        let parsed = try Ventes.parseAsRoot(command + ["--strict", "--csv-dir", "exports"])
        if let run = parsed as? Ventes.Run {
            #expect(run.strict.strict && run.csv.csvDir == "exports")
        } else {
            let importing = try #require(parsed as? Ventes.Import)
            #expect(importing.strict.strict && importing.csv.csvDir == "exports")
        }
    }

    @Test("invalid values are refused before anything runs", arguments: [
        (["import", "--delimiter", "x"], "--delimiter \"x\" is not one of"),
        (["import", "--max-line-bytes", "10"], "--max-line-bytes must be at least 256"),
        (["import", "--date-format", "yyyy/dd"], "--date-format \"yyyy/dd\" is not one of"),
        (["results", "--csv-dialect", "fr"], "'--csv-dialect' is only valid with '--format csv'"),
        (["import", "--http-attempts", "0"], "'--http-attempts' must be at least 1"),
    ])
    func validation(arguments: [String], message: String) {
        #expect {
            _ = try Ventes.parseAsRoot(arguments)
        } throws: { error in
            Ventes.message(for: error).contains(message)
        }
    }

    @Test("library errors state facts; the command line adds the flag that fixes them")
    func remedies() {
        let ambiguous = ImportError.ambiguousDateFormat(source: "ventes.csv", line: 2, example: "01/02/2024")
        #expect(!ambiguous.description.contains("--"))
        #expect("\(ErrorWording.forPeople(ambiguous))".hasSuffix("pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy"))

        let row = QuarantinedRow(kind: .products, source: "produits.csv", line: 3, rawText: "Stylo,P1,1.234",
                                 reason: .priceMaybeThousands(.tooManyDecimals("1.234")))
        #expect(!ImportError.strictRejection(row).description.contains("--"))
        #expect("\(ErrorWording.forPeople(ImportError.strictRejection(row)))" == "produits.csv:3: price \"1.234\" has more than 2 decimals (if it means thousands, import with --decimal-comma); nothing was imported (--strict): fix the row or drop --strict to quarantine it")

        let failure = ImportError.database(StoreFailure(code: 5, message: "database is locked"))
        #expect("\(ErrorWording.forPeople(failure))" == "database error: database is locked")
    }
}
