/// A one-line error for people, printed by argument-parser as `Error: <description>` with exit status 1.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
