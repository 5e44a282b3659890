import ArgumentParser
import VentesKit

extension FrontEndWording {
    /// The command line's words: its flags and commands as remedies.
    static let commandLine: FrontEndWording = {
        var wording = FrontEndWording()
        wording.reason = { reason in
            if case .priceMaybeThousands(let error) = reason {
                return error.description + " (if it means thousands, import with --decimal-comma)"
            }
            return reason.description
        }
        wording.dateFormatOption = "--date-format"
        wording.listRejects = { "ventes rejects --import \($0)" }
        return wording
    }()
}

/// Library errors as one line for people, with the flag or command that fixes them: the library
/// states the facts, the command line knows its own options.
enum ErrorWording {
    /// `error` with the command line's remedy, or `error` itself when it needs none.
    static func forPeople(_ error: any Error) -> any Error {
        switch error {
        case let error as ImportError: return CommandError(message(error))
        case let error as QuarantineError: return CommandError(message(error))
        case let error as ConfigurationError:
            guard case .unreadable = error else { return error }
            return CommandError("\(error); check the path given to --config or $\(SettingNames.configurationVariable)")
        case let error as AnalysisFile.Problem where error.isUnreadable:
            return CommandError("\(error); pass --sql FILE or set \(SettingNames.environmentVariable(.analyses))")
        case let error as FetchError:
            return CommandError(message(error))
        case let error as ResultFiles.WriteError:
            return CommandError("\(error) or pass --results-dir")
        case let error as ReportWriter.WriteError:
            return CommandError("\(error) or pass another directory (--results-dir; --out for ventes report)")
        case let error as PostgreSQLStore.OpenError:
            return CommandError("\(error)")
        case let error as SQLiteStore.OpenError:
            return CommandError(error.saysWhatToDo ? "\(error)" : "\(error); check the path and that it is a ventes database")
        default:
            return error
        }
    }

    private static func message(_ error: ImportError) -> String {
        switch error {
        case .ambiguousDateFormat:
            return error.facts + ": pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy"
        case .conflictingDateFormats:
            return error.facts + ": write every date the same way, or pass --date-format to choose (dates in the other format are then rejected)"
        case let .strictRejection(row):
            return "\(row.source):\(row.line): \(FrontEndWording.commandLine.reason(row.reason)); nothing was imported (--strict): fix the row or drop --strict to quarantine it"
        default:
            return error.description
        }
    }

    private static func message(_ error: FetchError) -> String {
        switch error {
        case .tooLarge:
            return error.facts + " (raise --http-max-bytes if it is expected)"
        case .timedOut:
            return error.facts + "; check the server or raise --http-timeout"
        default:
            return error.description
        }
    }

    private static func message(_ error: QuarantineError) -> String {
        switch error {
        case .noSuchImport:
            return "\(error); `ventes rejects` without --import lists the latest one"
        case .severalSources(let sources):
            return "\(error): add --kind \(sources[0].kind.rawValue) (or another)"
        case .headerUnknown(let source):
            return "\(source.source): import #\(source.importID) was made before headers were recorded; list its rows with --format table or json"
        }
    }
}
