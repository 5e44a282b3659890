/// The words a front end (the command line, a service) gives the library's outputs for what only
/// it can name: its options and commands. The defaults name no option.
public struct FrontEndWording: Sendable {
    /// A rejected row's reason, with the front end's remedy where it has one.
    public var reason: @Sendable (RejectionReason) -> String = { $0.description }
    /// How the user chose a file's date format (printed after a format that came from it).
    public var dateFormatOption = "given"
    /// Where to see every rejected row of an import.
    public var listRejects: @Sendable (_ importID: Int64) -> String = { "the quarantine of import #\($0)" }

    public init() {}
}
