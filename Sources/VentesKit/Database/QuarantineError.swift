/// Why the quarantine cannot be listed or written back as asked.
public enum QuarantineError: Error, Equatable, CustomStringConvertible {
    case noSuchImport(Int64)
    case severalSources([QuarantineSource])
    case headerUnknown(QuarantineSource)

    public var description: String {
        switch self {
        case .noSuchImport(let id):
            return "there is no import #\(id)"
        case .severalSources(let sources):
            let list = sources.map { "\($0.kind.rawValue): \($0.source)" }.joined(separator: ", ")
            return "the rejected rows come from several files (\(list)); a CSV holds one"
        case .headerUnknown(let source):
            return "\(source.source): import #\(source.importID) was made before headers were recorded; its rows cannot be written back under their header"
        }
    }
}
