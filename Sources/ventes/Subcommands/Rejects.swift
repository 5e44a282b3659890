import ArgumentParser
import Foundation
import VentesKit

extension Ventes {
    /// `ventes rejects`: lists the quarantined rows of an import, or writes them back as a CSV to fix.
    struct Rejects: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rows an import quarantined: import, file, line, reason and text.",
            discussion: """
                --format csv writes the rejected rows of one file under that file's own header, in its delimiter \
                and encoding: fix them in a spreadsheet, then import the result (e.g. ventes import --sales fixed.csv); \
                rows already imported count as duplicates, never twice.
                """)

        @OptionGroup var common: CommonOptions

        @Option(name: .customLong("import"), help: ArgumentHelp("The import to list (default: the latest).", valueName: "id"))
        var importID: Int64?

        @Option(help: "Only the rows of this file: stores, products or sales.")
        var kind: FileKind?

        @Option(help: "Output format.")
        var format: RejectsFormat = .table

        func run() throws {
            let store = try common.openStore(common.settings())
            let listing = try store.quarantine(importID: importID, kind: kind)
            switch format {
            case .table: print(QuarantineRenderer.table(listing), terminator: "")
            case .json: print(QuarantineRenderer.json(listing).serialized())
            case .csv: FileHandle.standardOutput.write(Data(try QuarantineRenderer.csv(listing)))
            }
        }
    }
}
