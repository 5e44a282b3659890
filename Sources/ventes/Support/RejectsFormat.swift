import ArgumentParser
import VentesKit

/// How `ventes rejects` prints the quarantine.
enum RejectsFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension FileKind: ExpressibleByArgument {}
