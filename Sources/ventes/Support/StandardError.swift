import Foundation

/// Standard error as a `TextOutputStream`: diagnostics go there, data goes to stdout.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
