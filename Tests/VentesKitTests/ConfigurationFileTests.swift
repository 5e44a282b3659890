import Testing
@testable import VentesKit

@Suite("Configuration file and settings precedence")
struct ConfigurationFileTests {
    static let file = """
        # ventes.toml
        database = "file.db"
        results_dir = "file-results"

        [sources]
        stores = "https://example.com/export/magasins.csv"
        sales = "file/ventes.csv"
        """

    @Test("each value is taken from the flag, else the environment, else the file, else the default")
    func precedence() throws {
        let file = try ConfigurationFile.parse(Self.file, path: "ventes.toml")

        let settings = Settings.resolve(
            flags: [.database: .init(name: "--db", value: "flag.db"), .source(.sales): .init(name: "--sales", value: "flag/ventes.csv")],
            environment: [.database: .init(name: "VENTES_DB", value: "env.db"),
                          .resultsDirectory: .init(name: "VENTES_RESULTS_DIR", value: "env-results"),
                          .source(.sales): .init(name: "VENTES_SALES", value: "env/ventes.csv")],
            file: file)

        #expect(settings.databasePath == "flag.db")
        #expect(settings.origins[.database] == .flag("--db"))
        #expect(settings.resultsDirectory == "env-results")
        #expect(settings.origins[.resultsDirectory] == .environment("VENTES_RESULTS_DIR"))
        #expect(settings.source(.stores).location == .url("https://example.com/export/magasins.csv"))
        #expect(settings.origins[.source(.stores)] == .file(path: "ventes.toml", line: 6))
        #expect(settings.source(.sales).location == .file("flag/ventes.csv"))
        #expect(settings.source(.products).location == .file("csv/produits.csv"))
        #expect(settings.origins[.source(.products)] == .csvDirectory)
        #expect(settings.analysesPath == Settings.Defaults.analysesPath)
        #expect(settings.origins[.analyses] == .default)
    }

    @Test("an invalid file names its line", arguments: [
        ("database = \"x.db\"\nfoo = \"y\"\n", "ventes.toml:2: unknown key \"foo\""),
        ("[sources]\nstores = 3\n", "ventes.toml:2: \"sources.stores\" must be a string"),
        ("database = \"x.db\"\n\n[sources]\nsale = \"v.csv\"\n", "ventes.toml:4: unknown key \"sources.sale\""),
        ("database = \n", "ventes.toml:1:"),
        ("results_dir = \"a\"\nresults_dir = \"b\"\n", "ventes.toml:2:"),
    ])
    func invalid(text: String, expected: String) {
        #expect {
            _ = try ConfigurationFile.parse(text, path: "ventes.toml")
        } throws: { error in
            String(describing: error).hasPrefix(expected)
        }
    }

    @Test("a URL value is a URL source, anything else a path")
    func sourceLocation() {
        #expect(SourceLocation("HTTPS://example.com/a.csv") == .url("HTTPS://example.com/a.csv"))
        #expect(SourceLocation("http://127.0.0.1:8080/a.csv") == .url("http://127.0.0.1:8080/a.csv"))
        #expect(SourceLocation("csv/http-export.csv") == .file("csv/http-export.csv"))
        #expect(SourceLocation("C:/exports/ventes.csv") == .file("C:/exports/ventes.csv"))
        #expect(SourceLocation("ftp://example.com/a.csv") == .url("ftp://example.com/a.csv"))
    }
}
